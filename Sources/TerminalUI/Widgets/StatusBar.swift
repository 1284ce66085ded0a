/// The one-line bar at the bottom of the screen: mode and messages on the left, key hints and
/// counters on the right. On a narrow line the right side keeps priority, but the left keeps at least
/// `minimumLeftWidth` columns so the user still sees where they are.
public struct StatusBar: Widget {
    public var left: [BarSegment]
    public var right: [BarSegment]
    public var minimumLeftWidth: Int
    public var style: Style

    public init(left: [BarSegment], right: [BarSegment] = [], minimumLeftWidth: Int = 10, style: Style = Style(modifiers: .reverse)) {
        self.left = left
        self.right = right
        self.minimumLeftWidth = minimumLeftWidth
        self.style = style
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        BarLine(left: left, right: right, minimumLeftWidth: minimumLeftWidth, style: style)
            .render(in: area, buffer: &buffer)
    }
}
