/// How `Tabs` paints its line, the selected tab and the separators.
public struct TabsStyles: Sendable {
    public var line: Style
    /// Layered over `line` for the selected tab.
    public var selected: Style
    public var separator: Style

    public init(
        line: Style = Style(),
        selected: Style = Style(modifiers: [.reverse, .bold]),
        separator: Style = Style(modifiers: .dim)
    ) {
        self.line = line
        self.selected = selected
        self.separator = separator
    }
}
