import TerminalUI
import Testing

@Suite("Themes")
struct ThemeTests {
    /// The scopes the cabinet draws with; every shipped theme defines each one.
    static let cabinetScopes = [
        "ui.background", "ui.text", "ui.text.dim", "ui.title", "ui.topbar", "ui.topbar.accent",
        "ui.topbar.online", "ui.topbar.offline", "ui.statusbar", "ui.statusbar.notice", "ui.table.header",
        "ui.table.row", "ui.table.selected", "ui.tabs", "ui.tabs.selected", "ui.field", "ui.field.focused",
        "ui.field.error", "ui.button", "ui.button.focused", "ui.dialog", "ui.dialog.border", "ui.toast",
        "ui.help", "ui.gauge", "ui.gauge.warning", "ui.gauge.critical", "ui.sparkline", "ui.log",
        "ui.log.match", "status.deployed", "status.deploying", "status.pending", "status.failed",
        "status.stopped", "status.deleting",
    ]
    static let shippedThemes = ["default", "light", "high-contrast", "mono", "basic16"]

    private let shipped = ThemeLoader(shippedDirectory: RepositoryDirectory.themes, userDirectory: nil)

    private func loader(user: ScratchDirectory) -> ThemeLoader {
        ThemeLoader(shippedDirectory: RepositoryDirectory.themes, userDirectory: user.path)
    }

    private func colors(of theme: Theme) -> [Color] {
        theme.styles.values.flatMap { [$0.fg, $0.bg] }.filter { $0 != .default }
    }

    @Test("Every shipped theme loads without a problem and styles every scope of the cabinet", arguments: shippedThemes)
    func shippedThemeLoads(name: String) {
        let (theme, problems) = shipped.load(name)
        #expect(problems.map(\.description) == [])
        #expect(theme.name == name)
        let missing = Self.cabinetScopes.filter { theme.styles[$0] == nil }
        #expect(missing == [], "\(name) lacks scopes")
    }

    @Test("The shipped themes are listed as shipped")
    func listing() {
        let listed = shipped.available()
        #expect(listed.map(\.name) == Self.shippedThemes.sorted())
        #expect(listed.allSatisfy { $0.origin == .shipped })
    }

    @Test("A scope the theme lacks takes the style of its longest defined prefix")
    func longestPrefix() {
        let header = Style(fg: .indexed(250), modifiers: .bold)
        let theme = Theme(
            name: "t",
            styles: ["ui": Style(fg: .indexed(1)), "ui.table": Style(fg: .indexed(2)), "ui.table.header": header])
        #expect(theme.style(for: "ui.table.header.sorted") == header)
        #expect(theme.style(for: "ui.table.row") == Style(fg: .indexed(2)))
        #expect(theme.style(for: "ui.dialog") == Style(fg: .indexed(1)))
        #expect(theme.style(for: "status.failed") == Style())
        #expect(theme.style(for: "ui.tablet") == Style(fg: .indexed(1)), "prefixes end at dots")
    }

