import Client
import Dashboards
import Foundation
import Model
import TerminalUI
import Testing
import TestSupport
@testable import Cabinet

/// The glyphs a block sparkline draws, by eighths of a row.
private let blocks: [String: Int] = ["▁": 1, "▂": 2, "▃": 3, "▄": 4, "▅": 5, "▆": 6, "▇": 7, "█": 8]

/// The height in eighths of column `x` of a chart occupying `rows`.
private func eighths(_ buffer: Buffer, x: Int, rows: Range<Int>) -> Int {
    rows.reduce(0) { $0 + (blocks[buffer[x, $1].symbol] ?? 0) }
}

/// The height the Sparkline gives `value` on a scale from `low` to `high` in `rows` rows.
private func expectedEighths(_ value: Double, low: Double, high: Double, rows: Int) -> Int {
    let steps = rows * 8
    guard high > low else { return 1 }
    return 1 + Int(((value - low) / (high - low) * Double(steps - 1)).rounded())
}

private func panel(_ id: String, _ query: String, kind: DashboardPanel.Kind = .sparkline, unit: MetricUnit = .none,
                   thresholds: Thresholds = Thresholds()) -> DashboardPanel {
    DashboardPanel(id: id, title: LocalizedText(ru: "Панель \(id)", en: "Panel \(id)"), query: query, kind: kind, unit: unit, thresholds: thresholds)
}

private let sampleDashboard = Dashboard(name: "probe", title: LocalizedText(ru: "Проба", en: "Probe"), panels: [
    panel("cpu", #"sum(rate(container_cpu_usage_seconds_total{namespace="$namespace"}[$rate_interval]))"#, unit: .cores),
    panel("restarts", "restarts", kind: .stat, thresholds: Thresholds(warning: 1, critical: 5)),
    panel("disk", "disk", kind: .gauge, unit: .ratio, thresholds: Thresholds(warning: 0.8, critical: 0.95)),
    panel("pods", "pods", kind: .table, unit: .bytes),
    panel("missing", "nothing_here"),
    panel("broken", "sum(("),
])

private let unreachable = MetricsClient(baseURL: URL(string: "http://127.0.0.1:1")!)
private let fixedNow = Date(timeIntervalSince1970: 1_795_939_200)

private func screen(_ dashboard: Dashboard = sampleDashboard, client: MetricsClient? = unreachable, language: Language = .en,
                    width: Int = 120, height: Int = 30, now: Date = fixedNow) -> DashboardScreen {
    var screen = DashboardScreen(dashboard: dashboard, client: client, variables: DashboardVariables(namespace: "pu-ik-pa-ocr"),
                                 language: language, theme: shippedTheme, keymap: shippedKeymap, timeZone: TimeZone(identifier: "UTC")!,
                                 clock: { now })
    _ = screen.update(.resize(width: width, height: height))
    return screen
}

private func render(_ screen: DashboardScreen, width: Int = 120, height: Int = 30) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    screen.view(into: &buffer)
    return buffer
}

private func series(_ labels: [String: String], _ points: [(Date, Double)]) -> MetricsSeries {
    MetricsSeries(labels: labels, points: points.map { MetricPoint(time: $0.0, value: $0.1) })
}

/// Feeds the screen the answers a backend would give for `sampleDashboard`.
private func loadSample(_ screen: inout DashboardScreen, values: (Int) -> Double? = { Double(($0 * 7) % 50) }) {
    _ = screen.fetch()
    let width = screen.chartWidths()[0]!
    let window = QueryWindow(range: screen.range.seconds, endingAt: fixedNow, columns: width, pointsPerColumn: 1)
    let points = (0..<window.pointCount).compactMap { index in
        values(index).map { (window.start.addingTimeInterval(TimeInterval(index * window.step)), $0) }
    }
    let results: [Result<DashboardPanelData, MetricsError>] = [
        .success(DashboardPanelData(series: [series(["namespace": "pu-ik-pa-ocr"], points)], window: window)),
        .success(DashboardPanelData(series: [series([:], [(fixedNow, 3)])], window: nil)),
        .success(DashboardPanelData(series: [series([:], [(fixedNow, 0.5)])], window: nil, warnings: ["one store did not answer"])),
        .success(DashboardPanelData(series: [series(["pod": "ocr-7d9f"], [(fixedNow, 2_147_483_648)]),
                                             series(["pod": "ocr-box"], [(fixedNow, 1_048_576)])], window: nil)),
        .success(DashboardPanelData(series: [], window: nil)),
        .failure(.query(type: "bad_data", message: "parse error: unclosed left parenthesis")),
    ]
    for (index, result) in results.enumerated() {
        _ = screen.receive(.panelLoaded(generation: screen.generation, panel: index, result))
    }
}

