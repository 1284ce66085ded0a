import Client
import Dashboards
import Foundation
import Model
import TerminalUI
import Testing
import TestSupport
@testable import Cabinet

/// Runs a program on a memory terminal, on a thread of its own as in the real program, until `done`
/// holds (or 20 s pass, so that a broken build fails instead of hanging).
private func run(_ program: DashboardScreen, backend: MemoryBackend, until done: @escaping @Sendable (DashboardScreen) -> Bool) async -> DashboardScreen {
    let box = UncheckedBox(Runtime(program: program, terminal: Terminal(backend: backend), tick: .milliseconds(10)))
    let deadline = ContinuousClock.now + .seconds(20)
    return await withCheckedContinuation { continuation in
        Thread {
            continuation.resume(returning: UncheckedBox(box.value.run(while: { !done($0) && ContinuousClock.now < deadline })))
        }.start()
    }.value
}

@Suite("Dashboard screen on real VictoriaMetrics data")
struct DashboardScreenMetricsTests {
    @Test("the chart's glyphs follow the stored samples; no data and a bad query stay on their panels")
    func realData() async throws {
        let origin = (Int(Date().timeIntervalSince1970) / 3600 - 3) * 3600
        let load: (Int) -> Double = { Double(($0 * 7) % 50) }
        let samples = (0..<240).map { (time: origin + $0 * 15, value: load($0)) }
        let stored = GeneratedSeries(name: "app_load", labels: ["namespace": "pu-ik-pa-ocr"], samples: samples)
        let other = GeneratedSeries(name: "app_load", labels: ["namespace": "pu-other-pa-x"], samples: samples.map { ($0.time, 1000) })
        let backend = try await MetricsBackend.start(.victoriaMetrics, series: [stored, other])
        do {
            try await check(backend, origin: origin, load: load)
            await backend.stop()
        } catch {
            await backend.stop()
            throw error
        }
    }

    private func check(_ backend: MetricsBackend, origin: Int, load: (Int) -> Double) async throws {
        do {
            let dashboard = Dashboard(name: "real", title: LocalizedText(ru: "Живые данные", en: "Live data"), panels: [
                DashboardPanel(id: "load", title: LocalizedText(ru: "Нагрузка", en: "Load"), query: #"app_load{namespace="$namespace"}"#),
                DashboardPanel(id: "now", title: LocalizedText(ru: "Сейчас", en: "Now"), query: #"app_load{namespace="$namespace"}"#, kind: .stat),
                DashboardPanel(id: "missing", title: LocalizedText(ru: "Нет такой", en: "Missing"), query: #"nothing_here{namespace="$namespace"}"#),
                DashboardPanel(id: "broken", title: LocalizedText(ru: "Сломанная", en: "Broken"), query: "sum(("),
            ])
            let now = Date(timeIntervalSince1970: TimeInterval(origin + 3599))
            let screen = DashboardScreen(dashboard: dashboard, client: MetricsClient(baseURL: backend.url),
                                         variables: DashboardVariables(namespace: "pu-ik-pa-ocr"), language: .ru, theme: shippedTheme,
                                         keymap: shippedKeymap, timeZone: TimeZone(identifier: "UTC")!, clock: { now })
            let terminal = MemoryBackend(width: 80, height: 24)
            let final = await run(screen, backend: terminal) { screen in
                screen.loading.isEmpty && screen.panels.allSatisfy { if case .waiting = $0 { false } else { true } }
            }
            let text = terminal.screen.text
            #expect(text.contains("нет данных"), "\(text)")
            #expect(text.contains("ошибка запроса"), "\(text)")

            // Panel 0: the top-left 39 columns of two rows of 11-line panels; title on row 1, chart rows 2…10, legend on row 11.
            guard case .loaded(let data) = final.panels[0], let window = data.window else {
                Issue.record("the chart did not load: \(final.panels[0])")
                return
            }
            #expect(window.pointCount <= 39 && data.series.count == 1 && data.series[0].points.count <= 39)
            let expected: [Double?] = (0..<window.pointCount).map { index in
                let time = Int(window.start.timeIntervalSince1970) + index * window.step
                return time < origin ? nil : load(min((time - origin) / 15, 239))
            }
            let present = expected.compactMap { $0 }
            let low = present.min()!, high = present.max()!
            let glyphs: [String: Int] = ["▁": 1, "▂": 2, "▃": 3, "▄": 4, "▅": 5, "▆": 6, "▇": 7, "█": 8]
            for (column, value) in expected.enumerated() {
                var measured = 0
                for row in 2..<11 { measured += glyphs[terminal.screen[column, row].symbol] ?? 0 }
                var wanted = 0
                if let value { wanted = 1 + Int(((value - low) / (high - low) * Double(9 * 8 - 1)).rounded()) }
                let label = value.map { "\($0)" } ?? "gap"
                #expect(measured == wanted, "column \(column): \(label)")
            }
            #expect(text.contains("мин \(MetricUnit.none.format(low))  макс \(MetricUnit.none.format(high))"))
            // The stat shows the last stored value of this namespace, not the other one's 1000.
            guard case .loaded(let stat) = final.panels[1] else { Issue.record("the stat did not load"); return }
            #expect(stat.series.count == 1 && DashboardPanelData.last(of: stat.series[0]) == load(239))
        }
    }
}
