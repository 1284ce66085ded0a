/// How a `HelpOverlay` paints its box, section titles, keys and descriptions.
public struct HelpOverlayStyles: Sendable {
    /// The border and the inside of the box.
    public var box: Style
    /// The overlay's title in the top border.
    public var title: Style
    public var sectionTitle: Style
    public var keys: Style
    public var description: Style
    /// The ▲/▼ marks in the border when there is more to scroll to.
    public var scrollMark: Style

    public init(
        box: Style = Style(),
        title: Style = Style(modifiers: .bold),
        sectionTitle: Style = Style(modifiers: [.bold, .underline]),
        keys: Style = Style(modifiers: .bold),
        description: Style = Style(),
        scrollMark: Style = Style(modifiers: .bold)
    ) {
        self.box = box
        self.title = title
        self.sectionTitle = sectionTitle
        self.keys = keys
        self.description = description
        self.scrollMark = scrollMark
    }
}
