/// How a `CommandPrompt` paints its `:` prompt and the text being typed.
public struct CommandPromptStyles: Sendable {
    public var prompt: Style
    public var field: TextFieldStyles

    public init(prompt: Style = Style(modifiers: .bold), field: TextFieldStyles = TextFieldStyles(text: Style())) {
        self.prompt = prompt
        self.field = field
    }
}
