import ConfigFormat
import Foundation
import Model

/// The TOML form of a dashboard:
///
/// ```toml
/// title = { ru = "Приложение", en = "Application" }   # or one string for both languages
///
/// [panels.cpu]                                         # panels in file order
/// title = "vCPU"
/// query = 'sum(rate(container_cpu_usage_seconds_total{namespace="$namespace"}[$rate_interval]))'
/// kind = "sparkline"                                   # sparkline | gauge | stat | table
/// unit = "cores"                                       # see MetricUnit
/// legend = "{{pod}}"
/// thresholds = { warning = 0.8, critical = 1 }         # numbers (a decimal in quotes, "0.8", is read too)
/// min = 0
/// max = 100
/// ```
///
/// A long query may span lines as a multi-line literal string (`'''…'''`). Reading never fails as a whole once the
/// file parses: a faulty panel or key is reported as `file:line: message` and the rest still loads.
public enum DashboardFile {
    public static func read(_ document: TOMLDocument, name: String) -> (dashboard: Dashboard, problems: [ConfigProblem]) {
        var problems = document.duplicates
        let file = document.file
        func problem(_ value: TOMLValue?, key: String?, _ message: String) {
            problems.append(ConfigProblem(file: file, line: value?.line, key: key, message: message))
        }
        var title = LocalizedText(ru: name, en: name)
        var panels: [DashboardPanel] = []
        for (key, value) in document.root.entries {
            switch key {
            case "title":
                if let text = localized(value) { title = text } else { problem(value, key: key, "expected a string or { ru = \"…\", en = \"…\" }, found \(value.typeDescription)") }
            case "panels":
                guard let table = value.table else { problem(value, key: key, "expected tables [panels.<id>], found \(value.typeDescription)"); continue }
                for (id, entry) in table.entries {
                    if let panel = readPanel(id: id, entry, report: problem) { panels.append(panel) }
                }
            default:
                problem(value, key: key, "unknown key (expected title or [panels.<id>])")
            }
        }
        if panels.isEmpty { problem(nil, key: nil, "no panels") }
        return (Dashboard(name: name, title: title, panels: panels), problems)
    }

    private static func readPanel(id: String, _ value: TOMLValue, report: (TOMLValue?, String?, String) -> Void) -> DashboardPanel? {
        let key = "panels.\(id)"
        guard let table = value.table else {
            report(value, key, "expected a table of panel settings, found \(value.typeDescription)")
            return nil
        }
        guard let queryValue = table["query"], let query = queryValue.string, !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            report(table["query"] ?? value, key + ".query", "a panel needs a PromQL query; the panel is left out")
            return nil
        }
        var panel = DashboardPanel(id: id, title: LocalizedText(ru: id, en: id), query: query)
        for (name, entry) in table.entries {
            let entryKey = "\(key).\(name)"
            switch name {
            case "query": break
            case "title":
                if let text = localized(entry) { panel.title = text } else { report(entry, entryKey, "expected a string or { ru = \"…\", en = \"…\" }") }
            case "kind":
                if let kind = entry.string.flatMap(DashboardPanel.Kind.init(rawValue:)) { panel.kind = kind } else {
                    report(entry, entryKey, "expected one of \(DashboardPanel.Kind.allCases.map(\.rawValue).joined(separator: ", ")); drawn as a sparkline")
                }
            case "unit":
                if let unit = entry.string.flatMap(MetricUnit.init(rawValue:)) { panel.unit = unit } else {
                    report(entry, entryKey, "expected one of \(MetricUnit.allCases.map(\.rawValue).joined(separator: ", ")); shown without a unit")
                }
            case "legend":
                if let legend = entry.string { panel.legend = legend } else { report(entry, entryKey, "expected a string such as \"{{pod}}\"") }
            case "min", "max":
                if let number = number(entry) {
                    if name == "min" { panel.minimum = number } else { panel.maximum = number }
                } else {
                    report(entry, entryKey, numberMessage(entry))
                }
            case "thresholds":
                guard let thresholds = entry.table else { report(entry, entryKey, "expected { warning = …, critical = … }"); continue }
                for (level, limit) in thresholds.entries {
                    guard level == "warning" || level == "critical" else { report(limit, "\(entryKey).\(level)", "unknown threshold (expected warning or critical)"); continue }
                    guard let number = number(limit) else { report(limit, "\(entryKey).\(level)", numberMessage(limit)); continue }
                    if level == "warning" { panel.thresholds.warning = number } else { panel.thresholds.critical = number }
                }
            default:
                report(entry, entryKey, "unknown key (expected title, query, kind, unit, legend, thresholds, min, max)")
            }
        }
        for variable in DashboardVariables.names(in: query) where !DashboardVariables.known.contains(variable) {
            report(queryValue, key + ".query", "unknown variable $\(variable) (known: \(DashboardVariables.known.map { "$" + $0 }.joined(separator: ", ")))")
        }
        return panel
    }

    private static func localized(_ value: TOMLValue) -> LocalizedText? {
        if let text = value.string { return LocalizedText(ru: text, en: text) }
        guard let table = value.table, let ru = table["ru"]?.string ?? table["en"]?.string,
              let en = table["en"]?.string ?? table["ru"]?.string else { return nil }
        return LocalizedText(ru: ru, en: en)
    }

    private static func number(_ value: TOMLValue) -> Double? {
        if let number = value.number { return number.isFinite ? number : nil }
        if let text = value.string, let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite { return number }
        return nil
    }

    private static func numberMessage(_ value: TOMLValue) -> String {
        "expected a finite number such as 0.8 or 5, found \(value.string.map { "\"\($0)\"" } ?? value.typeDescription)"
    }

    // MARK: Writing

    /// The dashboard as a file that `read` gives back unchanged.
    public static func text(of dashboard: Dashboard, header: [String] = []) -> String {
        var lines = header.map { "# " + $0 }
        if !lines.isEmpty { lines.append("") }
        lines.append("title = \(localizedText(dashboard.title))")
        for panel in dashboard.panels {
            lines.append("")
            lines.append("[panels.\(key(panel.id))]")
            lines.append("title = \(localizedText(panel.title))")
            lines.append("query = \(string(panel.query))")
            lines.append("kind = \(string(panel.kind.rawValue))")
            if panel.unit != .none { lines.append("unit = \(string(panel.unit.rawValue))") }
            if let legend = panel.legend { lines.append("legend = \(string(legend))") }
            var limits: [String] = []
            if let warning = panel.thresholds.warning { limits.append("warning = \(number(warning))") }
            if let critical = panel.thresholds.critical { limits.append("critical = \(number(critical))") }
            if !limits.isEmpty { lines.append("thresholds = { \(limits.joined(separator: ", ")) }") }
            if let minimum = panel.minimum { lines.append("min = \(number(minimum))") }
            if let maximum = panel.maximum { lines.append("max = \(number(maximum))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func localizedText(_ text: LocalizedText) -> String {
        text.ru == text.en ? string(text.ru) : "{ ru = \(string(text.ru)), en = \(string(text.en)) }"
    }

    /// A literal string when it can be one (PromQL is full of double quotes), a basic one otherwise.
    static func string(_ text: String) -> String {
        if !text.contains("'") && !text.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7f } ?? false) }) {
            return "'\(text)'"
        }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    escaped += String(format: "\\u%04X", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    private static func key(_ id: String) -> String {
        let bare = !id.isEmpty && id.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-").contains($0) }
        return bare ? id : string(id)
    }

    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"  // Swift prints the shortest text that reads back to the same Double, a TOML float
    }
}
