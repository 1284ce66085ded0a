import ConfigFormat

/// Reads keymaps in the spirit of helix: `keymaps/<name>.toml` with one table per mode,
///
///     [global]
///     "j" = "move_down"
///     "C-f" = "page_down"
///     "q" = "none"        # unbinds
///
/// A user keymap of the same name is merged over the shipped one: its keys win and "none" unbinds.
/// A user keymap without a shipped namesake is merged over the keymap its top-level `inherits = "…"`
/// names, or over `default`.
///
/// Loading never fails: every fault becomes a `KeymapProblem` naming file, line and key, the faulty
/// binding is left out, and when not even the shipped keymap can be read, `Keymap.minimal` is used.
public struct KeymapLoader: Sendable {
    public let shippedDirectory: String
    public let userDirectory: String?
    /// When given, bindings to other commands are reported (a typo would otherwise do nothing).
    public let knownCommands: Set<String>?

    public init(shippedDirectory: String, userDirectory: String?, knownCommands: Set<String>? = nil) {
        self.shippedDirectory = shippedDirectory
        self.userDirectory = userDirectory
        self.knownCommands = knownCommands
    }

    /// `$XDG_CONFIG_HOME/<application>/keymaps`, falling back to `~/.config`.
    public static func userDirectory(application: String, environment: [String: String]) -> String? {
        ConfigFiles.userConfigDirectory(application: application, environment: environment)
            .map { ConfigFiles.join($0, "keymaps") }
    }

    /// Every keymap by name; a user keymap hides the shipped one of the same name.
    public func available() -> [ConfigListing] {
        let user = userDirectory.map { [($0, ConfigOrigin.user)] } ?? []
        return ConfigListing.all(in: user + [(shippedDirectory, .shipped)])
    }

    public func load(_ requested: String) -> (keymap: Keymap, problems: [KeymapProblem]) {
        var problems: [KeymapProblem] = []
        var name = requested
        if !ConfigListing.isValidName(name) {
            problems.append(
                KeymapProblem(
                    file: "keymap \"\(requested)\"",
                    message: "a keymap name may contain only letters, digits, \"-\" and \"_\"; using default"))
            name = "default"
        }
        let userPath = userDirectory.map { ConfigFiles.join($0, name + ".toml") }
        var userDocument: TOMLDocument?
        if let userPath, ConfigFiles.isRegularFile(userPath) {
            userDocument = read(userPath, problems: &problems)
        }

        var baseName = name
        if !ConfigFiles.isRegularFile(shippedPath(name)) {
            if let inherits = userDocument?.root["inherits"], let parent = inherits.string, let userPath {
                if ConfigListing.isValidName(parent), ConfigFiles.isRegularFile(shippedPath(parent)) {
                    baseName = parent
                } else {
                    problems.append(
                        KeymapProblem(
                            file: userPath, line: inherits.line, key: "inherits",
                            message: "no shipped keymap \"\(parent)\"; using default"))
                    baseName = "default"
                }
            } else {
                if userDocument == nil {
                    problems.append(
                        KeymapProblem(
                            file: name + ".toml",
                            message: "keymap \"\(name)\" not found (looked in \(searchedPlaces(for: name)))"))
                }
                baseName = "default"
            }
        }

        var keymap = Keymap.minimal
        let basePath = shippedPath(baseName)
        if ConfigFiles.isRegularFile(basePath) {
            if let base = read(basePath, problems: &problems) {
                keymap = Keymap(name: userDocument == nil ? baseName : name)
                apply(base, to: &keymap, problems: &problems)
            }
        } else if baseName != name || userDocument != nil {
            problems.append(
                KeymapProblem(file: basePath, message: "the shipped keymap is missing; using a minimal one"))
        }
        if let userDocument { apply(userDocument, to: &keymap, problems: &problems) }
        return (keymap, problems)
    }

    private func shippedPath(_ name: String) -> String {
        ConfigFiles.join(shippedDirectory, name + ".toml")
    }

    private func searchedPlaces(for name: String) -> String {
        ([userDirectory, shippedDirectory].compactMap { $0 }).map { ConfigFiles.join($0, name + ".toml") }
            .joined(separator: ", ")
    }

    private func read(_ path: String, problems: inout [KeymapProblem]) -> TOMLDocument? {
        do {
            let document = try TOMLDocument(contentsOf: path)
            problems += document.duplicates
            return document
        } catch {
            problems.append(error)
            return nil
        }
    }

    /// Adds the file's bindings over those already in `keymap`. Within one file and mode each key may be
    /// bound once: a second binding (say "esc" after "escape") is reported and the first one kept.
    private func apply(_ document: TOMLDocument, to keymap: inout Keymap, problems: inout [KeymapProblem]) {
        let file = document.file
        for (mode, section) in document.root.entries where mode != "inherits" {
            guard let table = section.table else {
                problems.append(
                    KeymapProblem(
                        file: file, line: section.line, key: mode,
                        message: "expected a [\(mode)] table of key = \"command\", found \(section.typeDescription)"))
                continue
            }
            var seen: [Key: (notation: String, line: Int)] = [:]
            for (notation, value) in table.entries {
                func report(_ message: String) {
                    problems.append(
                        KeymapProblem(file: file, line: value.line, key: notation, message: message + " in [\(mode)]"))
                }
                let key: Key
                switch KeyNotation.read(notation) {
                case .success(let parsed): key = parsed
                case .failure(let failure):
                    report(failure.message)
                    continue
                }
                guard let command = value.string else {
                    let hint = value.table != nil ? " (key sequences are not supported)" : ""
                    report("expected a command name, found \(value.typeDescription)\(hint)")
                    continue
                }
                if let earlier = seen[key] {
                    report("the same key as \"\(earlier.notation)\" on line \(earlier.line); the first one is kept")
                    continue
                }
                seen[key] = (notation, value.line)
                if let knownCommands, command != Keymap.unbound, !knownCommands.contains(command) {
                    report("unknown command \"\(command)\"")
                    continue
                }
                keymap.bind(key, to: command, mode: mode)
            }
        }
    }
}
