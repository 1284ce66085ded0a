import TerminalUI
import Testing

@Suite("Keymaps")
struct KeymapTests {
    static let shippedKeymaps = ["default", "emacs", "mc"]
    /// Commands that lose data; never on a Ctrl key, where a slip of the finger (or tmux, or a shell
    /// habit) would trigger them.
    static let destructiveCommands: Set<String> = ["delete"]

    private let shipped = KeymapLoader(shippedDirectory: RepositoryDirectory.keymaps, userDirectory: nil)

    private func loader(user: ScratchDirectory) -> KeymapLoader {
        KeymapLoader(shippedDirectory: RepositoryDirectory.keymaps, userDirectory: user.path)
    }

    private func commands(of keymap: Keymap) -> Set<String> {
        Set(keymap.modeNames.flatMap { keymap.bindings(mode: $0).map(\.command) })
    }

    @Test("Key notation reads helix's spelling and describes keys the same way")
    func notation() {
        let cases: [(String, Key)] = [
            ("j", .char("j")), ("G", .char("G")), ("/", .char("/")), ("?", .char("?")), ("-", .char("-")),
            ("ж", .char("ж")), ("space", .char(" ")), ("C-f", .ctrl("f")), ("C-F", .ctrl("f")), ("A-x", .alt("x")),
            ("A-<", .alt("<")), ("S-tab", .backTab), ("S-g", .char("G")), ("F1", .function(1)),
            ("F10", .function(10)), ("esc", .escape), ("escape", .escape), ("enter", .enter), ("ret", .enter),
            ("tab", .tab), ("backspace", .backspace), ("up", .up), ("down", .down), ("left", .left),
            ("right", .right), ("home", .home), ("end", .end), ("pageup", .pageUp), ("PageDown", .pageDown),
            ("ins", .insert), ("del", .delete), ("minus", .char("-")),
        ]
        for (text, key) in cases {
            #expect(KeyNotation.parse(text) == key, "\(text)")
            #expect(KeyNotation.parse(KeyNotation.describe(key)) == key, "\(text) round trip")
        }
        #expect(KeyNotation.describe(.ctrl("f")) == "C-f")
        #expect(KeyNotation.describe(.backTab) == "S-tab")
        #expect(KeyNotation.describe(.char(" ")) == "space")
        #expect(KeyNotation.describe(.function(10)) == "F10")
        #expect(KeyNotation.describe(.alt("x")) == "A-x")
    }

    @Test("Keys a terminal cannot send, or sends as another key, are refused")
    func badNotation() {
        for text in [
            "", "C-", "Ctrl-x", "C-1", "C-up", "C-A-x", "C-C-x", "S-up", "A-F1", "F0", "F64", "foo", "C-i", "C-m",
            "C-h",
        ] {
            #expect(KeyNotation.parse(text) == nil, "\(text)")
        }
    }

    @Test("Every shipped keymap loads without a problem", arguments: shippedKeymaps)
    func shippedKeymapLoads(name: String) {
        let (keymap, problems) = shipped.load(name)
        #expect(problems.map(\.description) == [])
        #expect(keymap.name == name)
        #expect(keymap.modeNames.contains("global"))
        #expect(keymap.keys(for: "quit", mode: "global").isEmpty == false, "a way out")
        #expect(keymap.keys(for: "help", mode: "global").isEmpty == false, "a way to learn the keys")
    }

    @Test("The emacs and mc keymaps speak the default keymap's commands", arguments: ["emacs", "mc"])
    func sharedVocabulary(name: String) {
        let vocabulary = commands(of: shipped.load("default").keymap)
        let checked = KeymapLoader(
            shippedDirectory: RepositoryDirectory.keymaps, userDirectory: nil, knownCommands: vocabulary)
        #expect(checked.load(name).problems.map(\.description) == [])
    }

