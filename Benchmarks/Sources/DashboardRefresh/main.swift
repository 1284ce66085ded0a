// Measures a dashboard refresh against a real VictoriaMetrics holding more than a million samples:
// 12 panels over 24 hours on a 200×50 terminal, braille charts (two points per column). For each
// refresh it checks that no series brought more points than twice its panel's width, and times the
// refresh from the keypress to the moment the screen has every panel's answer (the runtime draws
// that frame next, about a millisecond).
//
//   swift run -c release DashboardRefresh [refreshes] [--no-cache]
//
// 30 refreshes by default; victoria-metrics must be on PATH. VictoriaMetrics caches the answers of
// range queries, which the repeated refreshes of one time window hit; --no-cache starts it with
// -search.disableCache so that every refresh reads the samples again.
import Cabinet
import Client
import Dashboards
import Foundation
import Glibc
import HTTPTypes
import Model
import OpenAPIRuntime
import TerminalUI

let refreshes = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 30
let noCache = CommandLine.arguments.contains("--no-cache")
let width = 200, height = 50
let namespaces = (1...3).map { "pu-bench-pa-app\($0)" }
let podsPerNamespace = 5
let metrics = (1...12).map { "bench_metric_\($0)_total" }
let interval = 15
let samplesPerSeries = 86_400 / interval

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("DashboardRefresh: \(message)\n".utf8))
    exit(1)
}

// MARK: VictoriaMetrics

func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-bench-\(UUID().uuidString)")
let port = freePort()
let url = URL(string: "http://127.0.0.1:\(port)")!
let victoria = Process()
victoria.executableURL = URL(fileURLWithPath: "/usr/bin/env")
victoria.arguments = ["victoria-metrics", "-httpListenAddr=127.0.0.1:\(port)", "-storageDataPath=\(dataDirectory.path)",
                      "-retentionPeriod=100y", "-loggerLevel=ERROR"] + (noCache ? ["-search.disableCache"] : [])
victoria.standardOutput = FileHandle.nullDevice
victoria.standardError = FileHandle.nullDevice
do { try victoria.run() } catch { fail("cannot start victoria-metrics: \(error)") }
defer {
    victoria.terminate()
    victoria.waitUntilExit()
    try? FileManager.default.removeItem(at: dataDirectory)
}

let transport = CurlTransport(connectTimeout: .seconds(2), totalTimeout: .seconds(120))
func send(_ method: HTTPRequest.Method, _ path: String, body: [UInt8]? = nil) async throws -> Int {
    let (response, responseBody) = try await transport.send(
        HTTPRequest(method: method, scheme: nil, authority: nil, path: path), body: body.map { HTTPBody($0) }, baseURL: url, operationID: path)
    if let responseBody { _ = try await [UInt8](collecting: responseBody, upTo: 1 << 20) }
    return response.status.code
}

let readyBy = ContinuousClock.now + .seconds(30)
while (try? await send(.get, "/health")) != 200 {
    if ContinuousClock.now > readyBy { fail("victoria-metrics did not answer /health in 30 s") }
    try await Task.sleep(for: .milliseconds(50))
}

// 12 counters × 3 namespaces × 5 pods, one sample every 15 s for 24 hours: 180 series, 1,036,800 samples.
let end = Int(Date().timeIntervalSince1970) / interval * interval
let start = end - (samplesPerSeries - 1) * interval
var sampleCount = 0
let importStarted = ContinuousClock.now
for (metricIndex, metric) in metrics.enumerated() {
    var text = ""
    text.reserveCapacity(samplesPerSeries * namespaces.count * podsPerNamespace * 70)
    for namespace in namespaces {
        for pod in 0..<podsPerNamespace {
            var counter = 0.0
            for index in 0..<samplesPerSeries {
                // A daily wave, a different rate per series, and a restart every 6 hours.
                if index % 1440 == 0 { counter = 0 }
                counter += Double(10 + metricIndex + pod) * (1.5 + sin(Double(index) / Double(samplesPerSeries) * 2 * .pi))
                text += "\(metric){namespace=\"\(namespace)\",pod=\"app-\(pod)\"} \(Int(counter)) \((start + index * interval) * 1000)\n"
                sampleCount += 1
            }
        }
    }
    let status = try await send(.post, "/api/v1/import/prometheus", body: Array(text.utf8))
    guard status == 204 else { fail("import of \(metric) answered \(status)") }
}
guard try await send(.get, "/internal/force_flush") == 200 else { fail("force_flush failed") }
let importTime = ContinuousClock.now - importStarted
let client = MetricsClient(baseURL: url, transport: CurlTransport(connectTimeout: .seconds(2), totalTimeout: .seconds(30)))
let stored = try await client.query("sum(count_over_time({__name__=~\"bench_metric_.*\"}[25h]))", at: Date(timeIntervalSince1970: TimeInterval(end)))
let storedSamples = stored.series.first?.points.first?.value ?? 0
guard storedSamples >= 1_000_000 else { fail("only \(Int(storedSamples)) samples are stored") }

