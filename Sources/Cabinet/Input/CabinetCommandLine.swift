import Model

/// What the `:` command line asks for, parsed from its text apart from carrying it out, so that
/// each spelling is tested alone: `:apps`, `:new`, `:quotas`, `:teams`, `:events [APP]`,
/// `:dashboards [NAME]`, `:theme [NAME]`, `:lang [ru|en]`, `:q`.
enum CabinetCommandLine: Equatable, Sendable {
    case applications
    case newApplication
    case quotas
    case teams
    case events(application: String?)
    case dashboard(name: String?)
    case theme(name: String?)
    case language(code: String?)
    case quit
    /// Nothing the cabinet knows; the text as typed, for the message.
    case unknown(String)

    /// The words Tab completes, in the order it offers them.
    static let words = ["apps", "new", "quotas", "teams", "events", "dashboards", "theme", "lang", "q", "quit"]

    /// The commands as the help lists them.
    static let summary = ":apps, :quotas, :teams, :events, :dashboards, :theme, :lang, :q"

    init(parsing text: String) {
        let words = text.split(separator: " ").map(String.init)
        let argument = words.dropFirst().first
        switch words.first?.lowercased() ?? "" {
        case "apps", "applications": self = .applications
        case "new": self = .newApplication
        case "quotas": self = .quotas
        case "teams": self = .teams
        case "events": self = .events(application: argument)
        case "dashboards", "dashboard": self = .dashboard(name: argument)
        case "theme": self = .theme(name: argument)
        case "lang", "language": self = .language(code: argument)
        case "q", "quit": self = .quit
        default: self = .unknown(text)
        }
    }

    /// What Tab completes: the commands, then each theme and language.
    static func completions(themes: [String]) -> [String] {
        words + themes.map { "theme \($0)" } + Language.allCases.map { "lang \($0.rawValue)" }
    }
}