    @Test("No shipped keymap puts a destructive command on a Ctrl key", arguments: shippedKeymaps)
    func nothingDestructiveOnControl(name: String) {
        let keymap = shipped.load(name).keymap
        for mode in keymap.modeNames {
            for (keys, command) in keymap.bindings(mode: mode) where Self.destructiveCommands.contains(command) {
                let control = keys.filter { if case .ctrl = $0 { true } else { false } }
                #expect(control.isEmpty, "\(name) [\(mode)] \(command) on \(control.map(KeyNotation.describe))")
            }
        }
    }

    @Test("The default keymap: vim keys and arrows, mode keys first, then global ones")
    func defaultBindings() {
        let keymap = shipped.load("default").keymap
        #expect(keymap.command(for: .char("j"), mode: "list") == "move_down")
        #expect(keymap.command(for: .down, mode: "list") == "move_down")
        #expect(keymap.command(for: .ctrl("f"), mode: "list") == "page_down")
        #expect(keymap.command(for: .char("d"), mode: "list") == "delete")
        #expect(keymap.command(for: .char("d"), mode: "global") == nil)
        #expect(keymap.command(for: .char("n"), mode: "log") == "search_next")
        #expect(keymap.command(for: .escape, mode: "form") == "cancel")
        #expect(keymap.command(for: .escape, mode: "list") == "back")
        #expect(keymap.command(for: .backTab, mode: "list") == "focus_previous")
        #expect(keymap.command(for: .char("x"), mode: "list") == nil)
        #expect(keymap.command(for: .char("j"), mode: "no-such-mode") == "move_down")
    }

    @Test("Help lists each command once with all its keys, in file order")
    func helpBindings() {
        let keymap = Keymap(
            name: "t",
            bindings: [
                "global": [(.up, "move_up"), (.char("k"), "move_up"), (.char("q"), "quit"), (.escape, "back")],
                "list": [(.char("d"), "delete"), (.escape, "cancel"), (.char("q"), Keymap.unbound)],
            ])
        let help = keymap.bindings(mode: "list")
        #expect(help.map(\.command) == ["delete", "cancel", "move_up"])
        #expect(help.last?.keys == [.up, .char("k")])
        #expect(keymap.command(for: .char("q"), mode: "list") == nil, "\"none\" hides the global binding too")
        #expect(keymap.command(for: .char("q"), mode: "global") == "quit")
        #expect(keymap.keys(for: "quit", mode: "global") == [.char("q")])
    }

    @Test("A user keymap merges over the shipped one: user keys win and \"none\" unbinds")
    func userMerge() {
        let user = ScratchDirectory([
            "default.toml": """
            [global]
            "x" = "quit"
            "q" = "none"
            "j" = "page_down"

            [list]
            "C-n" = "new"
            """
        ])
        let (keymap, problems) = loader(user: user).load("default")
        #expect(problems.isEmpty)
        #expect(keymap.command(for: .char("x"), mode: "list") == "quit")
        #expect(keymap.command(for: .char("q"), mode: "list") == nil)
        #expect(keymap.command(for: .char("j"), mode: "global") == "page_down")
        #expect(keymap.command(for: .char("k"), mode: "global") == "move_up", "untouched keys stay")
        #expect(keymap.command(for: .ctrl("n"), mode: "list") == "new")
        #expect(keymap.command(for: .char("d"), mode: "list") == "delete")
        #expect(keymap.keys(for: "quit", mode: "global") == [.function(10), .char("x")])
        #expect(loader(user: user).available().first { $0.name == "default" }?.origin == .user)
    }

    @Test("A user keymap of a new name builds on default, or on the shipped keymap it inherits")
    func userKeymapOfItsOwn() {
        let user = ScratchDirectory([
            "mine.toml": "[global]\n\"Q\" = \"quit\"\n",
            "myemacs.toml": "inherits = \"emacs\"\n[global]\n\"Q\" = \"quit\"\n",
        ])
        let (mine, mineProblems) = loader(user: user).load("mine")
        #expect(mineProblems.isEmpty)
        #expect(mine.name == "mine")
        #expect(mine.command(for: .char("Q"), mode: "global") == "quit")
        #expect(mine.command(for: .char("j"), mode: "global") == "move_down")

        let (myEmacs, _) = loader(user: user).load("myemacs")
        #expect(myEmacs.command(for: .ctrl("n"), mode: "global") == "move_down")
        #expect(myEmacs.command(for: .char("Q"), mode: "global") == "quit")
    }