    @Test("Palette names, hex, numbers and ANSI names; a plain string is the foreground")
    func colourNotations() {
        let user = ScratchDirectory([
            "colours.toml": """
            "ui.text" = "accent"
            "ui.title" = { fg = "#ff8000", bg = 236, modifiers = ["bold", "italic", "underline", "reversed", "dim"] }
            "ui.dialog" = { fg = "light-red", bg = "default" }

            [palette]
            accent = "#00ff00"
            """
        ])
        let (theme, problems) = loader(user: user).load("colours")
        #expect(problems.isEmpty)
        #expect(theme.style(for: "ui.text") == Style(fg: .rgb(0, 255, 0)))
        #expect(
            theme.style(for: "ui.title")
                == Style(
                    fg: .rgb(255, 128, 0), bg: .indexed(236), modifiers: [.bold, .italic, .underline, .reverse, .dim]))
        #expect(theme.style(for: "ui.dialog") == Style(fg: .indexed(9)))
    }

    @Test("A theme inherits its parent's scopes and recolours them through its own palette")
    func inheritance() {
        let user = ScratchDirectory([
            "ocean.toml": """
            inherits = "default"
            "ui.title" = { fg = "bar", modifiers = ["italic"] }

            [palette]
            bar = "#000080"
            """
        ])
        let (theme, problems) = loader(user: user).load("ocean")
        let (parent, _) = shipped.load("default")
        #expect(problems.isEmpty)
        #expect(theme.name == "ocean")
        #expect(theme.style(for: "ui.topbar").bg == .rgb(0, 0, 128), "the parent's scope, the child's palette")
        #expect(theme.style(for: "ui.topbar").fg == parent.style(for: "ui.topbar").fg)
        #expect(theme.style(for: "ui.title") == Style(fg: .rgb(0, 0, 128), modifiers: .italic))
        #expect(theme.style(for: "status.failed") == parent.style(for: "status.failed"))
    }

    @Test("A user theme hides the shipped one of the same name, and may inherit it")
    func userOverridesShipped() {
        let user = ScratchDirectory([
            "light.toml": """
            "ui.text" = "red"
            """,
            "default.toml": """
            inherits = "default"
            "ui.text" = "blue"
            """,
        ])
        let themes = loader(user: user)
        let (light, lightProblems) = themes.load("light")
        #expect(lightProblems.isEmpty)
        #expect(light.styles == ["ui.text": Style(fg: .indexed(1))])

        let (theme, problems) = themes.load("default")
        #expect(problems.isEmpty)
        #expect(theme.style(for: "ui.text") == Style(fg: .indexed(4)))
        #expect(theme.style(for: "ui.topbar") == shipped.load("default").theme.style(for: "ui.topbar"))

        let listed = themes.available()
        #expect(listed.first { $0.name == "light" }?.origin == .user)
        #expect(listed.first { $0.name == "mono" }?.origin == .shipped)
    }

    @Test("An unknown colour names file, line and key; the rest of the theme applies")
    func unknownColour() {
        let user = ScratchDirectory([
            "dark.toml": """
            inherits = "default"

            "ui.text" = "red"
            "ui.selection" = { fg = "white", bg = "blu" }
            """
        ])
        let (theme, problems) = loader(user: user).load("dark")
        #expect(
            problems.map(\.description) == [#"\#(user.path)/dark.toml:4: key "ui.selection": unknown colour "blu""#])
        #expect(theme.style(for: "ui.text") == Style(fg: .indexed(1)))
        #expect(theme.style(for: "ui.selection") == Style(fg: .indexed(15)), "the good half of the style is kept")
    }

    @Test("Unknown modifiers, malformed colours and palette faults are reported the same way")
    func otherFaults() {
        let user = ScratchDirectory([
            "faults.toml": """
            "ui.title" = { fg = "red", modifiers = [
                "bold",
                "blink",
            ] }
            "ui.text" = "#12345"
            "ui.field" = { fg = 300 }
            "ui.button" = { colour = "red" }
            "ui.tabs" = true

            [palette]
            sea = "teal"
            """
        ])
        let (theme, problems) = loader(user: user).load("faults")
        let file = user.path + "/faults.toml"
        #expect(
            problems.map(\.description) == [
                #"\#(file):11: key "palette.sea": unknown colour "teal""#,
                #"\#(file):3: key "ui.title": unknown modifier "blink" (expected bold, dim, italic, underline, reversed)"#,
                ##"\##(file):5: key "ui.text": colour "#12345" is not of the form #rrggbb"##,
                #"\#(file):6: key "ui.field": colour number 300 is outside 0-255"#,
                #"\#(file):7: key "ui.button": unknown style field "colour" (expected fg, bg, modifiers; quote dotted scopes: "ui.text")"#,
                #"\#(file):8: key "ui.tabs": expected a colour or { fg = …, bg = …, modifiers = […] }, found a boolean"#,
            ])
        #expect(theme.style(for: "ui.title") == Style(fg: .indexed(1), modifiers: .bold))
    }

    @Test("A syntax error names file and line, and the shipped default theme is used instead")
    func syntaxError() {
        let user = ScratchDirectory([
            "broken.toml": """
            "ui.text" = "red"
            "ui.title" = { fg = "red"
            """
        ])
        let (theme, problems) = loader(user: user).load("broken")
        #expect(problems.count == 1)
        #expect(problems.first?.file == user.path + "/broken.toml")
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.hasPrefix(#"expected "," or "}" in the inline table"#) == true)
        #expect(theme == shipped.load("default").theme)
    }

    @Test("An inheritance cycle is reported at the inherits key; what was read still applies")
    func cycle() {
        let user = ScratchDirectory([
            "a.toml": """
            inherits = "b"
            "ui.text" = "red"
            """,
            "b.toml": """
            # b
            inherits = "a"
            "ui.title" = "blue"
            """,
        ])
        let (theme, problems) = loader(user: user).load("a")
        #expect(
            problems.map(\.description) == [#"\#(user.path)/b.toml:2: key "inherits": inheritance cycle: a -> b -> a"#])
        #expect(theme.name == "a")
        #expect(theme.style(for: "ui.text") == Style(fg: .indexed(1)))
        #expect(theme.style(for: "ui.title") == Style(fg: .indexed(4)))
    }

    @Test("A key given twice is reported and the first one kept")
    func duplicateKey() {
        let user = ScratchDirectory([
            "twice.toml": """
            "ui.text" = "red"
            "ui.text" = "blue"
            """
        ])
        let (theme, problems) = loader(user: user).load("twice")
        #expect(
            problems.map(\.description) == [
                #"\#(user.path)/twice.toml:2: key "ui.text": defined twice (first on line 1); the first one is kept"#
            ])
        #expect(theme.style(for: "ui.text") == Style(fg: .indexed(1)))
    }

    @Test("A missing theme or parent is reported and the default theme used")
    func missing() {
        let user = ScratchDirectory(["orphan.toml": "inherits = \"nowhere\"\n\"ui.text\" = \"red\""])
        let themes = loader(user: user)
        let (theme, problems) = themes.load("solarized")
        #expect(theme.name == "default")
        #expect(problems.first?.message.hasPrefix(#"theme "solarized" not found"#) == true)

        let (orphan, orphanProblems) = themes.load("orphan")
        #expect(orphan.style(for: "ui.text") == Style(fg: .indexed(1)))
        #expect(orphanProblems.first?.line == 1)
        #expect(orphanProblems.first?.key == "inherits")

        #expect(themes.load("../etc/passwd").theme.name == "default")
    }

    @Test("Without the shipped themes, a plain theme with modifiers only is used")
    func nothingReadable() {
        let (theme, problems) = ThemeLoader(shippedDirectory: "/nonexistent", userDirectory: nil).load("default")
        #expect(theme == .plain)
        #expect(problems.count == 1)
        #expect(colors(of: theme).isEmpty)
    }

    @Test("The mono theme has no colours at all, only modifiers")
    func monoHasNoColours() {
        let (theme, _) = shipped.load("mono")
        #expect(colors(of: theme) == [])
        #expect(theme.style(for: "ui.table.selected").modifiers.contains(.reverse))
    }

    @Test("The basic16 theme uses only the 16 ANSI colours")
    func basic16() {
        let (theme, _) = shipped.load("basic16")
        let outside = colors(of: theme).filter { color in
            if case .indexed(let index) = color { index >= 16 } else { true }
        }
        #expect(outside == [])
    }

    @Test("NO_COLOR or a terminal of fewer than 8 colours selects mono, whatever was asked for")
    func monoWithoutColour() {
        let noColor = ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalColors: 256)
        #expect(shipped.load("light", colorDepth: noColor).theme.name == "mono")
        let monochrome = ColorDepth.detect(environment: [:], terminalColors: 2)
        #expect(shipped.load(nil, colorDepth: monochrome).theme.name == "mono")
        let emptyNoColor = ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256)
        #expect(
            shipped.load("light", colorDepth: emptyNoColor).theme.name == "light", "an empty NO_COLOR does not count")
    }

    @Test("Without a choice, 8- and 16-colour terminals get basic16 and others the default")
    func choiceByDepth() {
        #expect(shipped.load(nil, colorDepth: .ansi8).theme.name == "basic16")
        #expect(shipped.load(nil, colorDepth: .ansi16).theme.name == "basic16")
        #expect(shipped.load(nil, colorDepth: .palette256).theme.name == "default")
        #expect(shipped.load(nil, colorDepth: .truecolor).theme.name == "default")
    }

    @Test("User themes live under $XDG_CONFIG_HOME/<application>/themes, else ~/.config")
    func userDirectory() {
        #expect(
            ThemeLoader.userDirectory(
                application: "smartmlops", environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"])
                == "/x/cfg/smartmlops/themes")
        #expect(
            ThemeLoader.userDirectory(
                application: "smartmlops", environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"])
                == "/home/u/.config/smartmlops/themes")
        #expect(ThemeLoader.userDirectory(application: "smartmlops", environment: [:]) == nil)
    }
}
