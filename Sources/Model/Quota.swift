/// The resources a team's quota limits.
public enum QuotaResource: String, Codable, Sendable, CaseIterable {
    case cpu
    case memory
    case gpu
    /// The sum of the team's DataBox capacities, in bytes.
    case storage
    case apps
    case components
}

public struct QuotaLimit: Codable, Equatable, Sendable {
    public var hard: Int64
    public var used: Int64
    public init(hard: Int64, used: Int64) {
        self.hard = hard
        self.used = used
    }

    /// Whether adding `amount` stays within the hard limit.
    public func allows(adding amount: Int64) -> Bool {
        let (total, overflow) = used.addingReportingOverflow(amount)
        return !overflow && total <= hard
    }
}

/// A team's quota: cpu in millicores, memory and storage in bytes, the rest as counts.
public struct Quota: Codable, Equatable, Sendable {
    public var team: String
    public var limits: [QuotaResource: QuotaLimit]
    public init(team: String, limits: [QuotaResource: QuotaLimit]) {
        self.team = team
        self.limits = limits
    }
}