// MARK: The dashboard

let panels = metrics.enumerated().map { index, metric in
    let kinds: [DashboardPanel.Kind] = [.sparkline, .sparkline, .sparkline, .stat, .sparkline, .gauge]
    return DashboardPanel(
        id: "p\(index)", title: LocalizedText(ru: metric, en: metric),
        query: index % 4 == 3
            ? "sum by (pod) (rate(\(metric){namespace=\"$namespace\"}[$rate_interval]))"
            : "sum(rate(\(metric){namespace=\"$namespace\"}[$rate_interval]))",
        kind: kinds[index % kinds.count], unit: .perSecond, maximum: kinds[index % kinds.count] == .gauge ? 200 : nil)
}
let dashboard = Dashboard(name: "bench", title: LocalizedText(ru: "Бенчмарк", en: "Benchmark"), panels: panels)
let keymap = Keymap(name: "bench", bindings: ["global": [(.char("r"), "refresh")]])
var screen = DashboardScreen(dashboard: dashboard, client: client, variables: DashboardVariables(namespace: namespaces[0]),
                             language: .en, theme: .plain, keymap: keymap, clock: { Date(timeIntervalSince1970: TimeInterval(end)) })

/// Drives the screen as the runtime does and times each refresh: from the key to the last panel's
/// answer handled.
struct RefreshProbe: Program {
    enum Message: Sendable { case screen(DashboardScreen.Message) }

    var screen: DashboardScreen
    let total: Int
    var started = ContinuousClock.now
    var times: [Duration] = []
    /// The first refresh, on a cold backend.
    var cold: Duration?
    var worstRatio = 0.0
    var maxPoints = 0
    var widthAtMax = 0
    var finished = false

    mutating func start() -> Command<Message>? {
        // Braille charts, the 24-hour range; this first fetch finds the backend cold.
        _ = screen.update(.key(.char("4")))
        started = ContinuousClock.now
        return screen.update(.key(.char("b")))?.map(Message.screen)
    }

    mutating func update(_ event: InputEvent) -> Command<Message>? {
        screen.update(event)?.map(Message.screen)
    }

    mutating func receive(_ message: Message) -> Command<Message>? {
        guard case .screen(let inner) = message else { return nil }
        let command = screen.receive(inner)?.map(Message.screen)
        guard screen.loading.isEmpty, case .panelLoaded = inner else { return command }
        // Every panel has answered: the frame drawn after this message completes the refresh.
        let widths = screen.chartWidths()
        for (index, state) in screen.panels.enumerated() {
            guard case .loaded(let data) = state else { fatalError("panel \(index) failed: \(state)") }
            for series in data.series {
                let limit = 2 * widths[index]!
                if series.points.count > maxPoints { (maxPoints, widthAtMax) = (series.points.count, widths[index]!) }
                worstRatio = max(worstRatio, Double(series.points.count) / Double(limit))
            }
        }
        if cold == nil { cold = ContinuousClock.now - started } else { times.append(ContinuousClock.now - started) }
        if times.count >= total {
            finished = true
            return nil
        }
        started = ContinuousClock.now
        return screen.update(.key(.char("r")))?.map(Message.screen)
    }

    func view(into buffer: inout Buffer) {
        screen.view(into: &buffer)
    }
}

let backend = MemoryBackend(width: width, height: height)
final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
let runtime = Box(Runtime(program: RefreshProbe(screen: screen, total: refreshes), terminal: Terminal(backend: backend), tick: .milliseconds(1)))
let probe: RefreshProbe = await withCheckedContinuation { continuation in
    Thread { continuation.resume(returning: runtime.value.run(while: { !$0.finished })) }.start()
}

let milliseconds = probe.times.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 }.sorted()
func percentile(_ p: Double) -> Double { milliseconds[min(milliseconds.count - 1, Int((Double(milliseconds.count - 1) * p).rounded()))] }
let widths = probe.screen.chartWidths().values.sorted()
print("VictoriaMetrics: \(Int(storedSamples)) samples stored (\(sampleCount) imported in \(importTime)), 180 series")
print("dashboard: 12 panels, 24 h, braille, \(width)×\(height) terminal, panel widths \(widths.first!)–\(widths.last!) columns")
print("points per series: at most \(probe.maxPoints) (panel \(probe.widthAtMax) columns wide, limit \(2 * probe.widthAtMax)); worst ratio to 2 × width: \(String(format: "%.3f", probe.worstRatio))")
let cold = probe.cold.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 } ?? .nan
print(String(format: "VictoriaMetrics cache %@; first (cold) refresh %.1f ms", noCache ? "disabled" : "enabled", cold))
print(String(format: "refresh wall time over %d more refreshes: min %.1f ms, p50 %.1f ms, p90 %.1f ms, max %.1f ms",
             milliseconds.count, milliseconds.first!, percentile(0.5), percentile(0.9), milliseconds.last!))
if probe.worstRatio > 1 { fail("a series brought more points than its panel can draw") }
