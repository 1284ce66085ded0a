/// How a `Filter` paints its `/` prompt, the query and the match count.
public struct FilterStyles: Sendable {
    public var prompt: Style
    public var field: TextFieldStyles
    public var count: Style

    public init(
        prompt: Style = Style(modifiers: .bold), field: TextFieldStyles = TextFieldStyles(text: Style()),
        count: Style = Style(modifiers: .dim)
    ) {
        self.prompt = prompt
        self.field = field
        self.count = count
    }
}
