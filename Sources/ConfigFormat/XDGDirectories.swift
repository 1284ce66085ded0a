/// Where a program keeps its files, per the XDG Base Directory specification: the application's
/// directory under `$XDG_CONFIG_HOME`, `$XDG_DATA_HOME`, `$XDG_STATE_HOME` and `$XDG_CACHE_HOME`, or
/// under `~/.config`, `~/.local/share`, `~/.local/state` and `~/.cache` when the variable is unset or
/// relative (the spec calls relative values invalid and says to ignore them). The one place the
/// program resolves these, so that themes, keymaps, dashboards, the cache and the data agree.
public struct XDGDirectories: Sendable, Equatable {
    /// nil when neither the variable nor `$HOME` is an absolute path.
    public let config: String?
    public let data: String?
    public let state: String?
    public let cache: String?

    public init(application: String, environment: [String: String]) {
        let home = environment["HOME"].flatMap(Self.absolute)
        func directory(_ variable: String, _ fallback: String) -> String? {
            let base = environment[variable].flatMap(Self.absolute) ?? home.map { Self.join($0, fallback) }
            return base.map { Self.join($0, application) }
        }
        config = directory("XDG_CONFIG_HOME", ".config")
        data = directory("XDG_DATA_HOME", ".local/share")
        state = directory("XDG_STATE_HOME", ".local/state")
        cache = directory("XDG_CACHE_HOME", ".cache")
    }

    private static func absolute(_ path: String) -> String? {
        path.hasPrefix("/") ? path : nil
    }

    /// `directory/name`, without doubling the slash.
    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
