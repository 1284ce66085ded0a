/// How a `Gauge` paints its bar by how full it is, and its text.
public struct GaugeStyles: Sendable {
    public var normal: Style
    /// From `Gauge.warningThreshold` of the limit.
    public var warning: Style
    /// From `Gauge.criticalThreshold` of the limit, and whenever usage exceeds it.
    public var critical: Style
    /// The unfilled part of the bar.
    public var track: Style
    public var label: Style

    public init(
        normal: Style = Style(fg: .indexed(2)),
        warning: Style = Style(fg: .indexed(3)),
        critical: Style = Style(fg: .indexed(1), modifiers: .bold),
        track: Style = Style(modifiers: .dim),
        label: Style = Style()
    ) {
        self.normal = normal
        self.warning = warning
        self.critical = critical
        self.track = track
        self.label = label
    }
}
