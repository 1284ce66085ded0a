/// How a `Select` paints its closed field and its open list.
public struct SelectStyles: Sendable {
    public var field: Style
    /// Layered over `field` while the select has focus.
    public var focused: Style
    /// Layered over `field` for the placeholder shown while nothing is chosen.
    public var placeholder: Style
    public var list: Style
    /// Layered over `list` for the option under the cursor.
    public var highlighted: Style

    public init(
        field: Style = Style(modifiers: .underline),
        focused: Style = Style(modifiers: .bold),
        placeholder: Style = Style(modifiers: .dim),
        list: Style = Style(bg: .indexed(236)),
        highlighted: Style = Style(modifiers: .reverse)
    ) {
        self.field = field
        self.focused = focused
        self.placeholder = placeholder
        self.list = list
        self.highlighted = highlighted
    }
}
