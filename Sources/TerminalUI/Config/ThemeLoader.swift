import ConfigFormat

/// Finds themes by name in the user's directory first, then in the shipped one, and reads them in the
/// spirit of helix: `inherits = "parent"`, a `[palette]` of named colours and scope keys such as
/// `"ui.selection" = { fg = "…", bg = "…", modifiers = ["bold"] }`.
///
/// Loading never fails: every fault becomes a `ThemeProblem` naming file, line and key, the faulty part
/// is left out, and a theme that cannot be read at all is replaced by the shipped default (or, failing
/// that, `Theme.plain`).
public struct ThemeLoader: Sendable {
    public let shippedDirectory: String
    public let userDirectory: String?

    /// `userDirectory` is usually `userDirectory(application:environment:)`; nil skips user themes.
    public init(shippedDirectory: String, userDirectory: String?) {
        self.shippedDirectory = shippedDirectory
        self.userDirectory = userDirectory
    }

    /// `$XDG_CONFIG_HOME/<application>/themes`, falling back to `~/.config`.
    public static func userDirectory(application: String, environment: [String: String]) -> String? {
        ConfigFiles.userConfigDirectory(application: application, environment: environment)
            .map { ConfigFiles.join($0, "themes") }
    }

    /// Every theme by name; a user theme hides the shipped one of the same name.
    public func available() -> [ConfigListing] {
        ConfigListing.all(in: searchPath)
    }

    /// The theme to use on a terminal of `colorDepth`: `mono` when there is no colour (NO_COLOR, or
    /// fewer than 8 colours) whatever was asked for; otherwise the requested one, or by default
    /// `basic16` on 8- and 16-colour terminals and `default` elsewhere.
    public func load(_ requested: String?, colorDepth: ColorDepth) -> (theme: Theme, problems: [ThemeProblem]) {
        if colorDepth == .none { return load("mono") }
        if let requested { return load(requested) }
        return load(colorDepth <= .ansi16 ? "basic16" : "default")
    }

    public func load(_ name: String) -> (theme: Theme, problems: [ThemeProblem]) {
        var problems: [ThemeProblem] = []
        if let layers = readLayers(of: name, problems: &problems) {
            return (resolve(name: name, layers: layers, problems: &problems), problems)
        }
        if name != "default", let layers = readLayers(of: "default", problems: &problems) {
            return (resolve(name: "default", layers: layers, problems: &problems), problems)
        }
        return (.plain, problems)
    }

    // MARK: Reading

    private var searchPath: [(directory: String, origin: ConfigOrigin)] {
        (userDirectory.map { [($0, ConfigOrigin.user)] } ?? []) + [(shippedDirectory, .shipped)]
    }

    private struct Layer {
        let file: String
        let document: TOMLDocument
    }

    /// The file of `name` and those it inherits from, child first; nil when not even the first is usable.
    private func readLayers(of name: String, problems: inout [ThemeProblem]) -> [Layer]? {
        var layers: [Layer] = []
        var chain: [String] = []
        var visited: Set<String> = []
        var wanted = name
        var firstDirectory = 0
        // Where the current name was asked for by `inherits`, to point a problem there.
        var requester: (file: String, line: Int)?

        func report(_ message: String) {
            if let requester {
                problems.append(
                    ThemeProblem(file: requester.file, line: requester.line, key: "inherits", message: message))
            } else {
                problems.append(ThemeProblem(file: name + ".toml", message: message))
            }
        }

        while true {
            guard ConfigListing.isValidName(wanted) else {
                report("theme name \"\(wanted)\" may contain only letters, digits, \"-\" and \"_\"")
                break
            }
            let candidates = searchPath.indices.dropFirst(firstDirectory).map { index in
                (index, ConfigFiles.join(searchPath[index].directory, wanted + ".toml"))
            }
            guard let (directoryIndex, path) = candidates.first(where: { ConfigFiles.isRegularFile($0.1) }) else {
                let places = candidates.map(\.1).joined(separator: ", ")
                report("theme \"\(wanted)\" not found (looked for \(places.isEmpty ? "nothing" : places))")
                break
            }
            chain.append(wanted)
            guard visited.insert(path).inserted else {
                report("inheritance cycle: \(chain.joined(separator: " -> "))")
                break
            }
            let document: TOMLDocument
            do {
                document = try TOMLDocument(contentsOf: path)
            } catch {
                problems.append(error)
                break
            }
            problems += document.duplicates
            layers.append(Layer(file: path, document: document))
            guard let inherits = document.root["inherits"] else { break }
            guard let parent = inherits.string else {
                problems.append(
                    ThemeProblem(
                        file: path, line: inherits.line, key: "inherits",
                        message: "expected the name of a theme, found \(inherits.typeDescription)"))
                break
            }
            // A user theme may inherit the shipped theme it replaces: `inherits = "default"` in the
            // user's default.toml means the next one down.
            firstDirectory = parent == wanted ? directoryIndex + 1 : 0
            requester = (path, inherits.line)
            wanted = parent
        }
        return layers.isEmpty ? nil : layers
    }

    // MARK: Resolving

    /// Parents first, children override: palettes merge, so a child that only redefines palette colours
    /// recolours every scope of its parent, and each scope is taken whole from the nearest file that
    /// defines it (a faulty one leaves the parent's in place).
    private func resolve(name: String, layers: [Layer], problems: inout [ThemeProblem]) -> Theme {
        var palette: [String: Color] = [:]
        for layer in layers.reversed() {
            guard let entries = layer.document.root["palette"] else { continue }
            guard let table = entries.table else {
                problems.append(
                    ThemeProblem(
                        file: layer.file, line: entries.line, key: "palette",
                        message: "expected a table of named colours, found \(entries.typeDescription)"))
                continue
            }
            for (colorName, value) in table.entries {
                switch ThemeStyleReader.color(value, palette: [:]) {
                case .success(let color): palette[colorName] = color
                case .failure(let failure):
                    problems.append(
                        ThemeProblem(
                            file: layer.file, line: value.line, key: "palette.\(colorName)", message: failure.message))
                }
            }
        }
        var styles: [String: Style] = [:]
        for layer in layers.reversed() {
            for (scope, value) in layer.document.root.entries where scope != "inherits" && scope != "palette" {
                let (style, failures) = ThemeStyleReader.style(value, palette: palette)
                for failure in failures {
                    problems.append(
                        ThemeProblem(
                            file: layer.file, line: failure.line ?? value.line, key: scope, message: failure.message))
                }
                if failures.isEmpty || styles[scope] == nil { styles[scope] = style }
            }
        }
        return Theme(name: name, styles: styles)
    }
}
