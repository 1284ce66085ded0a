import Client
import Foundation
import Model
import Testing

@Suite("The Events screen of the real binary under tmux", .serialized)
struct EventsEndToEndTests {
    /// The demo's applications, whose events are hours or days old.
    static let demo = ["essay-checker", "charisma-features", "qwen-vl", "tesseract-ocr", "appeals-classifier", "speech-to-text"]

    private func showsDemo(_ screen: String) -> Bool {
        Self.demo.contains { screen.contains($0) }
    }

    @Test("an application created through the API shows its event within 2 s with no key pressed; period and application filters narrow the list")
    func liveEvents() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let token = try String(contentsOfFile: server.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let api = PlatformClient(endpoint: PlatformEndpoint(url: URL(string: server.url)!, token: token))

        let tmux = try Tmux([try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "e2e"],
                            environment: sandbox.environment, width: 160, height: 40)
        try await tmux.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        try await tmux.send(":")
        try await tmux.send("-l", "events")
        try await tmux.send("Enter")
        // The local user is an admin: all applications' events.
        try await tmux.waitFor("the events, live") { $0.contains("● live") && showsDemo($0) && $0.contains("Events: all applications") }

        _ = try await api.createApplication(NewApplication(name: "Zzz Stream", team: "cii", template: "empty"))
        try await tmux.waitFor("the new application's event, unprompted", timeout: .seconds(2)) { $0.contains("zzz-stream") }

        // Period: the demo's events are hours old, the new one is not.
        try await tmux.send("t")
        let recent = try await tmux.waitFor("the last 15 minutes") { $0.contains("Period: 15 min") && $0.contains("zzz-stream") && $0.contains("● live") }
        #expect(!showsDemo(recent), "\(recent)")
        for _ in 0..<4 { try await tmux.send("t") }
        try await tmux.waitFor("all time again") { $0.contains("Period: all time") && showsDemo($0) && $0.contains("● live") }

        // Application: the list is sorted, so zzz-stream is the last.
        try await tmux.send("a")
        try await tmux.waitFor(text: "✓ all applications")
        try await tmux.send("End")
        try await tmux.send("Enter")
        let narrowed = try await tmux.waitFor("zzz-stream's events only") {
            $0.contains("Application: zzz-stream") && $0.contains("Events: zzz-stream") && $0.contains("● live")
        }
        #expect(!showsDemo(narrowed), "\(narrowed)")
        // Another application's event is not shown, the narrowed one's arrives live.
        _ = try await api.createApplication(NewApplication(name: "Aaa Other", team: "cii", template: "empty"))
        _ = try await api.updateApplication("zzz-stream", ApplicationEdit(description: "renamed live"))
        let updated = try await tmux.waitFor("the update of zzz-stream", timeout: .seconds(2)) { $0.contains("Changed: description") }
        #expect(!updated.contains("aaa-other"), "\(updated)")

        try await tmux.send("Escape")
        try await tmux.waitFor("the list again") { $0.contains("Tesseract OCR") && !$0.contains("● live") }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }

    @Test("the platform restarting under the open screen: it says so, reconnects by itself and misses no event")
    func reconnects() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        let url = server.url
        let token = try String(contentsOfFile: server.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let api = PlatformClient(endpoint: PlatformEndpoint(url: URL(string: url)!, token: token))
        let tmux = try Tmux([try Binary.path, "--server", url, "--token-file", server.tokenFile, "--profile", "e2e"],
                            environment: sandbox.environment, width: 160, height: 40)
        try await tmux.waitFor("the list online") { $0.contains("● online") }
        try await tmux.send(":")
        try await tmux.send("-l", "events")
        try await tmux.send("Enter")
        try await tmux.waitFor("the events, live") { $0.contains("● live") && showsDemo($0) }

        server.terminate()
        try await tmux.waitFor("the stream down") { $0.contains("reconnecting") && $0.contains("Platform unreachable") }
        // The same port and data: a restart, as an upgrade would do it.
        let deadline = ContinuousClock.now + .seconds(10)
        var restarted: ServeProcess?
        while restarted == nil {
            do {
                restarted = try await ServeProcess(sandbox: sandbox, listen: String(url.dropFirst("http://".count)))
            } catch where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { restarted?.terminate() }
        // Written before the cabinet is back: it must come with the resumed stream (or the polling meanwhile).
        _ = try await api.createApplication(NewApplication(name: "While Away", team: "cii", template: "empty"))
        try await tmux.waitFor("live again with the event written meanwhile") { $0.contains("● live") && $0.contains("while-away") }
        _ = try await api.createApplication(NewApplication(name: "After Return", team: "cii", template: "empty"))
        try await tmux.waitFor("the next event, unprompted", timeout: .seconds(2)) { $0.contains("after-return") }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }
}
