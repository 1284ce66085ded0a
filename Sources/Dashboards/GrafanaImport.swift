import Foundation
import Model

/// Turns a Grafana dashboard (its JSON model, old or new schema) into one of ours: timeseries,
/// graph, stat, singlestat and gauge panels with Prometheus-compatible queries, plus plain tables;
/// rows and their nested panels are flattened in order. Whatever cannot be carried over is named
/// with the reason, never silently dropped.
public struct GrafanaImport {
    public struct Skipped: Equatable, Sendable, CustomStringConvertible {
        public let title: String
        public let reason: String
        public var description: String { "\(title): \(reason)" }
    }

    public struct Result: Sendable {
        public var dashboard: Dashboard
        public var skipped: [Skipped]
        /// Panels carried over with a change the user should know of (a query dropped, a variable widened).
        public var notes: [String]
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notJSON(String)
        case notADashboard

        public var description: String {
            switch self {
            case .notJSON(let why): "not a JSON file: \(why)"
            case .notADashboard: "not a Grafana dashboard (no \"panels\" or \"rows\")"
            }
        }
    }

    /// Converts the dashboard in `json`; `name` becomes the file name (see `suggestedName`).
    public static func convert(_ json: Data, name: String) throws(Failure) -> Result {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw .notJSON((error as NSError).localizedDescription)
        }
        guard var root = object as? [String: Any] else { throw .notADashboard }
        // An export made for sharing wraps the model: {"dashboard": {...}, "meta": {...}}.
        if let inner = root["dashboard"] as? [String: Any] { root = inner }
        guard root["panels"] is [Any] || root["rows"] is [Any] else { throw .notADashboard }
        var importer = GrafanaImport(root: root)
        let panels = importer.flattenedPanels()
        for panel in panels { importer.convert(panel) }
        let title = (root["title"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? name
        return Result(dashboard: Dashboard(name: name, title: LocalizedText(ru: title, en: title), panels: importer.converted),
                      skipped: importer.skipped, notes: importer.notes)
    }

    /// A file name from the dashboard's title: `Kubernetes / Pods` → `kubernetes-pods`.
    public static func suggestedName(for json: Data, fallback: String) -> String {
        let root = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
        let title = ((root?["dashboard"] as? [String: Any])?["title"] ?? root?["title"]) as? String
        let slug = slugify(title ?? "")
        return slug.isEmpty ? fallback : slug
    }

    // MARK: Walking the panels

    private let root: [String: Any]
    private var converted: [DashboardPanel] = []
    private var skipped: [Skipped] = []
    private var notes: [String] = []

    private init(root: [String: Any]) {
        self.root = root
    }

    /// Every panel in reading order: rows give way to the panels they hold (collapsed rows keep them
    /// inside; the old schema has `rows[].panels`).
    private func flattenedPanels() -> [[String: Any]] {
        var result: [[String: Any]] = []
        func walk(_ panels: [Any]) {
            for case let panel as [String: Any] in panels {
                if panel["type"] as? String == "row" {
                    walk(panel["panels"] as? [Any] ?? [])
                } else {
                    result.append(panel)
                    // A panel may nest more (a repeated group exported whole).
                    if let nested = panel["panels"] as? [Any] { walk(nested) }
                }
            }
        }
        if let rows = root["rows"] as? [Any] {
            for case let row as [String: Any] in rows { walk(row["panels"] as? [Any] ?? []) }
        }
        walk(root["panels"] as? [Any] ?? [])
        return result
    }

    private mutating func convert(_ panel: [String: Any]) {
        let type = panel["type"] as? String ?? "?"
        let rawTitle = (panel["title"] as? String).map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let title = rawTitle.isEmpty ? "panel \(panel["id"].map { "\($0)" } ?? "?") (\(type))" : rawTitle
        func skip(_ reason: String) { skipped.append(Skipped(title: title, reason: reason)) }

        let kind: DashboardPanel.Kind
        switch type {
        case "timeseries", "graph": kind = .sparkline
        case "stat", "singlestat": kind = .stat
        case "gauge", "bargauge": kind = .gauge
        case "table", "table-old":
            if let transformations = panel["transformations"] as? [Any], !transformations.isEmpty {
                return skip("table with transformations, which we cannot apply")
            }
            kind = .table
        default:
            if panel["libraryPanel"] != nil && panel["targets"] == nil { return skip("library panel, its model is not in this file") }
            return skip("panel type \"\(type)\" is not supported (timeseries, graph, stat, singlestat, gauge and plain tables are)")
        }
        let panelSource = datasourceType(panel["datasource"])
        let targets = (panel["targets"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }.filter { $0["hide"] as? Bool != true }
        guard !targets.isEmpty else { return skip("no queries") }
        var usable: [(target: [String: Any], expr: String)] = []
        var otherSources: [String] = []
        for target in targets {
            let source = target["datasource"].flatMap { datasourceType($0) } ?? panelSource ?? "prometheus"
            guard Self.prometheusTypes.contains(source) else {
                otherSources.append(source)
                continue
            }
            if let expr = (target["expr"] as? String) ?? (target["query"] as? String),
               !expr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                usable.append((target, expr))
            }
        }
        guard let (target, expr) = usable.first else {
            if let other = otherSources.first { return skip("\(other) datasource, not Prometheus-compatible") }
            return skip("no PromQL query")
        }
        let query: String
        switch translateVariables(expr) {
        case .success(let (text, widened)):
            query = text
            for variable in widened { notes.append("\(title): $\(variable) has no counterpart here; every value is shown") }
        case .failure(let failure):
            return skip(failure.message)
        }
        if usable.count > 1 {
            let dropped = usable.dropFirst().map { ($0.target["refId"] as? String) ?? "?" }
            notes.append("\(title): only query \((target["refId"] as? String) ?? "A") kept; \(dropped.joined(separator: ", ")) dropped (one query per panel)")
        }

        var result = DashboardPanel(id: uniqueID(for: rawTitle.isEmpty ? type : rawTitle), title: LocalizedText(ru: title, en: title), query: query, kind: kind)
        if let legend = target["legendFormat"] as? String, !legend.isEmpty, legend != "__auto" { result.legend = legend }
        let defaults = (panel["fieldConfig"] as? [String: Any])?["defaults"] as? [String: Any] ?? [:]
        let unitName = (defaults["unit"] as? String) ?? (panel["format"] as? String)
            ?? (((panel["yaxes"] as? [Any])?.first as? [String: Any])?["format"] as? String)
        if let unitName {
            if let unit = Self.units[unitName] { result.unit = unit } else { notes.append("\(title): unit \"\(unitName)\" is not known here; shown without a unit") }
        }
        result.minimum = Self.number(defaults["min"]) ?? Self.number((panel["gauge"] as? [String: Any])?["minValue"])
        result.maximum = Self.number(defaults["max"]) ?? Self.number((panel["gauge"] as? [String: Any])?["maxValue"])
        result.thresholds = thresholds(panel: panel, defaults: defaults, title: title)
        converted.append(result)
    }

    // MARK: Datasources

    static let prometheusTypes: Set<String> = ["prometheus", "victoriametrics-datasource", "victoriametrics-metrics-datasource"]

    /// The plugin type of a datasource reference: `{"type": "loki", "uid": …}`, a name, `${DS_X}`, or
    /// nil for the default (which we take to be Prometheus) and for "mixed" (each query says its own).
    private func datasourceType(_ reference: Any?) -> String? {
        if let object = reference as? [String: Any] {
            if let type = object["type"] as? String, type != "datasource" { return type }
            return (object["uid"] as? String).flatMap { uid in uid.contains("Mixed") ? nil : datasourceType(uid) }
        }
        guard let name = reference as? String, !name.isEmpty, !name.contains("Mixed") else { return nil }
        if name.hasPrefix("$") || name.hasPrefix("[[") {
            let variable = name.trimmingCharacters(in: CharacterSet(charactersIn: "${}[]"))
            let templates = (root["templating"] as? [String: Any])?["list"] as? [Any] ?? []
            for case let template as [String: Any] in templates where template["name"] as? String == variable {
                if template["type"] as? String == "datasource" { return template["query"] as? String }
            }
            for case let input as [String: Any] in root["__inputs"] as? [Any] ?? [] where input["name"] as? String == variable {
                return input["pluginId"] as? String
            }
            return nil
        }
        for case let input as [String: Any] in root["__inputs"] as? [Any] ?? [] where input["label"] as? String == name {
            return input["pluginId"] as? String
        }
        let lowered = name.lowercased()
        for other in ["loki", "elasticsearch", "influx", "graphite", "tempo", "jaeger", "postgres", "mysql", "clickhouse", "cloudwatch"] where lowered.contains(other) {
            return other
        }
        return nil
    }

    // MARK: Variables

    private struct VariableFailure: Error {
        let message: String
    }

    /// Grafana's `$var`, `${var}`, `${var:format}` and `[[var]]` in our spelling: the application's
    /// variables keep their names, Grafana's built-in intervals map to ours, and a label matcher on any
    /// other variable is widened to every value (returned, so the user is told).
    private func translateVariables(_ expr: String) -> Swift.Result<(String, [String]), VariableFailure> {
        var widened: [String] = []
        var output = ""
        var rest = Substring(expr)
        while let start = rest.firstIndex(where: { $0 == "$" || $0 == "[" }) {
            var name = ""
            var after = rest[rest.index(after: start)...]
            if rest[start] == "[" {
                if after.first == "[", let close = after.range(of: "]]") {
                    name = String(after[after.index(after: after.startIndex)..<close.lowerBound])
                    after = after[close.upperBound...]
                }
            } else if after.first == "{", let close = after.firstIndex(of: "}") {
                name = String(after[after.index(after: after.startIndex)..<close].split(separator: ":").first ?? "")
                after = after[after.index(after: close)...]
            } else {
                name = String(after.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                after = after.dropFirst(name.count)
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                // A range selector `[5m]` or a lone `$`: plain text.
                output += rest[...start]
                rest = rest[rest.index(after: start)...]
                continue
            }
            output += rest[..<start]
            rest = after
            if let ours = Self.variableMap[name] ?? Self.variableMap[name.lowercased()] {
                output += "$" + ours
                continue
            }
            if name.hasPrefix("__") {
                return .failure(VariableFailure(message: "uses Grafana's $\(name), which has no counterpart here"))
            }
            // Inside the quotes of a label matcher (`job=~"$job"`): the matcher becomes `job=~".*"`.
            guard let quote = output.lastIndex(of: "\""), let closing = rest.firstIndex(of: "\""),
                  let matcher = output[..<quote].firstMatch(of: Self.labelBeforeOperator),
                  matcher.range.upperBound == quote else {
                return .failure(VariableFailure(message: "uses the variable $\(name) outside a label matcher, which has no counterpart here"))
            }
            let label = String(matcher.output.1)
            output.removeSubrange(matcher.range.lowerBound...)
            output += "\(label)=~\".*\""
            rest = rest[rest.index(after: closing)...]
            if !widened.contains(name) { widened.append(name) }
        }
        return .success((output + rest, widened))
    }

    /// `label =~ ` just before the opening quote of a matcher's value.
    nonisolated(unsafe) private static let labelBeforeOperator = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)\s*$/

    private static let variableMap: [String: String] = [
        "namespace": "namespace", "ns": "namespace", "kubernetes_namespace": "namespace", "exported_namespace": "namespace",
        "app": "app", "application": "app", "component": "component",
        "__rate_interval": "rate_interval", "__interval": "step", "__range": "range",
    ]

    // MARK: Units and thresholds

    private static let units: [String: MetricUnit] = [
        "none": .none, "short": .none, "": .none, "count": .none,
        "percent": .percent, "percentunit": .ratio,
        "bytes": .bytes, "decbytes": .bytes, "kbytes": .bytes, "deckbytes": .bytes,
        "Bps": .bytesPerSecond, "binBps": .bytesPerSecond, "decBps": .bytesPerSecond,
        "s": .seconds, "dtdurations": .seconds, "ms": .milliseconds,
        "reqps": .perSecond, "rps": .perSecond, "ops": .perSecond, "wps": .perSecond, "iops": .perSecond, "cps": .perSecond,
    ]

    private mutating func thresholds(panel: [String: Any], defaults: [String: Any], title: String) -> Thresholds {
        if let modern = defaults["thresholds"] as? [String: Any] {
            if modern["mode"] as? String == "percentage" {
                notes.append("\(title): thresholds in percent of the range are not carried over")
                return Thresholds()
            }
            let values = (modern["steps"] as? [Any] ?? []).compactMap { ($0 as? [String: Any]).flatMap { Self.number($0["value"]) } }.sorted()
            return Thresholds(warning: values.count >= 2 ? values[values.count - 2] : nil, critical: values.last)
        }
        if let text = panel["thresholds"] as? String {
            // singlestat: "80,90".
            let values = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            return Thresholds(warning: values.count >= 2 ? values[0] : nil, critical: values.last)
        }
        if let old = panel["thresholds"] as? [Any] {
            // graph: [{"value": 80, "colorMode": "warning", "op": "gt"}, …].
            var result = Thresholds()
            for case let step as [String: Any] in old where step["op"] as? String != "lt" {
                guard let value = Self.number(step["value"]) else { continue }
                if step["colorMode"] as? String == "warning" { result.warning = value } else { result.critical = value }
            }
            return result
        }
        return Thresholds()
    }

    private static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue.isFinite ? number.doubleValue : nil }
        if let text = value as? String { return Double(text) }
        return nil
    }

    // MARK: Names

    private mutating func uniqueID(for title: String) -> String {
        let base = Self.slugify(title).replacingOccurrences(of: "-", with: "_")
        let stem = base.isEmpty ? "panel" : base
        var id = stem
        var counter = 2
        while converted.contains(where: { $0.id == id }) {
            id = "\(stem)_\(counter)"
            counter += 1
        }
        return id
    }

    static func slugify(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if let latin = transliteration[scalar] {
                slug += latin
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String(slug.prefix(48))
    }

    private static let transliteration: [Unicode.Scalar: String] = {
        let pairs: [(Character, String)] = [
            ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "e"), ("ж", "zh"), ("з", "z"), ("и", "i"),
            ("й", "y"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"),
            ("у", "u"), ("ф", "f"), ("х", "h"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"), ("щ", "sch"), ("ъ", ""), ("ы", "y"), ("ь", ""),
            ("э", "e"), ("ю", "yu"), ("я", "ya"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0.unicodeScalars.first!, $0.1) })
    }()
}
