/// Which command each key runs, per mode (a screen or widget family: "list", "form", "log", …), with
/// "global" as the fallback of every mode. Built by `KeymapLoader` from `keymaps/*.toml`; help
/// screens are generated from it, never written by hand.
///
/// Modes where the user types text (forms) should offer printable characters to the focused field
/// before asking the keymap, or "q" would quit in the middle of a name.
public struct Keymap: Equatable, Sendable {
    /// The command name that unbinds a key, hiding a global binding as well.
    public static let unbound = "none"

    public let name: String
    private var modes: [String: ModeBindings]

    public init(name: String) {
        self.name = name
        modes = [:]
    }

    /// Bindings in the order given; a later binding of the same key replaces the earlier one.
    public init(name: String, bindings: [String: [(key: Key, command: String)]]) {
        self.init(name: name)
        for (mode, list) in bindings {
            for (key, command) in list { bind(key, to: command, mode: mode) }
        }
    }

    /// Binds, or rebinds keeping the key's place in help screens. `Keymap.unbound` unbinds.
    public mutating func bind(_ key: Key, to command: String, mode: String) {
        modes[mode, default: ModeBindings()].bind(key, to: command)
    }

    /// The modes that have bindings of their own, "global" included.
    public var modeNames: [String] {
        modes.keys.sorted()
    }

    /// The mode's own binding, else the global one; nil when the key is unbound.
    public func command(for key: Key, mode: String) -> String? {
        let command = modes[mode]?.commands[key] ?? modes["global"]?.commands[key]
        return command == Self.unbound ? nil : command
    }

    /// What the keys of `mode` do, for a help screen: one entry per command with all its keys, the
    /// mode's own first, then the global ones it does not override.
    public func bindings(mode: String) -> [(keys: [Key], command: String)] {
        let own = modes[mode] ?? ModeBindings()
        var keys = own.order
        if mode != "global", let global = modes["global"] {
            keys += global.order.filter { own.commands[$0] == nil }
        }
        var result: [(keys: [Key], command: String)] = []
        var position: [String: Int] = [:]
        for key in keys {
            guard let command = command(for: key, mode: mode) else { continue }
            if let index = position[command] {
                result[index].keys.append(key)
            } else {
                position[command] = result.count
                result.append(([key], command))
            }
        }
        return result
    }

    /// The keys that run `command` in `mode`, e.g. to show "F10 quit" in a status bar.
    public func keys(for command: String, mode: String) -> [Key] {
        bindings(mode: mode).first { $0.command == command }?.keys ?? []
    }

    /// The last resort when not even the shipped default keymap can be read: enough to move, open,
    /// go back, get help and quit.
    public static let minimal = Keymap(
        name: "minimal",
        bindings: [
            "global": [
                (.up, "move_up"), (.down, "move_down"), (.left, "move_left"), (.right, "move_right"),
                (.pageUp, "page_up"), (.pageDown, "page_down"), (.home, "goto_top"), (.end, "goto_bottom"),
                (.enter, "open"), (.escape, "back"), (.tab, "focus_next"), (.backTab, "focus_previous"),
                (.char("?"), "help"), (.function(1), "help"), (.char("q"), "quit"), (.function(10), "quit"),
            ]
        ])

    private struct ModeBindings: Equatable, Sendable {
        var order: [Key] = []
        var commands: [Key: String] = [:]

        mutating func bind(_ key: Key, to command: String) {
            if commands.updateValue(command, forKey: key) == nil { order.append(key) }
        }
    }
}
