/// Something wrong in a configuration file (a theme, a keymap, a dashboard), said so that the user can
/// find and fix it: `themes/dark.toml:12: key "ui.selection": unknown colour "blu"`.
public struct ConfigProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the loader was told to find it.
    public var file: String
    /// 1-based; nil when the problem concerns the whole file (missing, unreadable).
    public var line: Int?
    /// The key the problem is about, as written in the file.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let subject = key.map { "key \"\($0)\": " } ?? ""
        return "\(place): \(subject)\(message)"
    }
}
