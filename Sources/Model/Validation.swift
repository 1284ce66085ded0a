/// A problem with one field of user input: the field's path and the rule it breaks, whose
/// message is in both languages.
public struct FieldIssue: Error, Equatable, Sendable {
    public let field: String
    public let rule: FieldRule

    public init(field: String, _ rule: FieldRule) {
        self.field = field
        self.rule = rule
    }

    public var message: LocalizedText { rule.message }

    /// The same issue, its field inside `prefix` (`components[2]` and `name` make `components[2].name`).
    public func under(_ prefix: String) -> FieldIssue {
        FieldIssue(field: "\(prefix).\(field)", rule)
    }
}

/// Checks of user input shared by the platform (which refuses) and the cabinet (which warns as
/// you type), so both say the same thing.
public enum Validation {
    public static let descriptionMaxLength = 1000

    /// Problems with a slug, most fundamental first; empty when the slug is valid.
    public static func slug(_ value: String, field: String = "slug") -> [FieldIssue] {
        slugRules(value, maxLength: Slug.maxLength).map { FieldIssue(field: field, $0) }
    }

    /// The rules a slug breaks, for identifiers of at most `maxLength` characters.
    static func slugRules(_ value: String, maxLength: Int) -> [FieldRule] {
        if value.isEmpty { return [.slugRequired] }
        var rules: [FieldRule] = []
        if value.count > maxLength { rules.append(.tooLong(max: maxLength, now: value.count)) }
        if let first = value.unicodeScalars.first, !("a"..."z").contains(first) { rules.append(.mustStartWithLetter) }
        if !value.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            rules.append(.slugCharacters)
        }
        if value.hasSuffix("-") { rules.append(.endsWithHyphen) }
        return rules
    }

    /// Problems with a description: at most 1000 characters, counted as Unicode code points (as
    /// JSON Schema's `maxLength` counts them, so that the API contract can state the rule).
    public static func description(_ value: String, field: String = "description") -> [FieldIssue] {
        let count = value.unicodeScalars.count
        guard count > descriptionMaxLength else { return [] }
        return [FieldIssue(field: field, .descriptionTooLong(max: descriptionMaxLength, now: count))]
    }

    /// Problems with a display name: required, one line, at most 100 characters.
    public static func displayName(_ value: String, field: String = "name") -> [FieldIssue] {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            return [FieldIssue(field: field, .nameRequired)]
        }
        if value.contains(where: \.isNewline) || value.unicodeScalars.count > 100 {
            return [FieldIssue(field: field, .oneLine(max: 100))]
        }
        return []
    }
}
