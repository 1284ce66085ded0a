import Foundation
import TestSupport

/// The real binary in a real terminal: a tmux server on a private socket, driven like a person
/// would, read back with capture-pane.
final class Tmux {
    let socket = "smartmlops-test-\(UUID().uuidString.prefix(8))"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `command` (argv) in a detached session of the given size. The shell wrapper prints
    /// the exit status and then keeps the pane alive so the terminal's state can be inspected.
    init(_ command: [String], environment: [String: String], width: Int = 120, height: Int = 40) throws {
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append("\(quoted); echo \"smartmlops exited with $?\"; exec sleep 600")
        // The tmux server this starts keeps the descriptors it inherited: give it no pipe to hold open.
        try run(arguments, captureOutput: false)
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    private var tmuxEnvironment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TERM": "xterm-256color"]
    }

    /// For the constructor and deinit, which cannot await; everything else goes through `command`.
    @discardableResult
    func run(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        let (status, output) = try ChildProcess.run(["tmux", "-L", socket] + arguments, environment: tmuxEnvironment, captureOutput: captureOutput)
        guard status == 0 else { throw Failure(description: "tmux \(arguments.first ?? ""): \(output)") }
        return output
    }

    /// A tmux command on a thread of its own, so that polling the screen never holds the
    /// cooperative threads that the program's own tests (and embedded servers) need.
    @discardableResult
    func command(_ arguments: [String]) async throws -> String {
        let (status, output) = try await ChildProcess.runDetached(["tmux", "-L", socket] + arguments, environment: tmuxEnvironment)
        guard status == 0 else { throw Failure(description: "tmux \(arguments.first ?? ""): \(output)") }
        return output
    }

    /// The screen as text; with `styles`, the escape sequences of colours and attributes too.
    func screen(styles: Bool = false) async throws -> String {
        try await command(["capture-pane", "-p"] + (styles ? ["-e"] : []))
    }

    func send(_ keys: String...) async throws {
        try await command(["send-keys"] + keys)
    }

    /// On an application page's ML-components tab: `n`, the form filled with a name, an image and
    /// the local run command and directory, then Add.
    func addRunnableMLComponent(name: String, command: String, workdir: String, image: String = "python:3.11-slim") async throws {
        try await send("n")
        try await waitFor(text: "8002")
        try await send("-l", name)
        try await send("Tab")
        try await send("-l", image)
        // Port, model box, model path, CPU, memory: to the run command.
        try await send("Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
        try await send("-l", command)
        try await send("Tab")
        try await send("-l", workdir)
        try await send("Tab", "Enter")
    }

    /// Waits until the program has read every key sent so far, so that what is checked next is
    /// its answer to all of them rather than to the part it has caught up with. tmux writes keys to
    /// the pane's terminal from its event loop; the round trip of a later command (the tty's name)
    /// is served after that write. Then the terminal's input queue must empty: ncurses reads a byte
    /// at a time, so at most the key in hand remains. A program that stops reading fails this.
    func waitUntilInputRead(timeout: Duration = .seconds(30)) async throws {
        let tty = try await pane("#{pane_tty}")
        let descriptor = open(tty, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(tty): errno \(errno)") }
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + timeout
        while true {
            var pending: Int32 = 0
            guard ioctl(descriptor, UInt(FIONREAD), &pending) == 0 else {
                throw Failure(description: "FIONREAD on \(tty): errno \(errno)")
            }
            if pending == 0 { return }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "the program left \(pending) bytes of input unread for \(timeout); the screen was:\n\(try await screen())")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func resize(width: Int, height: Int) async throws {
        try await command(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// A tmux format of the pane, e.g. `#{alternate_on}`.
    func pane(_ format: String) async throws -> String {
        try await command(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds; fails with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(20), styles: Bool = false, _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen(styles: styles)
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "waited \(timeout) for \(what); the screen was:\n\(last)")
    }

    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }
}

/// The smartmlops binary that `swift build` made beside these tests.
enum Binary {
    static var path: String {
        get throws {
            if let explicit = ProcessInfo.processInfo.environment["SMARTMLOPS_BIN"] { return explicit }
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let candidate = root.appendingPathComponent(".build/debug/smartmlops").path
            guard FileManager.default.isExecutableFile(atPath: candidate) else {
                throw Tmux.Failure(description: "\(candidate) is missing: run `swift build` first (make test does)")
            }
            return candidate
        }
    }
}

/// Fresh XDG directories for one test, so that no test sees another's cache or data.
struct Sandbox {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-e2e-\(UUID().uuidString)")

    /// With its own runtime directory (where cabinets find their shared platform), as a login gives.
    init() {
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("run"), withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    var environment: [String: String] {
        [
            "LANG": "C.UTF-8", "HOME": root.path,
            "XDG_DATA_HOME": root.appendingPathComponent("data").path,
            "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "XDG_STATE_HOME": root.appendingPathComponent("state").path,
            "XDG_RUNTIME_DIR": root.appendingPathComponent("run").path,
            "USER": "e2e",
        ]
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// The line a screen shows highlighted (the table's selection: background colour 153).
func selectedLine(_ styledScreen: String) -> String? {
    styledScreen.split(separator: "\n").first { $0.contains("48;5;153m") }.map(String.init)
}
