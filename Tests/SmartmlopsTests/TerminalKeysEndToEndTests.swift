import Foundation
import Glibc
import Testing
import TestSupport

/// The terminal as people have it: flow control on, a platform that stops answering, a terminal
/// type that cannot draw a screen. The real binary under tmux.
@Suite("The terminal's own ways: flow control, a stalled platform, TERM=dumb, under tmux", .serialized)
struct TerminalKeysEndToEndTests {
    /// Runs its arguments, then prints whether the shell's terminal has flow control ("after: ixon")
    /// or not ("after: -ixon"), and exits with their status.
    static let thenShellModes = #""$0" "$@"; status=$?; stty -a | tr ' ' '\n' | grep -x -- '-\{0,1\}ixon' | sed 's/^/after: /'; exit $status"#

    @Test("C-s submits the create form, though the terminal's flow control is on; on exit the shell has it back")
    func controlS() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let tmux = try Tmux(["sh", "-c", Self.thenShellModes, try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "e2e", "--lang", "en"],
                            environment: sandbox.environment)
        try await tmux.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        try await tmux.send("n")
        try await tmux.waitFor(text: "Create application")
        try await tmux.send("Tab", "Tab")
        try await tmux.send("-l", "Flow Control")
        try await tmux.waitFor("the slug derived from the name") { $0.contains("flow-control") }
        try await tmux.send("C-s")
        try await tmux.waitFor("the new application's page") { $0.contains("Flow Control · flow-control") }
        // Output was not stopped by XOFF: the screen still follows keys.
        try await tmux.send("Escape")
        try await tmux.waitFor("the list with it") { $0.contains("Flow Control") && $0.contains("Tesseract OCR") }
        try await tmux.send("q")
        let screen = try await tmux.waitFor(text: "smartmlops exited with 0")
        #expect(screen.contains("after: ixon") && !screen.contains("after: -ixon"), "the shell's flow control restored:\n\(screen)")
    }

    @Test("a crash (SIGSEGV) still gives the shell its flow control and its normal screen back")
    func crash() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        var environment = sandbox.environment
        // Swift's backtracer would run after our handler (and print for a long while): the plain crash here.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let tmux = try Tmux(["sh", "-c", Self.thenShellModes, try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "e2e", "--lang", "en"],
                            environment: environment)
        try await tmux.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        let cabinet = ChildProcess.pids(withEnvironment: "HOME=\(sandbox.root.path)").filter { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("smartmlops") == true
                && (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8))?.contains("--server") == true
        }
        let pid = try #require(cabinet.first.flatMap { Int32($0) }, "the cabinet's pid among \(cabinet)")
        kill(pid, SIGSEGV)
        let screen = try await tmux.waitFor("the crash's exit") { $0.contains("smartmlops exited with") }
        #expect(!screen.contains("smartmlops exited with 0"), "\(screen)")
        #expect(screen.contains("after: ixon") && !screen.contains("after: -ixon"), "the shell's flow control restored:\n\(screen)")
        #expect(try await tmux.pane("#{alternate_on}") == "0", "the normal screen is back")
    }

    @Test("SIGSTOP the platform: unreachable within 2 s; SIGCONT: online again with no key pressed", arguments: ["en", "ru"])
    func stalledPlatform(language: String) async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.signal(SIGCONT); server.terminate() }
        let online = language == "ru" ? "● в сети" : "● online"
        let offline = language == "ru" ? "○ Нет соединения с платформой" : "○ Platform unreachable"
        let tmux = try Tmux([try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "e2e", "--lang", language],
                            environment: sandbox.environment)
        try await tmux.waitFor("online") { $0.contains("Tesseract OCR") && $0.contains(online) }

        // The process keeps its port and the kernel keeps accepting connections: only answers stop.
        server.signal(SIGSTOP)
        let screen = try await tmux.waitFor("unreachable within 2 s", timeout: .seconds(2)) { $0.contains(offline) }
        #expect(screen.contains("Tesseract OCR"), "the list stays, from the cache")
        #expect(!screen.lowercased().contains("curl") && !screen.contains("Timeout was reached"), "no libcurl text:\n\(screen)")

        server.signal(SIGCONT)
        try await tmux.waitFor("online again", timeout: .seconds(5)) { $0.contains(online) }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }

    @Test("TERM=dumb: told why, and a non-zero exit rather than a blank screen")
    func dumbTerminal() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let tmux = try Tmux(["env", "TERM=dumb", try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "e2e"],
                            environment: sandbox.environment)
        let screen = try await tmux.waitFor("the exit") { $0.contains("smartmlops exited with") }
        #expect(screen.contains("TERM=dumb cannot move the cursor"), "\(screen)")
        #expect(!screen.contains("smartmlops exited with 0"), "\(screen)")
    }
}
