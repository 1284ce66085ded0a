import Foundation

/// One sample of a series. The value is kept as the backend sent it: NaN and the infinities are
/// real answers of PromQL (`0/0`, `1/0`), and it is for the view to draw them as gaps.
public struct MetricPoint: Sendable {
    public var time: Date
    public var value: Double

    public init(time: Date, value: Double) {
        self.time = time
        self.value = value
    }
}

/// A time series: its labels (`__name__` included when the backend keeps it) and its samples,
/// oldest first. An instant query gives one sample per series.
public struct MetricsSeries: Sendable {
    public var labels: [String: String]
    public var points: [MetricPoint]

    public init(labels: [String: String], points: [MetricPoint]) {
        self.labels = labels
        self.points = points
    }

    public var name: String? { labels["__name__"] }

    /// `name{a="1", b="2"}` with the labels sorted, as Prometheus prints a series.
    public var selector: String {
        let pairs = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
        return (name ?? "") + (pairs.isEmpty && name != nil ? "" : "{\(pairs.joined(separator: ", "))}")
    }
}

/// The answer to a query: its series and what the backend said about their completeness.
public struct MetricsResult: Sendable {
    public enum Kind: String, Sendable {
        case matrix, vector, scalar, string
    }

    public var kind: Kind
    public var series: [MetricsSeries]
    /// Warnings the backend attached (Prometheus `warnings`, e.g. a remote store that did not answer).
    public var warnings: [String]
    /// True when the backend says some data is missing (VictoriaMetrics cluster `isPartial`).
    public var isPartial: Bool

    public init(kind: Kind, series: [MetricsSeries], warnings: [String] = [], isPartial: Bool = false) {
        self.kind = kind
        self.series = series
        self.warnings = warnings
        self.isPartial = isPartial
    }

    /// Partial or warned about: a view should say the picture may be incomplete.
    public var isIncomplete: Bool { isPartial || !warnings.isEmpty }
}
