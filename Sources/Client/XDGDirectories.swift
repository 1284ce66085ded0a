import Foundation

/// Where the program keeps things, per the XDG Base Directory specification.
public struct XDGDirectories: Sendable, Equatable {
    public var config: URL
    public var cache: URL
    public var data: URL
    public var state: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = URL(fileURLWithPath: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
        func base(_ variable: String, _ fallback: String) -> URL {
            // The spec: a relative path in the variable is invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
            return home.appendingPathComponent(fallback)
        }
        config = base("XDG_CONFIG_HOME", ".config").appendingPathComponent("smartmlops")
        cache = base("XDG_CACHE_HOME", ".cache").appendingPathComponent("smartmlops")
        data = base("XDG_DATA_HOME", ".local/share").appendingPathComponent("smartmlops")
        state = base("XDG_STATE_HOME", ".local/state").appendingPathComponent("smartmlops")
    }
}
