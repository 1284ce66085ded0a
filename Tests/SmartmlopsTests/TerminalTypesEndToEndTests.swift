import Foundation
import Testing

/// Terminals that are not a 256-colour xterm: the basic 8 colours (`TERM=xterm`, many serial
/// consoles and old emulators) and the Linux console (`TERM=linux`: 8 colours and no alternate
/// screen).
@Suite("Terminals of few colours and no alternate screen, under tmux", .serialized)
struct TerminalTypesEndToEndTests {
    /// Where text would not be seen: the characters drawn in the colour of their background, or
    /// in black (colour 0, or the default background's colour through reverse video) on black or
    /// on the default background (dark on most terminals), read from tmux's styled capture.
    static func unreadable(_ styled: String) -> [String] {
        // -1: the default text colour; -2: the default background colour.
        var fg = -1
        var bg = -2
        var reverse = false
        var found: [String] = []
        var characters = Array(styled.unicodeScalars)[...]
        var row = 0
        while let scalar = characters.popFirst() {
            if scalar == "\n" { row += 1; continue }
            if scalar == "\u{1B}", characters.first == "[" {
                characters.removeFirst()
                var parameters = ""
                while let next = characters.popFirst(), next != "m" { parameters.unicodeScalars.append(next) }
                var codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
                if codes.isEmpty { codes = [0] }
                while let code = codes.popFirst() {
                    switch code {
                    case 0: (fg, bg, reverse) = (-1, -2, false)
                    case 7: reverse = true
                    case 27: reverse = false
                    case 30...37: fg = code - 30
                    case 39: fg = -1
                    case 40...47: bg = code - 40
                    case 49: bg = -2
                    case 90...97: fg = code - 90 + 8
                    case 100...107: bg = code - 100 + 8
                    case 38, 48:
                        let mode = codes.popFirst()
                        let value = mode == 5 ? codes.popFirst() ?? 0 : 1000 + (codes.popFirst() ?? 0) + (codes.popFirst() ?? 0) + (codes.popFirst() ?? 0)
                        if code == 38 { fg = value } else { bg = value }
                    default: break
                    }
                }
                continue
            }
            guard scalar != " " else { continue }
            let (text, back) = reverse ? (bg, fg) : (fg, bg)
            let dark: Set<Int> = [0, -2]
            if text == back || (dark.contains(text) && dark.contains(back)) {
                found.append("row \(row): '\(Character(scalar))' in \(text) on \(back)")
            }
        }
        return found
    }

    /// The shipped themes are made to survive 8 colours; a user's theme made on a 256-colour
    /// terminal (dark grey secondary text, as many are) is not, and must be readable too.
    @Test("TERM=xterm (8 colours): in every shipped theme and a user's 256-colour one, the list, the create form and the help draw no text unseen")
    func eightColours() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let themes = sandbox.root.appendingPathComponent("config/smartmlops/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try """
            inherits = "default"

            [palette]
            dim = "#4e4e4e"
            header = "#585858"
            border = "#444444"
            """.write(to: themes.appendingPathComponent("dusk.toml"), atomically: true, encoding: .utf8)
        for theme in ["default", "light", "high-contrast", "mono", "basic16", "dusk"] {
            let tmux = try Tmux(["env", "TERM=xterm", try Binary.path, "--demo", "--lang", "en", "--theme", theme],
                                environment: sandbox.environment, width: 120, height: 30)
            try await tmux.waitFor("the list in \(theme)") { $0.contains("Tesseract OCR") && $0.contains("● online") }
            var screens = [("the list", try await tmux.screen(styles: true))]
            try await tmux.send("n")
            try await tmux.waitFor(text: "Create application")
            screens.append(("the create form", try await tmux.screen(styles: true)))
            try await tmux.send("Escape")
            try await tmux.waitFor("the list again") { !$0.contains("Create application") }
            try await tmux.send("?")
            try await tmux.waitFor(text: "Help")
            screens.append(("the help", try await tmux.screen(styles: true)))
            for (name, styled) in screens {
                let unseen = Self.unreadable(styled)
                #expect(unseen.isEmpty, "\(theme), \(name): \(unseen.prefix(5)) of \(unseen.count)")
            }
            // Esc, then wait: a key within ncurses' escape delay would arrive as Alt plus that key.
            try await tmux.send("Escape")
            try await tmux.waitFor("the help closed") { !$0.contains("Help") }
            try await tmux.send("q")
            try await tmux.waitFor(text: "smartmlops exited with 0")
        }
    }

    @Test("TERM=linux (no alternate screen): at exit the cabinet's picture is gone and the cursor is shown")
    func linuxConsole() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let tmux = try Tmux(["env", "TERM=linux", try Binary.path, "--demo", "--lang", "en"], environment: sandbox.environment, width: 120, height: 30)
        try await tmux.waitFor("the list") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        #expect(try await tmux.pane("#{cursor_flag}") == "0", "hidden while the cabinet runs")
        try await tmux.send("q")
        let screen = try await tmux.waitFor(text: "smartmlops exited with 0")
        #expect(!screen.contains("Tesseract OCR"), "the last frame is left on the console:\n\(screen)")
        #expect(try await tmux.pane("#{cursor_flag}") == "1", "the cursor is visible again")
    }
}