@Suite("Dashboard screen")
struct DashboardScreenTests {
    @Test("the grid adapts to the width: four columns at 120, two at 60, one at 30")
    func gridAdapts() {
        for (width, columns) in [(120, 4), (60, 2), (30, 1)] {
            let screen = screen(width: width)
            #expect(screen.layout.columns == columns, "at \(width) columns")
            let widths = screen.chartWidths()
            #expect(widths.count == sampleDashboard.panels.count)
            #expect((0..<columns).map { widths[$0]! }.reduce(0, +) + columns - 1 == width, "one row of panels fills the width")
        }
    }

    @Test("a resize that changes the charts' widths fetches again; one that does not, or before the first fetch, does not")
    func resizeRefetches() {
        var screen = screen(width: 120)
        #expect(screen.generation == 0, "no fetch before start")
        loadSample(&screen)
        let fetched = screen.generation
        #expect(screen.update(.resize(width: 120, height: 40)) == nil, "only taller: same widths")
        #expect(screen.update(.resize(width: 60, height: 40)) != nil)
        #expect(screen.generation == fetched + 1 && screen.loading.count == sampleDashboard.panels.count)
        _ = screen.update(.key(.enter))
        #expect(screen.loading == [0], "the zoomed panel alone is awaited")
    }

    @Test("each panel shows its kind: chart, number, gauge, table; no data and errors stay on their panel")
    func panelKinds() {
        var screen = screen()
        loadSample(&screen)
        #expect(screen.loading.isEmpty && screen.fetchedAt == fixedNow)
        let text = render(screen).text
        for title in ["Panel cpu", "Panel restarts", "Panel disk", "Panel pods", "Panel missing", "Panel broken"] {
            #expect(text.contains(title), "\(title)")
        }
        #expect(text.contains("Dashboards: Probe · range 1h · refresh 30s"))
        #expect(text.contains("min 0 vCPU  max 49 vCPU"), "the chart's legend")
                #expect(text.contains("50%") && text.contains("⚠ partial data"), "the gauge and its warning")
        #expect(text.contains("ocr-7d9f") && text.contains("2 GiB") && text.contains("1 MiB"), "the table")
        #expect(text.contains("no data"))
        #expect(text.contains("✖ query error: parse error"))
        #expect(text.contains("1-5 range  r refresh  i interval  enter zoom  b braille/blocks"), "the keys as the keymap binds them")
    }

    @Test("Russian: the web cabinet's words")
    func russian() {
        var screen = screen(language: .ru)
        loadSample(&screen)
        let text = render(screen).text
        for word in ["Дашборды: Проба", "период 1h", "обновление 30s", "нет данных", "ошибка запроса", "данные неполные", "мин 0", "макс 49"] {
            #expect(text.contains(word), "\(word)")
        }
    }

    @Test("the block chart's glyph heights follow the data, and gaps stay blank")
    func glyphHeights() {
        var screen = screen(width: 80, height: 24)
        let values: (Int) -> Double? = { $0 % 13 == 5 ? nil : Double(($0 * 7) % 50) }
        loadSample(&screen, values: values)
        let buffer = render(screen, width: 80, height: 24)
        // Two columns of 39 and 40 at 80 wide; three rows of 7-line panels in the 22 lines between the bars.
        let chartWidth = screen.chartWidths()[0]!
        #expect(chartWidth == 39)
        // Panel 0 sits at the top left: title on row 1, chart rows 2…6, legend on row 7.
        let window = QueryWindow(range: 3600, endingAt: fixedNow, columns: chartWidth, pointsPerColumn: 1)
        let data = (0..<window.pointCount).map(values)
        let present = data.compactMap { $0 }
        let low = present.min()!, high = present.max()!
        for (column, value) in data.enumerated() {
            let measured = eighths(buffer, x: column, rows: 2..<7)
            if let value {
                #expect(measured == expectedEighths(value, low: low, high: high, rows: 5), "column \(column): \(value)")
            } else {
                #expect(measured == 0, "column \(column) is a gap")
            }
        }
    }