    @Test("Conflicts and bad keys name file, line and key; the other bindings still work")
    func conflicts() {
        let user = ScratchDirectory([
            "default.toml": """
            [global]
            "x" = "quit"
            "escape" = "back"
            "esc" = "quit"
            "x" = "refresh"
            "C-1" = "help"
            "Ctrl-s" = "filter"

            [list]
            "C-i" = "new"
            "z" = 3
            "g" = { g = "goto_top" }
            "y" = "copy"
            """
        ])
        let (keymap, problems) = loader(user: user).load("default")
        let file = user.path + "/default.toml"
        #expect(
            problems.map(\.description) == [
                #"\#(file):5: key "x": defined twice in [global] (first on line 2); the first one is kept"#,
                #"\#(file):4: key "esc": the same key as "escape" on line 3; the first one is kept in [global]"#,
                #"\#(file):6: key "C-1": C- combines only with a letter a-z in [global]"#,
                #"\#(file):7: key "Ctrl-s": "Ctrl-s" is not a key (try a character, C-x, A-x, S-tab, F1, esc, enter, space, up, pageup…) in [global]"#,
                #"\#(file):10: key "C-i": terminals send C-i as tab; bind "tab" instead in [list]"#,
                #"\#(file):11: key "z": expected a command name, found an integer in [list]"#,
                #"\#(file):12: key "g": expected a command name, found a table (key sequences are not supported) in [list]"#,
            ])
        #expect(keymap.command(for: .char("x"), mode: "global") == "quit")
        #expect(keymap.command(for: .escape, mode: "global") == "back")
        #expect(keymap.command(for: .char("y"), mode: "list") == "copy", "commands are the program's to check")
        #expect(keymap.command(for: .char("j"), mode: "global") == "move_down")
    }

    @Test("Unknown commands are reported when the program says which it knows")
    func unknownCommands() {
        let user = ScratchDirectory(["default.toml": "[list]\n\"y\" = \"yank\"\n\"d\" = \"none\"\n"])
        let vocabulary = commands(of: shipped.load("default").keymap)
        let keymaps = KeymapLoader(
            shippedDirectory: RepositoryDirectory.keymaps, userDirectory: user.path, knownCommands: vocabulary)
        let (keymap, problems) = keymaps.load("default")
        #expect(
            problems.map(\.description) == [#"\#(user.path)/default.toml:2: key "y": unknown command "yank" in [list]"#]
        )
        #expect(keymap.command(for: .char("d"), mode: "list") == nil)
    }

    @Test("A user keymap with a syntax error is reported and the shipped keymap used")
    func syntaxError() {
        let user = ScratchDirectory(["emacs.toml": "[global]\n\"x\" = quit\n"])
        let (keymap, problems) = loader(user: user).load("emacs")
        #expect(
            problems.map(\.description) == [
                #"\#(user.path)/emacs.toml:2: expected a value, found "quit" (strings need quotes)"#
            ])
        #expect(keymap == shipped.load("emacs").keymap)
    }

    @Test("An unknown keymap falls back to default; no readable keymap at all to a minimal one")
    func fallbacks() {
        let (keymap, problems) = shipped.load("vscode")
        #expect(keymap == shipped.load("default").keymap)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix(#"keymap "vscode" not found"#) == true)

        let (minimal, minimalProblems) = KeymapLoader(shippedDirectory: "/nonexistent", userDirectory: nil).load(
            "default")
        #expect(minimal == .minimal)
        #expect(minimalProblems.count == 1)
        #expect(minimal.command(for: .function(10), mode: "list") == "quit")
    }
}
