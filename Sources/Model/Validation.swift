/// A problem with one field of user input, with its message in both languages.
public struct FieldIssue: Error, Equatable, Sendable {
    public let field: String
    public let message: LocalizedText

    public init(field: String, message: LocalizedText) {
        self.field = field
        self.message = message
    }
}

/// Checks of user input shared by the platform (which refuses) and the cabinet (which warns as
/// you type), so both say the same thing.
public enum Validation {
    public static let descriptionMaxLength = 1000

    /// Problems with a slug, most fundamental first; empty when the slug is valid.
    public static func slug(_ value: String, field: String = "slug") -> [FieldIssue] {
        func issue(_ ru: String, _ en: String) -> FieldIssue {
            FieldIssue(field: field, message: LocalizedText(ru: ru, en: en))
        }
        if value.isEmpty {
            return [issue("Укажите идентификатор (slug)", "Enter an identifier (slug)")]
        }
        var issues: [FieldIssue] = []
        let count = value.count
        if count > Slug.maxLength {
            issues.append(issue(
                "Не длиннее \(Slug.maxLength) символов (сейчас \(count))",
                "At most \(Slug.maxLength) characters (now \(count))"))
        }
        if let first = value.unicodeScalars.first, !("a"..."z").contains(first) {
            issues.append(issue(
                "Должен начинаться со строчной латинской буквы",
                "Must start with a lowercase Latin letter"))
        }
        let allowed = value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !allowed {
            issues.append(issue(
                "Только строчные латинские буквы, цифры и дефис",
                "Only lowercase Latin letters, digits and hyphens"))
        }
        if value.hasSuffix("-") {
            issues.append(issue("Не может заканчиваться дефисом", "Must not end with a hyphen"))
        }
        return issues
    }

    /// Problems with a description: at most 1000 characters, counted as Unicode code points (as
    /// JSON Schema's `maxLength` counts them, so that the API contract can state the rule).
    public static func description(_ value: String, field: String = "description") -> [FieldIssue] {
        let count = value.unicodeScalars.count
        guard count > descriptionMaxLength else { return [] }
        return [FieldIssue(field: field, message: LocalizedText(
            ru: "Описание не длиннее \(descriptionMaxLength) символов (сейчас \(count))",
            en: "The description is at most \(descriptionMaxLength) characters (now \(count))"))]
    }

    /// Problems with a display name: required, one line, at most 100 characters.
    public static func displayName(_ value: String, field: String = "name") -> [FieldIssue] {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            return [FieldIssue(field: field, message: LocalizedText(ru: "Укажите название", en: "Enter a name"))]
        }
        if value.contains(where: \.isNewline) || value.unicodeScalars.count > 100 {
            return [FieldIssue(field: field, message: LocalizedText(
                ru: "Одна строка, не длиннее 100 символов", en: "One line, at most 100 characters"))]
        }
        return []
    }
}
