/// Named styles for the parts of the screen ("scopes" such as `ui.table.selected`), read from a theme
/// file by `ThemeLoader`. Widgets ask for a scope; a scope the theme does not define takes the style of
/// its longest defined prefix, so `ui.table.header.sorted` looks like `ui.table.header`, then
/// `ui.table`, then `ui`, then the terminal's default.
public struct Theme: Equatable, Sendable {
    public let name: String
    /// The scopes the theme defines, with their styles.
    public let styles: [String: Style]

    public init(name: String, styles: [String: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(for scope: String) -> Style {
        var candidate = Substring(scope)
        while true {
            if let style = styles[String(candidate)] { return style }
            guard let dot = candidate.lastIndex(of: ".") else { return Style() }
            candidate = candidate[..<dot]
        }
    }

    /// The last resort when not even the shipped default theme can be read: no colours, and just
    /// enough modifiers that the selection, focus and errors remain visible.
    public static let plain = Theme(
        name: "plain",
        styles: [
            "ui.title": Style(modifiers: .bold),
            "ui.text.dim": Style(modifiers: .dim),
            "ui.topbar": Style(modifiers: .reverse),
            "ui.statusbar": Style(modifiers: .reverse),
            "ui.table.header": Style(modifiers: [.bold, .underline]),
            "ui.table.selected": Style(modifiers: .reverse),
            "ui.tabs.selected": Style(modifiers: [.bold, .reverse]),
            "ui.field": Style(modifiers: .underline),
            "ui.field.focused": Style(modifiers: .reverse),
            "ui.field.error": Style(modifiers: [.bold, .underline]),
            "ui.button.focused": Style(modifiers: .reverse),
            "ui.log.match": Style(modifiers: .reverse),
            "status.failed": Style(modifiers: .bold),
        ])
}
