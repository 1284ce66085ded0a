import Foundation
import Glibc
import Testing
import TestSupport

/// On a login node the usual end of a session is not `q` but the SSH link dropping: the cabinet
/// gets SIGHUP. What its embedded platform runs must not outlive it.
@Suite("The cabinet ended by a signal", .serialized)
struct CabinetSignalTests {
    /// The sandbox's processes (the cabinet, the components it runs, its VictoriaMetrics), not the
    /// tmux pane's shell and the `sleep` it ends in.
    /// Components run confined, with a home of their own: they are found as descendants of the
    /// processes that carry the sandbox's HOME.
    private static func processes(of sandbox: Sandbox) -> [(pid: Int32, command: String)] {
        let roots = Set(ChildProcess.pids(withEnvironment: "HOME=\(sandbox.root.path)"))
        return ChildProcess.descendants(of: roots).compactMap { pid in
            let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return ["sh", "bash", "dash", "sleep", "tmux: server", "tmux"].contains(command) ? nil : (Int32(pid) ?? 0, command)
        }
    }

    /// Whether `pid` is the shared embedded platform (`smartmlops platform run`), not a cabinet.
    private static func isPlatform(_ pid: Int32) -> Bool {
        SharedPlatformTests.platforms(of: nil).contains(pid)
    }

    /// `smartmlops --demo` under tmux with the example service added to the first application and
    /// deployed: the pane, its screen then, and the sandbox's processes.
    private static func cabinetRunningComponent(sandbox: Sandbox) async throws -> (Tmux, String, [(pid: Int32, command: String)]) {
        let tmux = try Tmux([try Binary.path, "--demo", "--lang", "en"], environment: sandbox.environment, width: 160, height: 40)
        try await tmux.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        try await tmux.send("g", "Enter")
        try await tmux.waitFor(text: "ML components")
        try await tmux.addRunnableMLComponent(name: "echo", command: "python3 service.py", workdir: DeployEndToEndTests.examples)
        let deployed = try await tmux.waitFor("the component deployed", timeout: .seconds(30)) { $0.contains("echo") && $0.contains("Serving on 127.0.0.1:") }
        let running = processes(of: sandbox)
        #expect(running.contains { $0.command.hasPrefix("python3") }, "the component runs: \(running)")
        return (tmux, deployed, running)
    }

    /// Which of `running` are still alive (zombies are not) after up to 10 s. By pid: once the
    /// cabinet is gone, a survivor would no longer descend from it.
    private static func survivors(of running: [(pid: Int32, command: String)]) async throws -> [(pid: Int32, command: String)] {
        func alive() -> [(pid: Int32, command: String)] {
            running.filter { ChildProcess.isRunning(String($0.pid)) }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while !alive().isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        return alive()
    }

    @Test("SIGHUP (the terminal closed) or SIGTERM: the running component stops with the cabinet", arguments: [SIGHUP, SIGTERM])
    func hangUp(signal number: Int32) async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let (tmux, _, running) = try await Self.cabinetRunningComponent(sandbox: sandbox)
        let cabinet = try #require(running.first { $0.command == "smartmlops" && !Self.isPlatform($0.pid) }, "\(running)")

        kill(cabinet.pid, number)
        try await tmux.waitFor(text: "smartmlops exited with \(128 + number)")
        let left = try await Self.survivors(of: running)
        #expect(left.isEmpty, "left running: \(left)")
        #expect(Self.processes(of: sandbox).isEmpty, "left running: \(Self.processes(of: sandbox))")
        if number == SIGTERM {
            #expect(try await tmux.pane("#{alternate_on}") == "0", "the terminal was given back")
        }
    }

    @Test("SIGKILL of the cabinet: its component and VictoriaMetrics go too, no port is left listening; a restart runs exactly one copy")
    func killed() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let cabinet = [try Binary.path, "--demo", "--lang", "en"]
        let (tmux, deployed, running) = try await Self.cabinetRunningComponent(sandbox: sandbox)
        let port = try #require(deployed.range(of: #"127\.0\.0\.1:\d+"#, options: .regularExpression).map { String(deployed[$0].split(separator: ":")[1]) })
        let process = try #require(running.first { $0.command == "smartmlops" && !Self.isPlatform($0.pid) }, "\(running)")
        #expect(running.contains { $0.command == "smartmlops" && Self.isPlatform($0.pid) }, "the shared platform runs: \(running)")
        #expect(running.contains { $0.command.hasPrefix("victoria") }, "the metrics run: \(running)")

        kill(process.pid, SIGKILL)
        try await tmux.waitFor(text: "smartmlops exited with 137")
        let left = try await Self.survivors(of: running)
        #expect(left.isEmpty, "left running after SIGKILL: \(left)")
        let listening = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
        let hexPort = String(format: ":%04X ", Int(port) ?? 0)
        #expect(!listening.split(separator: "\n").contains { $0.contains(hexPort) && $0.contains(" 0A ") }, "port \(port) still listening")

        // The next start brings the component back (it was running), once.
        let again = try Tmux(cabinet, environment: sandbox.environment, width: 160, height: 40)
        try await again.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        try await again.send("g", "Enter")
        try await again.waitFor("the component deployed again", timeout: .seconds(30)) { $0.contains("echo") && $0.contains("Serving on 127.0.0.1:") }
        let copies = Self.processes(of: sandbox).filter { $0.command.hasPrefix("python3") }
        #expect(copies.count == 1, "one copy of the component: \(copies)")
        try await again.send("q")
        try await again.waitFor(text: "smartmlops exited with 0")
    }
}
