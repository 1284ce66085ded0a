import Foundation
import Glibc

/// A series to load into a backend: samples at whole seconds, NaN allowed.
public struct GeneratedSeries: Sendable {
    public var name: String
    public var labels: [String: String]
    public var samples: [(time: Int, value: Double)]

    public init(name: String, labels: [String: String] = [:], samples: [(time: Int, value: Double)]) {
        self.name = name
        self.labels = labels
        self.samples = samples
    }

    public var selector: String {
        let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
        return pairs.isEmpty ? name : "\(name){\(pairs.joined(separator: ","))}"
    }

    public static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// A real VictoriaMetrics or Prometheus from Debian, on a loopback port of its own with its data in a
/// temporary directory, holding the series it was started with. One per test; `stop()` ends it.
public final class MetricsBackend: Sendable {
    public enum Kind: String, CaseIterable, Sendable, CustomStringConvertible {
        case victoriaMetrics = "VictoriaMetrics"
        case prometheus = "Prometheus"
        public var description: String { rawValue }
    }

    public let kind: Kind
    public let url: URL
    private let process: ChildProcess
    private let directory: URL

    private init(kind: Kind, url: URL, process: ChildProcess, directory: URL) {
        self.kind = kind
        self.url = url
        self.process = process
        self.directory = directory
    }

    /// Starts the backend, loads `series` and returns once they can be queried.
    public static func start(_ kind: Kind, series: [GeneratedSeries]) async throws -> MetricsBackend {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try freeLoopbackPort()
        let url = URL(string: "http://127.0.0.1:\(port)")!
        let environment = ProcessInfo.processInfo.environment
        let process: ChildProcess
        switch kind {
        case .victoriaMetrics:
            process = try ChildProcess(
                ["victoria-metrics", "-httpListenAddr=127.0.0.1:\(port)", "-storageDataPath=\(directory.path)/data",
                 "-retentionPeriod=100y", "-loggerLevel=ERROR"],
                environment: environment, captureOutput: false)
        case .prometheus:
            // Prometheus reads history only from its TSDB, so the series become blocks before it starts.
            let openMetrics = directory.appendingPathComponent("series.om")
            try Data(Self.openMetrics(series).utf8).write(to: openMetrics)
            let data = directory.appendingPathComponent("data").path
            let created = try await ChildProcess.runDetached(
                ["promtool", "tsdb", "create-blocks-from", "openmetrics", openMetrics.path, data], environment: environment)
            guard created.status == 0 else { throw Failure("promtool failed: \(created.output)") }
            let config = directory.appendingPathComponent("prometheus.yml")
            try Data("global:\n  scrape_interval: 15s\nscrape_configs: []\n".utf8).write(to: config)
            process = try ChildProcess(
                ["prometheus", "--config.file=\(config.path)", "--storage.tsdb.path=\(data)",
                 "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(port)", "--log.level=error"],
                environment: environment, captureOutput: false)
        }
        let backend = MetricsBackend(kind: kind, url: url, process: process, directory: directory)
        do {
            try await backend.waitUntilReady()
            if kind == .victoriaMetrics && !series.isEmpty { try await backend.importIntoVictoriaMetrics(series) }
        } catch {
            await backend.stop()
            throw error
        }
        return backend
    }

    /// Ends the process, waits for it (on a thread of its own) and removes its data.
    public func stop() async {
        process.signal(SIGTERM)
        await withCheckedContinuation { continuation in
            Thread { [process] in
                process.wait()
                continuation.resume()
            }.start()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` against a fresh backend and stops it afterwards, whatever happens.
    public static func with<T>(_ kind: Kind, series: [GeneratedSeries], _ body: (MetricsBackend) async throws -> T) async throws -> T {
        let backend = try await start(kind, series: series)
        do {
            let result = try await body(backend)
            await backend.stop()
            return result
        } catch {
            await backend.stop()
            throw error
        }
    }

    // MARK: Loading

    private func waitUntilReady() async throws {
        let path = kind == .victoriaMetrics ? "/health" : "/-/ready"
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? await send("GET", path))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure("\(kind.rawValue) not ready at \(url) after 30 s")
    }

    /// The Prometheus text format with millisecond timestamps, then a flush so that the data can be
    /// queried at once.
    public func importIntoVictoriaMetrics(_ series: [GeneratedSeries]) async throws {
        var text = ""
        for one in series {
            for sample in one.samples { text += "\(one.selector) \(GeneratedSeries.text(sample.value)) \(sample.time * 1000)\n" }
        }
        let imported = try await send("POST", "/api/v1/import/prometheus", body: Array(text.utf8))
        guard imported.status == 204 else { throw Failure("import answered \(imported.status): \(imported.body)") }
        let flushed = try await send("GET", "/internal/force_flush")
        guard flushed.status == 200 else { throw Failure("force_flush answered \(flushed.status)") }
    }

    public static func openMetrics(_ series: [GeneratedSeries]) -> String {
        var text = ""
        var families: [String] = []
        for one in series where !families.contains(one.name) { families.append(one.name) }
        for family in families {
            text += "# TYPE \(family) gauge\n"
            for one in series where one.name == family {
                for sample in one.samples { text += "\(one.selector) \(GeneratedSeries.text(sample.value)) \(sample.time)\n" }
            }
        }
        return text + "# EOF\n"
    }

    /// One request through the curl command line tool, so that the tests' peer does not depend on
    /// the client under test.
    private func send(_ method: String, _ path: String, body: [UInt8]? = nil) async throws -> (status: Int, body: String) {
        var arguments = ["curl", "-s", "-S", "--max-time", "30", "-X", method, "-w", "\n%{http_code}"]
        if let body {
            let file = directory.appendingPathComponent("body-\(UUID().uuidString)")
            try Data(body).write(to: file)
            arguments += ["--data-binary", "@" + file.path]
        }
        let (status, output) = try await ChildProcess.runDetached(arguments + [url.absoluteString + path], environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        guard status == 0, let newline = output.lastIndex(of: "\n"), let code = Int(output[output.index(after: newline)...]) else {
            throw Failure("curl \(path): exit \(status) \(output)")
        }
        return (code, String(output[..<newline]))
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}

/// A port nothing listens on right now: bound to 0, read back, released.
public func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
