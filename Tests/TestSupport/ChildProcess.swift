import Foundation
import Glibc

/// A child process through posix_spawn and waitpid. Foundation's Process reaps its children from
/// a run-loop source that never fires on Swift's cooperative threads, which left tests waiting on
/// zombies; this has no such dependency.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// The read end of the child's stdout and stderr, when captured.
    private let output: Int32?
    private var exitStatus: Int32?

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `argv`, looked up on PATH. With `captureOutput` false, stdout and stderr go to
    /// /dev/null (for daemons, which would otherwise keep the pipe open forever).
    /// `stdinFile` is read as the child's standard input (else /dev/null).
    public init(_ argv: [String], environment: [String: String], captureOutput: Bool = true, stdinFile: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeFDs: [Int32] = [-1, -1]
        if captureOutput {
            // Close-on-exec, so that no other child started meanwhile (a service the platform under
            // test runs) inherits the write end and keeps this reader waiting for an end of file.
            guard pipe(&pipeFDs) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
            for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 2)
            posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
            posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, stdinFile ?? "/dev/null", O_RDONLY, 0)

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        // The test runner ignores some signals (SIGPIPE, SIGHUP…) and ignored signals survive exec:
        // give the child default dispositions and an empty mask, or `tmux kill-server` cannot end
        // the programs in its panes.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        var none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var child: pid_t = 0
        let status = posix_spawnp(&child, argv[0], &actions, &attributes, cArgs, cEnv)
        if captureOutput { close(pipeFDs[1]) }
        guard status == 0 else {
            if captureOutput { close(pipeFDs[0]) }
            throw Failure(description: "cannot start \(argv[0]): \(String(cString: strerror(status)))")
        }
        pid = child
        output = captureOutput ? pipeFDs[0] : nil
    }

    deinit {
        if let output { close(output) }
    }

    /// Reads until the child closes its output (at most `limit` bytes).
    public func readAll(limit: Int = 1 << 20) -> String {
        guard let output else { return "" }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.count < limit {
            let n = read(output, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            data += chunk[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `readAll` on a thread of its own: a test awaiting a long-running child must not block one of
    /// the few threads of Swift's cooperative pool, which the server under test needs.
    public func output(limit: Int = 1 << 20) async -> String {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.readAll(limit: limit)) }.start()
        }
    }

    /// Reads one line of output (for a server announcing its port); nil at end of output.
    public func readLine() -> String? {
        guard let output else { return nil }
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let n = read(output, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    public var hasExited: Bool { exitStatus != nil }

    @discardableResult
    public func wait() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }

    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// `run` on a thread of its own, for async tests: waiting on a child must not hold one of the
    /// few threads of Swift's cooperative pool, which the code under test needs.
    public static func runDetached(_ argv: [String], environment: [String: String], captureOutput: Bool = true,
                                   stdin: Data? = nil) async throws -> (status: Int32, output: String) {
        var input: String?
        if let stdin {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-stdin-\(UUID().uuidString)").path
            try stdin.write(to: URL(fileURLWithPath: file))
            input = file
        }
        defer { if let input { try? FileManager.default.removeItem(atPath: input) } }
        let stdinFile = input
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try run(argv, environment: environment, captureOutput: captureOutput, stdinFile: stdinFile) }) }.start()
        }
    }

    /// `readLine` on a thread of its own (see `runDetached`).
    public func nextLine() async -> String? {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.readLine()) }.start()
        }
    }

    /// Runs `argv` to completion; its exit status and everything it printed.
    public static func run(_ argv: [String], environment: [String: String], captureOutput: Bool = true,
                           stdinFile: String? = nil) throws -> (status: Int32, output: String) {
        let child = try ChildProcess(argv, environment: environment, captureOutput: captureOutput, stdinFile: stdinFile)
        let output = child.readAll()
        return (child.wait(), output)
    }
}

extension ChildProcess {
    /// The pids of this machine's processes whose environment holds `entry` ("NAME=value"): how
    /// tests find the processes a platform started for a namespace.
    public static func pids(withEnvironment entry: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { pid in
            guard pid.first?.isNumber == true, let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environ.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == entry }
        }
    }

    /// Whether `pid` runs: a zombie (exited, not yet reaped) does not.
    public static func isRunning(_ pid: String) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// `roots` and every process descending from one of them, by parent pid.
    public static func descendants(of roots: Set<String>) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var parent: [String: String] = [:]
        for pid in entries where pid.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1 { parent[pid] = String(fields[1]) }
        }
        return parent.keys.filter { pid in
            var current: String? = pid
            var steps = 0
            while let each = current, steps < 64 {
                if roots.contains(each) { return true }
                current = parent[each]
                steps += 1
            }
            return false
        }.sorted()
    }
}
