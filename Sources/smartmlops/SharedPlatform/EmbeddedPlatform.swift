import ArgumentParser
import Platform
import ConfigFormat
import Foundation
import Glibc
import Synchronization

/// The cabinet's side of the shared embedded platform: connect to the one running on this data
/// directory, or start it, detached, and hold a lease on it for as long as the cabinet runs.
enum EmbeddedPlatform {
    struct Connection: Sendable {
        let record: PlatformRecord
        let token: String
        /// Held (shared) until the process ends: while any cabinet holds it, the platform stays.
        let lease: FileLock
    }

    /// `--data`, else `$XDG_DATA_HOME/smartmlops/local`, made 0700.
    static func dataDirectory(_ given: String?, environment: [String: String]) throws -> URL {
        guard let directory = given.map({ URL(fileURLWithPath: $0) })
            ?? XDGDirectories(application: "smartmlops", environment: environment).data
                .map({ URL(fileURLWithPath: $0).appendingPathComponent("local") }) else {
            throw ValidationError("no data directory: set HOME or XDG_DATA_HOME to an absolute path, or give --data")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return directory.standardizedFileURL
    }

    /// The platform of `dataDirectory`: the running one, or one started now (which answers
    /// before this returns). Two cabinets starting at once start one platform between them.
    static func connect(dataDirectory: URL, demo: Bool, environment: [String: String], timeout: Duration = .seconds(60)) async throws -> Connection {
        let files = try SharedPlatformFiles.of(dataDirectory: dataDirectory, environment: environment)
        let starting = try FileLock(files.lock)
        starting.lock(shared: false)
        defer { starting.unlock() }
        // Waits while a platform is stopping (it holds the lease exclusively until it is gone).
        let lease = try FileLock(files.lease)
        lease.lock(shared: true)
        let token = try LocalToken.loadOrCreate(at: dataDirectory.appendingPathComponent("local-token"))
        let previous = files.readRecord()
        if let previous, previous.isAlive { return Connection(record: previous, token: token, lease: lease) }

        // The port the last one had, if it died: cabinets still open on it come back by themselves.
        var arguments = ["platform", "run", "--spawned", "--data", dataDirectory.path]
        if demo { arguments.append("--demo") }
        if let port = previous?.port, port > 0 { arguments += ["--port", String(port)] }
        if let metrics = previous?.metricsURL.flatMap(URL.init(string:))?.port { arguments += ["--metrics-port", String(metrics)] }
        let log = dataDirectory.appendingPathComponent("platform.log")
        let child = try spawnDetached(arguments: arguments, environment: environment, log: log)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let record = files.readRecord(), record.pid == child.pid { return Connection(record: record, token: token, lease: lease) }
            if child.exited.load(ordering: .acquiring) {
                throw ValidationError("the embedded platform did not start: \(lastLines(of: log))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ValidationError("the embedded platform did not answer within \(timeout); see \(log.path)")
    }

    private final class Child: Sendable {
        let pid: pid_t
        let exited = Atomic<Bool>(false)
        init(pid: pid_t) { self.pid = pid }
    }

    /// Starts this binary with `arguments` in a session of its own (no controlling terminal: the
    /// terminal closing does not reach it), input from /dev/null, output to `log`, no descriptor of
    /// the cabinet's but those, default signal handling. A thread reaps it when it ends.
    private static func spawnDetached(arguments: [String], environment: [String: String], log: URL) throws -> Child {
        let executable = Executable.path
        // The log is kept short: begun again once it has grown past 1 MiB.
        let size = (try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int) ?? 0
        let output = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (size > 1 << 20 ? O_TRUNC : 0), 0o600)
        guard output >= 0 else { throw ValidationError("cannot write \(log.path): \(String(cString: strerror(errno)))") }
        defer { close(output) }

        // Not the cabinet's token for another server.
        let passed = environment.filter { $0.key != "SMARTMLOPS_TOKEN" }
        let pid: pid_t
        switch Spawner.spawnInNewSession(argv: [executable] + arguments, environment: passed, output: output) {
        case .success(let started): pid = started
        case .failure(let failure): throw ValidationError(failure.description)
        }
        let child = Child(pid: pid)
        let reaper = Thread {
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
            child.exited.store(true, ordering: .releasing)
        }
        reaper.name = "smartmlops.platform-reaper"
        reaper.stackSize = 64 << 10
        reaper.start()
        return child
    }

    private static func lastLines(of log: URL) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").suffix(3)
        return lines.isEmpty ? "it exited without a word (see \(log.path))" : lines.joined(separator: " ")
    }
}
