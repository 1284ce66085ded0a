import Foundation
import Glibc
import Testing
import TestSupport

/// Two SSH sessions (or a tmux split) of one user: their cabinets share one embedded platform, so
/// each sees what the other writes, and it stops once the last of them has left.
@Suite("Several cabinets of one user on one embedded platform", .serialized)
struct SharedPlatformTests {
    /// The sandbox's `smartmlops platform` processes (zombies are not); nil: this machine's.
    static func platforms(of sandbox: Sandbox?) -> [Int32] {
        let candidates = sandbox.map { ChildProcess.pids(withEnvironment: "HOME=\($0.root.path)") }
            ?? ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { $0.first?.isNumber == true }
        return candidates.compactMap { pid in
            guard ChildProcess.isRunning(pid), let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let arguments = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.count > 1 && arguments[1] == "platform" ? Int32(pid) : nil
        }
    }

    /// Whether a process whose command line holds `fragment` runs (victoria-metrics on the sandbox's data, say).
    static func running(_ fragment: String) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.contains { pid in
            guard pid.first?.isNumber == true, ChildProcess.isRunning(pid),
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: cmdline.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(fragment)
        }
    }

    /// Waits up to `seconds` for `condition`; whether it came.
    static func eventually(seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// `:dashboards admin`, its request-rate panel zoomed (`r` each second until it has data), then closed.
    static func adminDashboardHasData(_ tmux: Tmux, panel: String = "Platform API requests", average: String = "avg ") async throws {
        try await tmux.send(":")
        try await tmux.send("-l", "dashboards admin")
        try await tmux.send("Enter")
        try await tmux.waitFor(text: panel)
        try await tmux.send("G", "Left", "Enter")
        var screen = ""
        for _ in 0..<45 {
            screen = try await tmux.screen()
            if screen.contains(panel) && screen.contains(average) { break }
            try await tmux.send("r")
            try await Task.sleep(for: .seconds(1))
        }
        #expect(screen.contains(average) && !screen.contains("no data") && !screen.contains("нет данных"), "the platform's request rate: \(screen)")
        // One key at a time: Esc followed at once by another key reads as Alt+key.
        try await tmux.send("Escape")
        try await tmux.waitFor("unzoomed") { !$0.contains(average) && $0.contains(panel) }
        try await tmux.send("Escape")
        try await tmux.waitFor("the dashboard closed") { !$0.contains(panel) }
    }

    @Test("an application created in one cabinet shows in the other within 2 s; dashboards work in both; the platform stops after the last leaves")
    func twoCabinets() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let first = try Tmux([try Binary.path, "--demo", "--lang", "en"], environment: sandbox.environment, width: 160, height: 45)
        try await first.waitFor("the first cabinet online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        let second = try Tmux([try Binary.path, "--lang", "ru"], environment: sandbox.environment, width: 160, height: 45)
        try await second.waitFor("the second cabinet online") { $0.contains("Tesseract OCR") && $0.contains("● в сети") }
        #expect(Self.platforms(of: sandbox).count == 1, "one platform for both: \(Self.platforms(of: sandbox))")

        // Created in the first; the second shows it without a key pressed.
        try await first.send("n")
        try await first.waitFor(text: "Create application")
        try await first.send("Tab", "Tab")
        try await first.send("-l", "Shared session")
        try await first.waitFor("the slug derived from the name") { $0.contains("shared-session") }
        try await first.send("Tab", "Tab", "Tab", "Enter")
        try await first.waitFor("the new application's page") { $0.contains("Shared session · shared-session") }
        try await second.waitFor("the application in the other cabinet", timeout: .seconds(2)) { $0.contains("shared-session") }

        // Deleted in the second (from its list): gone from the first's within 2 s too.
        try await first.send("Escape")
        try await first.waitFor("the first's list") { $0.contains("shared-session") && !$0.contains("Shared session · ") }
        try await second.send("g")
        try await second.waitFor("the new application selected", styles: true) { selectedLine($0)?.contains("shared-session") == true }
        try await second.send("d")
        try await second.waitFor(text: "Удалить")
        try await second.send("-l", "shared-session")
        try await second.send("Enter")
        /// Not in the list (the status bar, last, may say it was deleted).
        func listed(_ screen: String) -> Bool { screen.split(separator: "\n").dropLast().contains { $0.contains("shared-session") } }
        try await second.waitFor("deleted in the second") { !listed($0) && $0.contains("Удалено: shared-session") }
        try await first.waitFor("gone from the first", timeout: .seconds(2)) { !listed($0) && $0.contains("Tesseract OCR") }

        // One VictoriaMetrics, scraping the one platform, feeds the dashboards of both.
        try await Self.adminDashboardHasData(first)
        try await Self.adminDashboardHasData(second, panel: "API платформы: запросы", average: "сред ")

        // The first leaves; the platform stays for the second, which still writes through it.
        try await first.send("q")
        try await first.waitFor(text: "smartmlops exited with 0")
        try await Task.sleep(for: .seconds(3))
        #expect(Self.platforms(of: sandbox).count == 1, "the platform stays while a cabinet is open")
        try await second.send("r")
        _ = try await second.waitFor("the second still online") { $0.contains("● в сети") && $0.contains("Tesseract OCR") }

        // The last leaves: the platform, its VictoriaMetrics and its record go.
        try await second.send("q")
        try await second.waitFor(text: "smartmlops exited with 0")
        let metrics = sandbox.root.appendingPathComponent("data/smartmlops/local/metrics").path
        #expect(try await Self.eventually(seconds: 10) { Self.platforms(of: sandbox).isEmpty && !Self.running(metrics) },
                "left running: platform \(Self.platforms(of: sandbox)), metrics \(Self.running(metrics))")
        let run = sandbox.root.appendingPathComponent("run/smartmlops")
        let records = try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.hasSuffix(".json") }
        #expect(records.isEmpty, "the record goes with the platform: \(records)")
    }

    @Test("the platform killed: the open cabinet shows it unreachable; the next cabinet starts one on the same address and the first is back online")
    func platformKilled() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let first = try Tmux([try Binary.path, "--demo", "--lang", "en"], environment: sandbox.environment, width: 160, height: 40)
        try await first.waitFor("online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        let killed = try #require(Self.platforms(of: sandbox).first)
        kill(killed, SIGKILL)
        try await first.waitFor("unreachable", timeout: .seconds(3)) { $0.contains("Platform unreachable") }

        let second = try Tmux([try Binary.path, "--lang", "en"], environment: sandbox.environment, width: 160, height: 40)
        try await second.waitFor("the second online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        try await first.waitFor("the first back online, no key pressed", timeout: .seconds(5)) { $0.contains("● online") }
        let now = Self.platforms(of: sandbox)
        #expect(now.count == 1 && now.first != killed, "one new platform: \(now)")
        for tmux in [first, second] {
            try await tmux.send("q")
            try await tmux.waitFor(text: "smartmlops exited with 0")
        }
        #expect(try await Self.eventually(seconds: 10) { Self.platforms(of: sandbox).isEmpty }, "left running: \(Self.platforms(of: sandbox))")
    }
}
