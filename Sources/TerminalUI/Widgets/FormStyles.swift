/// How a `Form` paints labels and errors, and the styles it passes to its fields.
public struct FormStyles: Sendable {
    public var label: Style
    /// Layered over `label` for the focused field.
    public var focusedLabel: Style
    public var error: Style
    public var textField: TextFieldStyles
    public var textArea: TextAreaStyles
    public var select: SelectStyles
    public var button: ButtonStyles

    public init(
        label: Style = Style(),
        focusedLabel: Style = Style(modifiers: .bold),
        error: Style = Style(fg: .indexed(1)),
        textField: TextFieldStyles = TextFieldStyles(),
        textArea: TextAreaStyles = TextAreaStyles(),
        select: SelectStyles = SelectStyles(),
        button: ButtonStyles = ButtonStyles()
    ) {
        self.label = label
        self.focusedLabel = focusedLabel
        self.error = error
        self.textField = textField
        self.textArea = textArea
        self.select = select
        self.button = button
    }
}
