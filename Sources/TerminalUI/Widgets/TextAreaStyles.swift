/// How a `TextArea` paints its text, placeholder, cursor and character counter.
public struct TextAreaStyles: Sendable {
    public var text: Style
    /// Layered over `text` while the area has focus.
    public var focused: Style
    public var placeholder: Style
    public var cursor: Style
    public var counter: Style
    /// Layered over `counter` once the limit is reached.
    public var counterFull: Style

    public init(
        text: Style = Style(),
        focused: Style = Style(),
        placeholder: Style = Style(modifiers: .dim),
        cursor: Style = Style(modifiers: .reverse),
        counter: Style = Style(modifiers: .dim),
        counterFull: Style = Style(fg: .indexed(1))
    ) {
        self.text = text
        self.focused = focused
        self.placeholder = placeholder
        self.cursor = cursor
        self.counter = counter
        self.counterFull = counterFull
    }
}
