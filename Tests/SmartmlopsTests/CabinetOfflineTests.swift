import Foundation
import Glibc
import Testing
import TestSupport

/// Offline is a state, not an error: the platform is killed mid-session and comes back.
@Suite("The cabinet when its platform dies and comes back, under tmux", .serialized)
struct CabinetOfflineTests {
    @Test("SIGKILL the platform: offline within 2 s, the typed draft kept; restart: online within 3 s with no key pressed", arguments: ["en", "ru"])
    func killAndRestart(language: String) async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        // A port of our own, free now, so that the platform can come back where the cabinet looks.
        let probe = try LoopbackListener(.silent)
        let port = probe.port
        probe.close()
        var server = try await ServeProcess(sandbox: sandbox, listen: "127.0.0.1:\(port)")
        defer { server.terminate() }
        var environment = sandbox.environment
        if language == "ru" { environment["LANG"] = "ru_RU.UTF-8"; environment["LC_ALL"] = "C.UTF-8" }
        let cabinet = [try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "e2e", "--lang", language]
        let online = language == "ru" ? "● в сети" : "● online"
        let offline = language == "ru" ? "○ Нет соединения с платформой" : "○ Platform unreachable"
        let name = language == "ru" ? "Черновик без сети" : "Draft without network"
        let tmux = try Tmux(cabinet, environment: environment)
        try await tmux.waitFor("online") { $0.contains("Tesseract OCR") && $0.contains(online) }
        try await tmux.send("n")
        try await tmux.send("Tab", "Tab")
        try await tmux.send("-l", name)
        try await tmux.waitFor(text: name)

        server.signal(SIGKILL)
        server.reap()
        let screen = try await tmux.waitFor("offline within 2 s", timeout: .seconds(2)) { $0.contains(offline) }
        #expect(screen.contains(name), "the text typed into the form is kept")

        // The draft is on disk already: a crash now would lose nothing.
        let draft = sandbox.root.appendingPathComponent("cache/smartmlops/e2e/draft.create-application.json")
        #expect(try String(contentsOf: draft, encoding: .utf8).contains(name))

        server = try await ServeProcess(sandbox: sandbox, listen: "127.0.0.1:\(port)")
        try await tmux.waitFor("online again within 3 s", timeout: .seconds(3)) { $0.contains(online) && $0.contains(name) }

        // After a restart of the cabinet, n brings the draft back.
        try await tmux.send("Escape")
        try await tmux.waitFor("the list") { $0.contains("Tesseract OCR") && !$0.contains(name) }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
        let again = try Tmux(cabinet, environment: environment)
        try await again.waitFor("online") { $0.contains(online) }
        try await again.send("n")
        try await again.waitFor("the restored draft") { $0.contains(name) }
        try await again.send("Escape")
        try await again.waitFor("the list") { !$0.contains(name) }
        try await again.send("q")
        try await again.waitFor(text: "smartmlops exited with 0")
    }
}
