import ConfigFormat
import Foundation

/// Finds dashboards by name: the user's `$XDG_CONFIG_HOME/smartmlops/dashboards/<name>.toml` first,
/// then the shipped `dashboards/<name>.toml`. A user's file that cannot be parsed is reported and the
/// shipped one of the same name is used instead, so a typo never leaves the user with nothing.
public struct DashboardLoader: Sendable {
    public let shippedDirectory: String
    public let userDirectory: String?

    public init(shippedDirectory: String, userDirectory: String?) {
        self.shippedDirectory = shippedDirectory
        self.userDirectory = userDirectory
    }

    /// `$XDG_CONFIG_HOME/<application>/dashboards`, falling back to `~/.config`.
    public static func userDirectory(application: String, environment: [String: String]) -> String? {
        XDGDirectories(application: application, environment: environment).config
            .map { ($0 as NSString).appendingPathComponent("dashboards") }
    }

    public struct Listing: Equatable, Sendable {
        public let name: String
        public let isUser: Bool
        public let path: String
    }

    /// Every dashboard by name, sorted; a user's file hides the shipped one of the same name.
    public func available() -> [Listing] {
        var listings: [String: Listing] = [:]
        for (directory, isUser) in searchPath.reversed() {
            for name in Self.names(in: directory) {
                listings[name] = Listing(name: name, isUser: isUser, path: (directory as NSString).appendingPathComponent(name + ".toml"))
            }
        }
        return listings.values.sorted { $0.name < $1.name }
    }

    /// The dashboard called `name`, or nil when no usable file has that name; problems either way.
    public func load(_ name: String) -> (dashboard: Dashboard?, problems: [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        guard Self.isValidName(name) else {
            return (nil, [ConfigProblem(file: name + ".toml", message: "dashboard names may contain only letters, digits, \"-\" and \"_\"")])
        }
        for (directory, _) in searchPath {
            let path = (directory as NSString).appendingPathComponent(name + ".toml")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                let document = try TOMLDocument(contentsOf: path)
                let (dashboard, found) = DashboardFile.read(document, name: name)
                return (dashboard, problems + found)
            } catch {
                problems.append(error)
            }
        }
        if problems.isEmpty {
            let places = searchPath.map { ($0.directory as NSString).appendingPathComponent(name + ".toml") }.joined(separator: ", ")
            problems.append(ConfigProblem(file: name + ".toml", message: "dashboard \"\(name)\" not found (looked for \(places))"))
        }
        return (nil, problems)
    }

    /// Every available dashboard that loads, with all the problems found on the way.
    public func loadAll() -> (dashboards: [Dashboard], problems: [ConfigProblem]) {
        var dashboards: [Dashboard] = []
        var problems: [ConfigProblem] = []
        for listing in available() {
            let (dashboard, found) = load(listing.name)
            if let dashboard { dashboards.append(dashboard) }
            problems += found
        }
        return (dashboards, problems)
    }

    private var searchPath: [(directory: String, isUser: Bool)] {
        (userDirectory.map { [($0, true)] } ?? []) + [(shippedDirectory, false)]
    }

    private static func names(in directory: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.filter(isValidName).sorted()
    }

    /// Names become file names, so they may not reach outside their directory.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
            default: false
            }
        }
    }
}
