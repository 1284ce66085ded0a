/// The two languages of the cabinet. Model owns the choice so that validation messages can be
/// given in either without Model depending on a UI catalog.
public enum Language: String, Codable, Sendable, CaseIterable {
    case ru
    case en

    /// Picks the language from POSIX locale variables the way `setlocale` would: `LC_ALL` wins,
    /// then `LC_MESSAGES`, then `LANG`; Russian for any `ru*` locale, English otherwise.
    public static func from(environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("ru") ? .ru : .en
        }
        return .en
    }
}

/// A text in both languages.
public struct LocalizedText: Equatable, Hashable, Sendable {
    public let ru: String
    public let en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    public func text(in language: Language) -> String {
        language == .ru ? ru : en
    }
}