    @Test("keys: 1–5 pick the range and refetch, i cycles the refresh interval, b switches to braille and asks for twice the points")
    func keys() {
        var screen = screen()
        #expect(screen.update(.key(.char("3"))) != nil)
        #expect(screen.range == .sixHours)
        #expect(render(screen).text.contains("range 6h"))
        _ = screen.update(.key(.char("5")))
        #expect(screen.range == .week)
        #expect(screen.update(.key(.char("9"))) == nil)
        #expect(screen.range == .week)
        _ = screen.update(.key(.char("i")))
        #expect(screen.refreshInterval == .seconds(60))
        _ = screen.update(.key(.char("i")))
        _ = screen.update(.key(.char("i")))
        #expect(screen.refreshInterval == nil)
        #expect(render(screen).text.contains("refresh manual"))
        let blocksWidth = screen.chartWidths()[0]!
        _ = screen.update(.key(.char("b")))
        #expect(screen.mode == .braille)
        #expect(screen.chartWidths()[0]! == blocksWidth, "the same columns carry twice the points")
        _ = screen.update(.key(.right))
        _ = screen.update(.key(.down))
        #expect(screen.focused == 5)
        _ = screen.update(.key(.up))
        #expect(screen.focused == 1)
    }

    @Test("Enter zooms into the focused panel: full width, axis, times and min/max/avg/last; Esc returns to the grid")
    func zoom() {
        var screen = screen()
        loadSample(&screen)
        #expect(screen.update(.key(.enter)) != nil)
        #expect(screen.zoomed == 0)
        let zoomWidth = screen.chartWidths()[0]!
        #expect(zoomWidth == 120 - DashboardPanelView.axisWidth)
        // The zoomed panel's own, wider answer.
        let window = QueryWindow(range: 3600, endingAt: fixedNow, columns: zoomWidth, pointsPerColumn: 1)
        let values = (0..<window.pointCount).map { Double($0 % 10) }
        let points = values.enumerated().map { (window.start.addingTimeInterval(TimeInterval($0.offset * window.step)), $0.element) }
        _ = screen.receive(.panelLoaded(generation: screen.generation, panel: 0, .success(DashboardPanelData(series: [series([:], points)], window: window))))
        let buffer = render(screen)
        let lines = buffer.lines()
        let average = values.reduce(0, +) / Double(values.count)
        #expect(lines[28].hasPrefix("min 0 vCPU  max 9 vCPU  avg \(MetricUnit.cores.format(average))  last \(MetricUnit.cores.format(values.last!))"))
        #expect(lines[2].contains("9 vCPU┤") && lines[26].contains("0 vCPU┤"), "the value axis")
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm"
        formatter.timeZone = TimeZone(identifier: "UTC")
        #expect(lines[27].hasPrefix(String(repeating: " ", count: DashboardPanelView.axisWidth) + formatter.string(from: window.start)))
        #expect(lines[27].contains(formatter.string(from: window.end)), "the time axis, in UTC")
        // Chart rows 2…26 (25 rows) right of the axis; every column's height follows its value.
        for (column, value) in values.enumerated() {
            #expect(eighths(buffer, x: DashboardPanelView.axisWidth + column, rows: 2..<27) == expectedEighths(value, low: 0, high: 9, rows: 25))
        }
        #expect(screen.update(.key(.escape)) != nil)
        #expect(screen.zoomed == nil)
        #expect(render(screen).text.contains("Panel restarts"))
    }

    @Test("results of an older fetch are ignored")
    func staleResults() {
        var screen = screen()
        _ = screen.start()
        _ = screen.fetch()
        _ = screen.receive(.panelLoaded(generation: screen.generation - 1, panel: 4, .failure(.timedOut("slow"))))
        guard case .waiting = screen.panels[4] else { Issue.record("a stale answer was shown"); return }
    }

    @Test("without a metrics backend the screen says how to configure one")
    func notConfigured() {
        var screen = screen(client: nil)
        #expect(screen.start() == nil)
        let text = render(screen).text
        #expect(text.contains("Metrics are not configured") && text.contains("metrics_url"))
    }

    @Test("no size from 0×0 to 44×14, resizes and keys included, crashes or writes outside the screen")
    func tinySizes() {
        var screen = screen()
        loadSample(&screen)
        let keys: [Key] = [.char("2"), .enter, .right, .char("b"), .down, .escape, .char("z"), .left, .char("i")]
        for width in stride(from: 0, through: 44, by: 2) {
            for height in 0...14 {
                _ = screen.update(.resize(width: width, height: height))
                _ = screen.update(.key(keys[(width + height) % keys.count]))
                var buffer = Buffer(width: width, height: height)
                screen.view(into: &buffer)
            }
        }
        _ = screen.update(.resize(width: 20, height: 6))
        var buffer = Buffer(width: 20, height: 6)
        screen.view(into: &buffer)
        #expect(buffer.text.contains("Panel"), "the focused panel's title at 20×6: \(buffer.text)")
    }
}
