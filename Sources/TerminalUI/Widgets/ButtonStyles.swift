/// How a `Button` looks with and without focus, and when it cannot be used.
public struct ButtonStyles: Sendable {
    public var normal: Style
    public var focused: Style
    /// Layered over `normal` for a button that does nothing yet, e.g. before a confirmation is typed.
    public var disabled: Style

    public init(
        normal: Style = Style(),
        focused: Style = Style(modifiers: [.reverse, .bold]),
        disabled: Style = Style(modifiers: .dim)
    ) {
        self.normal = normal
        self.focused = focused
        self.disabled = disabled
    }
}
