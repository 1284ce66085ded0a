/// How a `Dialog` paints its box, title, body and buttons.
public struct DialogStyles: Sendable {
    /// The border and the inside of the box.
    public var box: Style
    public var title: Style
    public var body: Style
    public var button: ButtonStyles

    public init(
        box: Style = Style(),
        title: Style = Style(modifiers: .bold),
        body: Style = Style(),
        button: ButtonStyles = ButtonStyles()
    ) {
        self.box = box
        self.title = title
        self.body = body
        self.button = button
    }
}
