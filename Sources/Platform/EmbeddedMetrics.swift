import Foundation
import Glibc

/// The embedded platform's own VictoriaMetrics: when `victoria-metrics` is on PATH and no metrics
/// URL is configured, the cabinet starts one on a loopback port with its data next to the
/// platform's, scraping the platform's `/metrics`, and stops it on exit. A pid file lets the next
/// start end one that a killed cabinet left behind.
public final class EmbeddedMetrics: Sendable {
    public let url: URL
    private let process: SupervisedProcess
    private let pidFile: URL

    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case didNotStart(String)

        public var description: String {
            switch self {
            case .notInstalled: "victoria-metrics is not on PATH"
            case .didNotStart(let why): "victoria-metrics did not start: \(why)"
            }
        }
    }

    private init(url: URL, process: SupervisedProcess, pidFile: URL) {
        self.url = url
        self.process = process
        self.pidFile = pidFile
    }

    /// The `victoria-metrics` executable (or another, by name) on `PATH`, if any.
    public static func executable(named name: String = "victoria-metrics", path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts it and returns once it answers `/health` (within `timeout`).
    /// `token` (the platform's administrator token) lets the scrape see the per-component series;
    /// it goes to a 0600 file that only the scrape configuration names.
    /// `port`, when free, is where it listens (the last one's, so that cabinets still open keep their dashboards).
    public static func start(dataDirectory: URL, scrape target: URL, token: String? = nil, interval: Duration = .seconds(5),
                             timeout: Duration = .seconds(20), port preferredPort: Int? = nil) async throws -> EmbeddedMetrics {
        guard let binary = executable() else { throw Failure.notInstalled }
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let pidFile = dataDirectory.appendingPathComponent("victoria-metrics.pid")
        await endLeftover(pidFile: pidFile, dataDirectory: dataDirectory)

        let seconds = max(1, interval.components.seconds)
        let host = target.host ?? "127.0.0.1"
        guard let port = LocalDriver.freePort(preferring: preferredPort) else { throw Failure.didNotStart("no free loopback port") }
        let config = dataDirectory.appendingPathComponent("scrape.yaml")
        var authorization = ""
        if let token {
            let tokenFile = dataDirectory.appendingPathComponent("scrape-token")
            _ = FileManager.default.createFile(atPath: tokenFile.path, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
            authorization = "\n    bearer_token_file: \(tokenFile.path)"
        }
        try """
            global:
              scrape_interval: \(seconds)s
            scrape_configs:
              - job_name: smartmlops\(authorization)
                static_configs:
                  - targets: ["\(host):\(target.port ?? 80)"]
              - job_name: victoria-metrics
                static_configs:
                  - targets: ["127.0.0.1:\(port)"]
            """.write(to: config, atomically: true, encoding: .utf8)
        let log = BoundedLog(url: dataDirectory.appendingPathComponent("victoria-metrics.log"), maxBytes: 256 << 10)
        // It dies with the platform, SIGKILL included: util-linux's setpriv sets PR_SET_PDEATHSIG and
        // execs it (kept across exec), from the spawner's thread, which lives as long as the process.
        // Where setpriv is missing, the pid file still lets the next start end a leftover.
        let dieWithParent = Self.executable(named: "setpriv").map { [$0, "--pdeathsig", "KILL", "--"] } ?? []
        let argv = dieWithParent + [binary, "-httpListenAddr=127.0.0.1:\(port)", "-storageDataPath=\(dataDirectory.appendingPathComponent("data").path)",
                       "-promscrape.config=\(config.path)", "-retentionPeriod=30d", "-loggerLevel=ERROR",
                       // New points are queryable after 30 s by default; a live dashboard wants them now.
                       "-search.latencyOffset=1s"]
        let environment = ProcessInfo.processInfo.environment.filter { ["PATH", "HOME", "TMPDIR"].contains($0.key) }
        let process = try SupervisedProcess(argv: argv, environment: environment, log: log) { _ in }
        try? String(process.pid).write(to: pidFile, atomically: true, encoding: .utf8)
        let metrics = EmbeddedMetrics(url: URL(string: "http://127.0.0.1:\(port)")!, process: process, pidFile: pidFile)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if process.hasExited {
                throw Failure.didNotStart(log.recentLines(3).joined(separator: " "))
            }
            if await LocalDriver.healthy(port: port, path: "/health") { return metrics }
            try? await Task.sleep(for: .milliseconds(100))
        }
        await metrics.stop()
        throw Failure.didNotStart("no answer on 127.0.0.1:\(port) within \(timeout)")
    }

    public func stop() async {
        if !process.hasExited { await process.stop() }
        try? FileManager.default.removeItem(at: pidFile)
    }

    /// Ends a victoria-metrics a killed cabinet left running on this data directory, and waits
    /// until it is gone: it holds the storage's lock until it exits.
    private static func endLeftover(pidFile: URL, dataDirectory: URL) async {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return }
        let arguments = String(decoding: commandLine, as: UTF8.self)
        guard arguments.contains("victoria-metrics"), arguments.contains(dataDirectory.path) else { return }
        kill(-pid, SIGTERM)
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(10)
        while Spawner.isRunning(pid), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        while Spawner.isRunning(pid), ContinuousClock.now < deadline + .seconds(2) {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
