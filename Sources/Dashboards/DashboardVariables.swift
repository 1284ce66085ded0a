/// The values a dashboard's queries are filled in with. `$name` and `${name}` are replaced; a
/// variable with no value is left as written, so that the backend's error names it.
public struct DashboardVariables: Equatable, Sendable {
    /// The application's Kubernetes namespace, `pu-<owner>-pa-<slug>`.
    public var namespace: String?
    public var app: String?
    public var component: String?
    /// The time range shown, in seconds.
    public var range: Int
    /// The query step, in seconds.
    public var step: Int

    public init(namespace: String? = nil, app: String? = nil, component: String? = nil, range: Int = 3600, step: Int = 60) {
        self.namespace = namespace
        self.app = app
        self.component = component
        self.range = range
        self.step = step
    }

    /// The window for `rate()`: at least four 15-second scrapes, and never shorter than two steps, so
    /// that every point of the chart covers the samples between it and the next.
    public var rateInterval: Int { max(60, 2 * step) }

    public var values: [String: String] {
        var values = ["range": "\(range)s", "step": "\(step)s", "rate_interval": "\(rateInterval)s"]
        // Label values go between double quotes in PromQL.
        func quoted(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        }
        if let namespace { values["namespace"] = quoted(namespace) }
        if let app { values["app"] = quoted(app) }
        if let component { values["component"] = quoted(component) }
        return values
    }

    /// `query` with every known variable replaced.
    public func substitute(_ query: String) -> String {
        let values = values
        var result = ""
        var rest = Substring(query)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "{", let close = after.firstIndex(of: "}") {
                let name = String(after[after.index(after: after.startIndex)..<close])
                if let value = values[name] {
                    result += value
                    rest = after[after.index(after: close)...]
                    continue
                }
            } else {
                let name = String(after.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                if let value = values[name] {
                    result += value
                    rest = after.dropFirst(name.count)
                    continue
                }
            }
            result += "$"
            rest = after
        }
        return result + rest
    }

    /// The variables a query uses, known or not.
    public static func names(in query: String) -> [String] {
        var names: [String] = []
        var rest = Substring(query)
        while let dollar = rest.firstIndex(of: "$") {
            var after = rest[rest.index(after: dollar)...]
            if after.first == "{" { after = after.dropFirst() }
            let name = String(after.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            if !name.isEmpty && !names.contains(name) { names.append(name) }
            rest = after
        }
        return names
    }

    public static let known = ["namespace", "app", "component", "range", "step", "rate_interval"]
}
