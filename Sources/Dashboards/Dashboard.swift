import Model

/// A dashboard: panels of PromQL queries, read from `dashboards/<name>.toml` (see `DashboardFile`).
public struct Dashboard: Equatable, Sendable {
    /// The file name without `.toml`; a user's file of the same name replaces the shipped one.
    public var name: String
    public var title: LocalizedText
    /// Panels in the order of the file.
    public var panels: [DashboardPanel]

    public init(name: String, title: LocalizedText, panels: [DashboardPanel]) {
        self.name = name
        self.title = title
        self.panels = panels
    }
}

/// One panel: what to query, how to draw it and when its value is worrying.
public struct DashboardPanel: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A chart over the time range.
        case sparkline
        /// The last value as a bar between `minimum` and `maximum`.
        case gauge
        /// The last value as a number.
        case stat
        /// The last value of each series, one row per series.
        case table
    }

    /// The panel's key in the file (`[panels.cpu]` → `cpu`).
    public var id: String
    public var title: LocalizedText
    /// PromQL with variables (`$namespace`, `$range`, … see `DashboardVariables`).
    public var query: String
    public var kind: Kind
    public var unit: MetricUnit
    /// How a series is named in legends and tables: `{{pod}}` takes the `pod` label; nil uses the labels.
    public var legend: String?
    public var thresholds: Thresholds
    /// The scale of gauges and charts; nil takes it from the data (a gauge's maximum defaults to 100 for
    /// percentages and 1 for ratios).
    public var minimum: Double?
    public var maximum: Double?

    public init(id: String, title: LocalizedText, query: String, kind: Kind = .sparkline, unit: MetricUnit = .none,
                legend: String? = nil, thresholds: Thresholds = Thresholds(), minimum: Double? = nil, maximum: Double? = nil) {
        self.id = id
        self.title = title
        self.query = query
        self.kind = kind
        self.unit = unit
        self.legend = legend
        self.thresholds = thresholds
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The scale a gauge draws against when the file gives none.
    public var gaugeMaximum: Double? {
        if let maximum { return maximum }
        switch unit {
        case .percent: return 100
        case .ratio: return 1
        default: return nil
        }
    }
}

/// Values from which a panel's number is a warning or critical (both optional; higher is worse).
public struct Thresholds: Equatable, Sendable {
    public var warning: Double?
    public var critical: Double?

    public init(warning: Double? = nil, critical: Double? = nil) {
        self.warning = warning
        self.critical = critical
    }

    public enum Level: Sendable, Equatable {
        case normal, warning, critical
    }

    public func level(of value: Double) -> Level {
        guard value.isFinite else { return .normal }
        if let critical, value >= critical { return .critical }
        if let warning, value >= warning { return .warning }
        return .normal
    }

    public var isEmpty: Bool { warning == nil && critical == nil }
}
