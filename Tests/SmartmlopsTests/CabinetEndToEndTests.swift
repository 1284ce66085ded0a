import Foundation
import Glibc
import Testing
import TestSupport

@Suite("The real binary under tmux", .serialized)
struct CabinetEndToEndTests {
    @Test("smartmlops --demo shows the demo applications; j moves the selection; q exits 0 and restores the terminal")
    func demoRun() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let tmux = try Tmux([try Binary.path, "--demo"], environment: sandbox.environment)
        let first = try await tmux.waitFor("Tesseract OCR and the online mark") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        for app in ["Qwen VL OCR", "Классификатор обращений", "Распознавание речи", "Признаки для CHARISMa", "Проверка эссе"] {
            #expect(first.contains(app))
        }
        #expect(first.split(separator: "\n").first?.contains("SmartMLOps · Applications") == true)

        // Rows 2 and 3 of the screen are the first two applications; the first is selected.
        let rows = first.split(separator: "\n").map(String.init)
        let firstName = try #require(rows[2].components(separatedBy: "  ").first)
        let secondName = try #require(rows[3].components(separatedBy: "  ").first)
        #expect(selectedLine(try await tmux.screen(styles: true))?.contains(firstName) == true)
        try await tmux.send("j")
        try await tmux.waitFor("the selection to move to \(secondName)", styles: true) { selectedLine($0)?.contains(secondName) == true }

        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
        #expect(try await tmux.pane("#{alternate_on}") == "0", "still in the alternate screen")
        #expect(try await tmux.pane("#{cursor_flag}") == "1", "the cursor is still hidden")
        #expect(!(try await tmux.screen()).contains("Tesseract OCR"), "the cabinet's screen was left behind")
    }

    @Test("in Russian the cabinet speaks the web cabinet's words")
    func russian() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        var environment = sandbox.environment
        environment["LANG"] = "ru_RU.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        let tmux = try Tmux([try Binary.path, "--demo", "--lang", "ru"], environment: environment)
        let screen = try await tmux.waitFor("Russian screen") { $0.contains("Tesseract OCR") && $0.contains("● в сети") }
        for word in ["Приложения", "Название", "Команда", "Статус", "● Развернуто", "✖ Ошибка развертывания", "q/F10 выход"] {
            #expect(screen.contains(word), "\(word)")
        }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }

    @Test("resizing down to 20×6 and back neither crashes nor garbles the screen")
    func resizing() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let tmux = try Tmux([try Binary.path, "--demo"], environment: sandbox.environment)
        try await tmux.waitFor(text: "Tesseract OCR")
        try await tmux.resize(width: 20, height: 6)
        let small = try await tmux.waitFor("the 20×6 frame") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.first?.hasPrefix(" SmartMLOps") == true && !screen.contains("Updated")
        }
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 20 })
        try await tmux.send("j", "j", "k")
        try await tmux.resize(width: 120, height: 40)
        try await tmux.waitFor("the full frame again") { $0.contains("Tesseract OCR") && $0.contains("Updated") }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }

    @Test("a second start paints the cached list while the platform is stalled, then goes online when it answers")
    func cacheFirstAgainstStalledServer() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let client = try await server.cabinetFillingCache(sandbox: sandbox)

        // The platform stops answering (SIGSTOP: connections are accepted, nothing is answered).
        server.signal(SIGSTOP)
        let second = try Tmux(client, environment: sandbox.environment)
        let cached = try await second.waitFor("the cached list") { $0.contains("Tesseract OCR") }
        #expect(cached.contains("connecting… · data from"), "the list must be the cache's, shown before any answer")
        #expect(!cached.contains("● online"))

        server.signal(SIGCONT)
        try await second.waitFor("online after the platform answers") { $0.contains("● online") && $0.contains("Tesseract OCR") }
        try await second.send("q")
        try await second.waitFor(text: "smartmlops exited with 0")
    }

    @Test("with the platform gone, the cached list stays and the top bar says offline")
    func offline() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        let client = try await server.cabinetFillingCache(sandbox: sandbox)
        server.terminate()

        let second = try Tmux(client, environment: sandbox.environment)
        // Both at once: tmux may show a frame half-drawn (the top bar comes before the rows).
        let screen = try await second.waitFor("offline with cached data") {
            $0.contains("Platform unreachable · data from") && $0.contains("Tesseract OCR")
        }
        #expect(!screen.contains("● online"))
        try await second.send("q")
        try await second.waitFor(text: "smartmlops exited with 0")
    }

    @Test("a bad --server is a clear message and a non-zero exit, not a crash")
    func badServer() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let tmux = try Tmux([try Binary.path, "--server", "ftp://nowhere", "--token-file", "/nonexistent"], environment: sandbox.environment)
        let screen = try await tmux.waitFor(text: "smartmlops exited with 64")
        #expect(screen.contains("--server must be an http:// or https:// URL"))
    }
}

/// `smartmlops serve --demo` on a free loopback port, as a separate process.
final class ServeProcess {
    let child: ChildProcess
    let url: String
    let tokenFile: String

    init(sandbox: Sandbox, demo: Bool = true, listen: String = "127.0.0.1:0", arguments: [String] = []) async throws {
        let data = sandbox.root.appendingPathComponent("server")
        child = try ChildProcess([try Binary.path, "serve", "--listen", listen, "--data", data.path] + (demo ? ["--demo"] : []) + arguments,
                                 environment: sandbox.environment)
        // The first line says where it listens: "smartmlops platform listening on http://127.0.0.1:PORT; …".
        var seen: [String] = []
        while true {
            guard let line = await child.nextLine(), seen.count < 50 else {
                throw Tmux.Failure(description: "serve did not say where it listens:\n" + seen.joined(separator: "\n"))
            }
            seen.append(line)
            if line.hasPrefix("smartmlops platform listening on "),
               let range = line.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                url = String(line[range])
                break
            }
        }
        tokenFile = data.appendingPathComponent("local-token").path
    }

    func signal(_ signal: Int32) {
        child.signal(signal)
    }

    /// Runs the cabinet against this server once, until it shows the list online, and quits: the
    /// cache is then filled. Returns the command line for later starts with the same profile.
    func cabinetFillingCache(sandbox: Sandbox) async throws -> [String] {
        let client = [try Binary.path, "--server", url, "--token-file", tokenFile, "--profile", "e2e"]
        let first = try Tmux(client, environment: sandbox.environment)
        try await first.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        try await first.send("q")
        try await first.waitFor(text: "smartmlops exited with 0")
        return client
    }

    /// Collects the exit of a server that was killed.
    func reap() {
        child.wait()
    }

    func terminate() {
        guard !child.hasExited else { return }
        child.signal(SIGCONT)
        child.signal(SIGTERM)
        child.wait()
    }

    deinit {
        terminate()
    }
}
