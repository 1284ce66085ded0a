import Model

/// Why the store refused a change. Handlers turn these into problem+json answers.
package enum StoreError: Error, Equatable, Sendable {
    case notFound(String)
    /// Input that breaks a rule, per field.
    case invalid([FieldIssue])
    /// A unique value already taken (e.g. a slug), or a change the state forbids, naming the field.
    case conflict(FieldIssue)
    /// The change would take `resource` to `requested` over `hard`.
    case quotaExceeded(team: String, resource: QuotaResource, hard: Int64, used: Int64, requested: Int64)
}
