/// How a `LogView` paints its lines, search matches and search prompt.
public struct LogViewStyles: Sendable {
    public var text: Style
    /// Layered over every match of the search.
    public var match: Style
    /// Layered over the matches on the line that `n`/`N` last went to.
    public var currentMatch: Style
    /// The `/` search line at the bottom while a search is typed.
    public var prompt: TextFieldStyles

    public init(
        text: Style = Style(),
        match: Style = Style(modifiers: .reverse),
        currentMatch: Style = Style(modifiers: [.reverse, .bold]),
        prompt: TextFieldStyles = TextFieldStyles(text: Style())
    ) {
        self.text = text
        self.match = match
        self.currentMatch = currentMatch
        self.prompt = prompt
    }
}
