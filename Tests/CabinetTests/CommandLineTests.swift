import Testing
import TerminalUI
@testable import Cabinet

@Suite("The : command line")
struct CommandLineTests {
    @Test("each spelling parses to its command, with its argument", arguments: [
        ("apps", CabinetCommandLine.applications), ("applications", .applications), ("APPS", .applications),
        ("new", .newApplication), ("quotas", .quotas), ("teams", .teams),
        ("events", .events(application: nil)), ("events qwen-vl", .events(application: "qwen-vl")),
        ("dashboards", .dashboard(name: nil)), ("dashboard admin", .dashboard(name: "admin")),
        ("theme", .theme(name: nil)), ("theme mc", .theme(name: "mc")),
        ("lang", .language(code: nil)), ("language en", .language(code: "en")), ("lang  ru", .language(code: "ru")),
        ("q", .quit), ("quit", .quit),
        ("", .unknown("")), ("quotass", .unknown("quotass")), ("rm -rf /", .unknown("rm -rf /")),
    ])
    func parses(text: String, expected: CabinetCommandLine) {
        #expect(CabinetCommandLine(parsing: text) == expected)
    }

    @Test("Tab completes the commands, then each theme and language")
    func completions() {
        let words = CabinetCommandLine.completions(themes: ["default", "mc"])
        #expect(words.prefix(3) == ["apps", "new", "quotas"])
        #expect(words.contains("theme mc") && words.contains("lang ru") && words.contains("lang en"))
    }

    @Test("every command the keymaps name is a known action, and every action's help speaks both languages")
    func actions() {
        #expect(KeyAction.keymapNames.contains("move_down") && KeyAction.keymapNames.contains("none"))
        #expect(!KeyAction.keymapNames.contains("move_dwon"))
        for action in KeyAction.allCases {
            guard let help = action.helpText else { continue }
            #expect(!help.ru.isEmpty && !help.en.isEmpty && help.ru != help.en, "\(action)")
        }
    }

    @Test("the shipped keymaps name only the cabinet's actions, the dashboard's keys among them", arguments: ["default", "emacs", "mc"])
    func shippedKeymaps(name: String) {
        let (keymap, problems) = KeymapLoader(shippedDirectory: shippedKeymapDirectory, userDirectory: nil, knownCommands: KeyAction.keymapNames)
            .load(name)
        #expect(problems.map(\.description) == [])
        #expect(keymap.action(for: .char("1"), mode: "dashboard") == .range15m)
        #expect(keymap.action(for: .char("z"), mode: "dashboard") == .zoom)
    }
}
