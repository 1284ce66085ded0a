import Client
import Foundation

/// What a panel got from its last query.
public struct DashboardPanelData: Sendable {
    public var series: [MetricsSeries]
    /// The range query's window; nil for an instant query (stat, gauge, table).
    public var window: QueryWindow?
    public var warnings: [String]
    public var isPartial: Bool

    public init(series: [MetricsSeries], window: QueryWindow?, warnings: [String] = [], isPartial: Bool = false) {
        self.series = series
        self.window = window
        self.warnings = warnings
        self.isPartial = isPartial
    }

    init(_ result: MetricsResult, window: QueryWindow?) {
        self.init(series: result.series, window: window, warnings: result.warnings, isPartial: result.isPartial)
    }

    /// Series with at least one drawable value; a panel without any shows "no data".
    var drawableSeries: [MetricsSeries] {
        series.filter { $0.points.contains { $0.value.isFinite } }
    }

    var isIncomplete: Bool { isPartial || !warnings.isEmpty }

    /// The values of `series` on the window's grid, oldest first: one slot per step, nil where the
    /// backend gave no point (a gap) or a NaN or infinity, so that gaps stay where they happened.
    static func values(of series: MetricsSeries, in window: QueryWindow) -> [Double?] {
        var values = [Double?](repeating: nil, count: max(window.pointCount, 0))
        let start = window.start.timeIntervalSince1970
        let step = Double(window.step)
        for point in series.points {
            let offset = (point.time.timeIntervalSince1970 - start) / step
            let index = Int(offset.rounded())
            guard values.indices.contains(index), abs(offset - Double(index)) < 0.01, point.value.isFinite else { continue }
            values[index] = point.value
        }
        return values
    }

    /// The last drawable value of a series.
    static func last(of series: MetricsSeries) -> Double? {
        series.points.last { $0.value.isFinite }?.value
    }

    /// A series' name in legends and tables: the panel's legend template (`{{pod}}`) filled from its
    /// labels, else its labels without the metric name, else `fallback`.
    static func name(of series: MetricsSeries, legend: String?, fallback: String) -> String {
        if let legend {
            var text = ""
            var rest = Substring(legend)
            while let open = rest.range(of: "{{") {
                text += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    rest = rest[open.lowerBound...]
                    break
                }
                let label = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                text += series.labels[label] ?? ""
                rest = rest[close.upperBound...]
            }
            text += rest
            if !text.isEmpty { return text }
        }
        let pairs = series.labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return pairs.isEmpty ? (series.name ?? fallback) : pairs.joined(separator: ", ")
    }
}
