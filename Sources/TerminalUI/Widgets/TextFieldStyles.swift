/// How a `TextField` paints its text, its placeholder and its cursor.
public struct TextFieldStyles: Sendable {
    /// The whole field, so an empty one still shows where to type.
    public var text: Style
    /// Layered over `text` while the field has focus.
    public var focused: Style
    /// Layered over the field's style for the placeholder shown while the field is empty.
    public var placeholder: Style
    /// Layered over the cell under the cursor while the field has focus.
    public var cursor: Style

    public init(
        text: Style = Style(modifiers: .underline),
        focused: Style = Style(modifiers: .bold),
        placeholder: Style = Style(modifiers: .dim),
        cursor: Style = Style(modifiers: .reverse)
    ) {
        self.text = text
        self.focused = focused
        self.placeholder = placeholder
        self.cursor = cursor
    }
}
