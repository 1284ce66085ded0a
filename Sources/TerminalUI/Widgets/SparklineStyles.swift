/// How a `Sparkline` paints its chart and its legend.
public struct SparklineStyles: Sendable {
    public var chart: Style
    public var legend: Style

    public init(chart: Style = Style(), legend: Style = Style(modifiers: .dim)) {
        self.chart = chart
        self.legend = legend
    }
}
