/// A piece of text in a `TopBar` or `StatusBar`, e.g. the program name or "q выход".
public struct BarSegment: Equatable, Sendable {
    public var text: String
    /// Layered over the bar's style; nil keeps the bar's style.
    public var style: Style?

    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }
}
