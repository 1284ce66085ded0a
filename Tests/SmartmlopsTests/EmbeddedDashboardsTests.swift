import Foundation
import Testing
import TestSupport

/// Issue #7 end to end: the cabinet on its embedded platform starts Debian's VictoriaMetrics, and
/// its dashboards show live series of the platform itself and of the example component deployed
/// from the cabinet.
@Suite("Dashboards of the embedded platform, under tmux", .serialized)
struct EmbeddedDashboardsTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/inference").path

    /// Presses `r` (refresh) every second until `condition` holds for the screen.
    private func refreshUntil(_ tmux: Tmux, _ what: String, seconds: Int = 45, _ condition: (String) -> Bool) async throws -> String {
        var screen = ""
        for _ in 0..<seconds {
            screen = try await tmux.screen()
            if condition(screen) { return screen }
            try await tmux.send("r")
            try await Task.sleep(for: .seconds(1))
        }
        throw Tmux.Failure(description: "waited \(seconds) s for \(what); the screen was:\n\(screen)")
    }

    @Test("a component deployed from the cabinet and the platform itself have live series on the dashboards")
    func liveSeries() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let tmux = try Tmux([try Binary.path, "--demo", "--lang", "en"], environment: sandbox.environment, width: 160, height: 50)
        try await tmux.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        let token = sandbox.root.appendingPathComponent("data/smartmlops/local/local-token")
        let mode = try FileManager.default.attributesOfItem(atPath: token.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the embedded platform's token is kept for its owner only")

        try await tmux.send("g", "Enter")
        try await tmux.waitFor(text: "ML components")
        try await tmux.addRunnableMLComponent(name: "echo", command: "python3 service.py", workdir: Self.examples)
        try await tmux.waitFor("the component deployed", timeout: .seconds(30)) { $0.contains("echo") && $0.contains("Serving on 127.0.0.1:") }

        // The application's dashboard: its RAM, zoomed, is the example service's memory.
        try await tmux.send(":")
        try await tmux.send("-l", "dashboards")
        try await tmux.send("Enter")
        try await tmux.waitFor(text: "Application")
        try await tmux.send("Right", "Enter")
        let ram = try await refreshUntil(tmux, "the component's memory") { $0.contains("RAM") && $0.contains("avg ") && $0.contains("MiB") }
        #expect(!ram.contains("no data"), "\(ram)")
        try await tmux.send("Escape")
        try await tmux.waitFor("unzoomed") { !$0.contains("avg ") && $0.contains("Network in") }
        try await tmux.send("Escape")
        try await tmux.waitFor("back on the application page") { !$0.contains("Network in") && $0.contains("ML components") }

        // The admin dashboard: the platform's own request rate, zoomed (the last panel but one).
        try await tmux.send(":")
        try await tmux.send("-l", "dashboards admin")
        try await tmux.send("Enter")
        try await tmux.waitFor(text: "Platform API requests")
        try await tmux.send("G", "Left", "Enter")
        let requests = try await refreshUntil(tmux, "the platform's request rate") { $0.contains("Platform API requests") && $0.contains("avg ") }
        #expect(!requests.contains("no data"), "\(requests)")
        // One key at a time: Esc followed at once by another key reads as Alt+key.
        try await tmux.send("Escape")
        try await tmux.waitFor("unzoomed") { !$0.contains("avg ") && $0.contains("Platform API requests") }
        try await tmux.send("Escape")
        try await tmux.waitFor("the dashboard closed") { !$0.contains("Platform API requests") }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
        // Nothing of the session is left running: the service and VictoriaMetrics went with the
        // platform, which stops once its last cabinet has left.
        let metrics = sandbox.root.appendingPathComponent("data/smartmlops/local/metrics").path
        #expect(try await SharedPlatformTests.eventually(seconds: 10) { !SharedPlatformTests.running(metrics) }, "victoria-metrics stopped")
    }
}
