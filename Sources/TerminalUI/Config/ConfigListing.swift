/// Where a theme or keymap file comes from.
public enum ConfigOrigin: String, Sendable {
    /// Shipped with the program (`themes/`, `keymaps/` at the top of the repository).
    case shipped
    /// The user's own, under `$XDG_CONFIG_HOME/<application>/`; it hides a shipped one of the same name.
    case user
}

/// A theme or keymap that can be chosen, and the file that would be read for it.
public struct ConfigListing: Equatable, Sendable {
    public let name: String
    public let origin: ConfigOrigin
    public let path: String

    /// Every `*.toml` of the directories by name; earlier directories hide later ones.
    static func all(in searchPath: [(directory: String, origin: ConfigOrigin)]) -> [ConfigListing] {
        var listings: [String: ConfigListing] = [:]
        for (directory, origin) in searchPath.reversed() {
            for file in ConfigFiles.names(in: directory, withSuffix: ".toml") {
                let name = String(file.dropLast(5))
                guard isValidName(name) else { continue }
                listings[name] = ConfigListing(name: name, origin: origin, path: ConfigFiles.join(directory, file))
            }
        }
        return listings.values.sorted { $0.name < $1.name }
    }

    /// Names become file names, so they may not reach outside their directories.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
                default: false
                }
            }
    }
}
