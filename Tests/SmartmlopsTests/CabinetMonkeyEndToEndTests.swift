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

    /// A linear congruential generator, so a failing run can be replayed from its seed.
    private struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test("20,000 random keys and 50 resizes (10×4 to 300×100) on the demo: the cabinet never exits, and answers at the end",
          .timeLimit(.minutes(5)))
    func monkey() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        var environment = sandbox.environment
        environment["EDITOR"] = "true"
        let tmux = try Tmux([try Binary.path, "--demo"], environment: environment)
        try await tmux.waitFor("the demo list") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        var random = Random(state: 20_261_129)
        let batch = 40
        for round in 0..<(20_000 / batch) {
            try await tmux.command(["send-keys"] + (0..<batch).map { _ in Self.keys[random.next(Self.keys.count)] })
            if round % 10 == 9 {
                try await tmux.resize(width: 10 + random.next(291), height: 4 + random.next(97))
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
            escapes += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        try await tmux.waitFor("the applications list, answering after the barrage", timeout: .seconds(20), onList)
        let before = try await tmux.screen(styles: true)
        try await tmux.send("j")
        try await tmux.waitFor("the selection to move", styles: true) { $0 != before }
    }
}
