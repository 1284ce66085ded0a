import Foundation
import Testing
import TestSupport

/// The in-process monkey (CabinetTests) drives the cabinet's screens 200,000 keys deep; this one
/// drives the real binary — its runtime, the ncurses backend, the embedded platform, the editor
/// hand-over — through a real terminal, so that a crash or a hang of the whole program shows.
@Suite("The real binary under random keys and resizes", .serialized)
struct CabinetMonkeyEndToEndTests {
    /// What a person presses, minus what would end the session on purpose: no `q`/F10 and no `:`
    /// (quit, or `:q`), no control keys (C-c, C-z). `e` opens the editor, which is `true` here.
    private static let keys = ["Up", "Down", "Left", "Right", "Enter", "Escape", "Tab", "BTab", "PageUp", "PageDown", "Home", "End",
                               "BSpace", "DC", "F1", "Space"]
        + "jkhlgGnedrstaw/?fu+1".map(String.init) + "Тест漢字ocr-".map(String.init)

    @Test("20,000 random keys and 50 resizes (10×4 to 300×100) on the demo: the cabinet never exits, and answers at the end",
          .timeLimit(.minutes(5)))
    func monkey() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        var environment = sandbox.environment
        environment["EDITOR"] = "true"
        let tmux = try Tmux([try Binary.path, "--demo"], environment: environment)
        try await tmux.waitFor("the demo list") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        var random = SplitMix64(seed: 20_261_129)
        let batch = 40
        for round in 0..<(20_000 / batch) {
            try await tmux.command(["send-keys"] + (0..<batch).map { _ in Self.keys.randomElement(using: &random)! })
            // Each batch meets the screen the last one left, and nothing is still queued when the
            // barrage ends and the checks begin (a backlog once carried the cabinet off the list
            // after the check below had seen it there).
            try await tmux.waitUntilInputRead()
            if round % 10 == 9 {
                try await tmux.resize(width: Int.random(in: 10...300, using: &random), height: Int.random(in: 4...100, using: &random))
                let screen = try await tmux.screen()
                #expect(!screen.contains("smartmlops exited with"), "round \(round): \(screen)")
                if screen.contains("smartmlops exited with") { return }
            }
        }
        // Whatever it is on (a form, a search, a dialog, a page over pages), Esc backs out one step at
        // a time to the list: it still answers every key.
        try await tmux.resize(width: 120, height: 40)
        func onList(_ screen: String) -> Bool {
            screen.split(separator: "\n").first?.contains("SmartMLOps · Applications ·") == true && screen.contains("● online")
        }
        var escapes = 0
        while !onList(try await tmux.screen()), escapes < 40 {
            try await tmux.send("Escape")
            try await tmux.waitUntilInputRead()
            escapes += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        try await tmux.waitFor("the applications list, answering after the barrage", timeout: .seconds(20), onList)
        // A filter left typed on the list goes with one more Esc; from the first row, j must move.
        try await tmux.send("Escape")
        // Not a wait for the program: a key within ESCDELAY (25 ms) of an Esc is read as Alt+key.
        try await Task.sleep(for: .milliseconds(100))
        try await tmux.send("g")
        // Rows 0 and 1 are the top bar and the table's header: row 2 is the first application.
        func selectedRow(_ screen: String) -> Int? { screen.split(separator: "\n").firstIndex { $0.contains("48;5;153m") } }
        try await tmux.waitFor("the first row selected", styles: true) { selectedRow($0) == 2 }
        try await tmux.send("j")
        try await tmux.waitFor("the selection to move down", styles: true) { selectedRow($0) == 3 }
    }
}
