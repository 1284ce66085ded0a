import Client
import Dashboards
import Foundation
import Model
import TerminalUI

/// How a panel looks: a title line, then its chart, number, gauge or table; "no data" when the
/// query found no series, the error when it failed. Zoomed, a chart gets a value axis, a time axis
/// and min/max/avg/last.
struct DashboardPanelView {
    let language: Language
    let palette: Palette
    let mode: SparklineMode
    let timeZone: TimeZone

    /// Columns left of a zoomed chart for its value axis.
    static let axisWidth = 10

    static func zoomChartWidth(in body: Rect) -> Int {
        body.width > axisWidth + 10 ? body.width - axisWidth : max(body.width, 1)
    }

    // MARK: Grid

    func drawPanel(_ panel: DashboardPanel, state: DashboardScreen.PanelState, loading: Bool, focused: Bool,
                   in rect: Rect, buffer: inout Buffer) {
        guard !rect.isEmpty else { return }
        let (titleRow, body) = rect.rows(top: 1)
        let data: DashboardPanelData? = if case .loaded(let data) = state { data } else { nil }
        drawTitle(panel, data: data, loading: loading, focused: focused, in: titleRow, buffer: &buffer)
        guard !body.isEmpty else { return }
        switch state {
        case .waiting:
            centre(Catalog.loading.text(in: language), in: body, style: palette.dim, buffer: &buffer)
        case .failed(let error):
            drawError(error, in: body, buffer: &buffer)
        case .loaded(let data):
            let series = data.drawableSeries
            guard let first = series.first else {
                centre(Catalog.noData.text(in: language), in: body, style: palette.dim, buffer: &buffer)
                return
            }
            switch panel.kind {
            case .sparkline:
                let values = data.window.map { DashboardPanelData.values(of: first, in: $0) } ?? first.points.map { $0.value }
                Sparkline(values: values, mode: mode, minimum: panel.minimum, maximum: panel.maximum, format: panel.unit.format,
                          legendLabels: legendLabels, styles: SparklineStyles(chart: chartStyle(panel, last: DashboardPanelData.last(of: first)),
                                                                                legend: palette.dim))
                    .render(in: body, buffer: &buffer)
            case .stat:
                drawStat(panel, series: series, in: body, buffer: &buffer)
            case .gauge:
                drawGauge(panel, value: DashboardPanelData.last(of: first) ?? 0, in: body, buffer: &buffer)
            case .table:
                drawTable(panel, series: series, in: body, buffer: &buffer)
            }
        }
    }

    private var legendLabels: (minimum: String, maximum: String, last: String) {
        (Catalog.dashboardMinimum.text(in: language), Catalog.dashboardMaximum.text(in: language), Catalog.dashboardLast.text(in: language))
    }

    /// The title, and on the right the latest value of a chart, the number of series when there are
    /// several, and a mark when the data is partial or on its way.
    private func drawTitle(_ panel: DashboardPanel, data: DashboardPanelData?, loading: Bool, focused: Bool, in row: Rect, buffer: inout Buffer) {
        let style = focused ? palette.tableSelected : palette.title
        buffer.fill(row, with: Cell(symbol: " ", style: style))
        var marks: [String] = []
        if let data {
            let series = data.drawableSeries
            if panel.kind == .sparkline, let first = series.first, let last = DashboardPanelData.last(of: first) { marks.append(panel.unit.format(last)) }
            if series.count > 1 && panel.kind != .table { marks.append("1/\(series.count)") }
            if data.isIncomplete { marks.append("⚠ " + Catalog.dashboardPartial.text(in: language)) }
        }
        if loading { marks.append("…") }
        let right = marks.joined(separator: " ")
        let rightWidth = DisplayWidth.of(right)
        let titleRoom = max(0, row.width - (right.isEmpty ? 0 : rightWidth + 1))
        buffer.setString(x: row.x, y: row.y, DisplayWidth.truncate(panel.title.text(in: language), to: titleRoom), style: style, maxWidth: titleRoom)
        if !right.isEmpty && rightWidth < row.width {
            buffer.setString(x: row.right - rightWidth, y: row.y, right, style: style, maxWidth: rightWidth)
        }
    }

    private func drawError(_ error: MetricsError, in body: Rect, buffer: inout Buffer) {
        let text = "✖ " + Catalog.metricsFailure(error, language: language)
        let lines = DisplayWidth.wrap(text, width: body.width)
        for (offset, line) in lines.prefix(body.height).enumerated() {
            buffer.setString(x: body.x, y: body.y + offset, line, style: palette.theme.style(for: "ui.gauge.critical"), maxWidth: body.width)
        }
    }

    private func level(_ panel: DashboardPanel, _ value: Double?) -> Thresholds.Level {
        value.map { panel.thresholds.level(of: $0) } ?? .normal
    }

    private func levelStyle(_ level: Thresholds.Level) -> Style {
        switch level {
        case .normal: palette.text
        case .warning: palette.theme.style(for: "ui.gauge.warning")
        case .critical: palette.theme.style(for: "ui.gauge.critical")
        }
    }

    private func chartStyle(_ panel: DashboardPanel, last: Double?) -> Style {
        let level = level(panel, last)
        return level == .normal ? palette.theme.style(for: "ui.sparkline") : levelStyle(level)
    }

    private func drawStat(_ panel: DashboardPanel, series: [MetricsSeries], in body: Rect, buffer: inout Buffer) {
        let value = DashboardPanelData.last(of: series[0])
        let text = value.map(panel.unit.format) ?? Catalog.noData.text(in: language)
        var style = levelStyle(level(panel, value))
        style.modifiers.insert(.bold)
        centre(text, y: body.y + (body.height - 1) / 2, in: body, style: style, buffer: &buffer)
    }

    private func drawGauge(_ panel: DashboardPanel, value: Double, in body: Rect, buffer: inout Buffer) {
        let limit = panel.gaugeMaximum ?? panel.thresholds.critical ?? max(value, 1)
        let minimum = panel.minimum ?? 0
        let span = limit - minimum
        let ratio: (Double?) -> Double = { threshold in threshold.map { span > 0 ? ($0 - minimum) / span : 1 } ?? .infinity }
        let gauge = Gauge(
            // A percentage would only repeat the gauge's own.
            used: value - minimum, of: span, label: panel.unit == .percent || panel.unit == .ratio ? "" : panel.unit.format(value),
            warningThreshold: ratio(panel.thresholds.warning), criticalThreshold: ratio(panel.thresholds.critical),
            styles: GaugeStyles(normal: palette.theme.style(for: "ui.gauge"), warning: palette.theme.style(for: "ui.gauge.warning"),
                                critical: palette.theme.style(for: "ui.gauge.critical"), track: palette.dim, label: palette.text))
        gauge.render(in: Rect(x: body.x, y: body.y + (body.height - 1) / 2, width: body.width, height: 1), buffer: &buffer)
    }

    private func drawTable(_ panel: DashboardPanel, series: [MetricsSeries], in body: Rect, buffer: inout Buffer) {
        let fallback = panel.title.text(in: language)
        var rows: [(name: String, value: Double)] = []
        for one in series {
            let value: Double = DashboardPanelData.last(of: one) ?? .nan
            rows.append((DashboardPanelData.name(of: one, legend: panel.legend, fallback: fallback), value))
        }
        rows.sort { left, right in left.value != right.value ? left.value > right.value : left.name < right.name }
        for (offset, row) in rows.prefix(body.height).enumerated() {
            let valueText = panel.unit.format(row.value)
            let valueWidth = DisplayWidth.of(valueText)
            let y = body.y + offset
            let nameRoom = max(0, body.width - valueWidth - 1)
            buffer.setString(x: body.x, y: y, DisplayWidth.truncate(row.name, to: nameRoom), style: palette.text, maxWidth: nameRoom)
            if valueWidth < body.width {
                buffer.setString(x: body.right - valueWidth, y: y, valueText, style: levelStyle(level(panel, row.value)), maxWidth: valueWidth)
            }
        }
    }

    // MARK: Zoom

    func drawZoomed(_ panel: DashboardPanel, state: DashboardScreen.PanelState, loading: Bool, in body: Rect, buffer: inout Buffer) {
        guard !body.isEmpty else { return }
        let (titleRow, rest) = body.rows(top: 1)
        let data: DashboardPanelData? = if case .loaded(let data) = state { data } else { nil }
        drawTitle(panel, data: data, loading: loading, focused: true, in: titleRow, buffer: &buffer)
        guard !rest.isEmpty else { return }
        let series = data?.drawableSeries ?? []
        guard let data, let first = series.first, let window = data.window else {
            switch state {
            case .failed(let error): drawError(error, in: rest, buffer: &buffer)
            case .loaded: centre(Catalog.noData.text(in: language), in: rest, style: palette.dim, buffer: &buffer)
            case .waiting: centre(Catalog.loading.text(in: language), in: rest, style: palette.dim, buffer: &buffer)
            }
            return
        }
        let values = DashboardPanelData.values(of: first, in: window)
        let present = values.compactMap { $0 }
        let low = panel.minimum ?? present.min() ?? 0
        let high = panel.maximum ?? present.max() ?? 0
        // Rows: chart, time axis, statistics; the name of the series when there are several.
        var chartArea = rest
        var statsRow: Rect?
        var timeRow: Rect?
        if chartArea.height >= 3 { (chartArea, statsRow) = chartArea.rows(bottom: 1) }
        if chartArea.height >= 3 { (chartArea, timeRow) = chartArea.rows(bottom: 1) }
        var axis: Rect?
        if chartArea.width > Self.axisWidth + 10 { (axis, chartArea) = chartArea.columns(left: Self.axisWidth) }
        if let axis {
            let top = DisplayWidth.truncate(panel.unit.format(high), to: axis.width - 1)
            let bottom = DisplayWidth.truncate(panel.unit.format(low), to: axis.width - 1)
            buffer.setString(x: axis.right - 1 - DisplayWidth.of(top), y: axis.y, top, style: palette.dim)
            if axis.height > 1 { buffer.setString(x: axis.right - 1 - DisplayWidth.of(bottom), y: axis.bottom - 1, bottom, style: palette.dim) }
            for y in axis.y..<axis.bottom { buffer.setString(x: axis.right - 1, y: y, "┤", style: palette.dim) }
        }
        Sparkline(values: values, mode: mode, minimum: low, maximum: high,
                  styles: SparklineStyles(chart: chartStyle(panel, last: present.last), legend: palette.dim))
            .render(in: chartArea, buffer: &buffer)
        if let timeRow {
            let start = timeText(window.start, range: window.end.timeIntervalSince(window.start))
            let end = timeText(window.end, range: window.end.timeIntervalSince(window.start))
            let x = chartArea.x
            buffer.setString(x: x, y: timeRow.y, start, style: palette.dim, maxWidth: timeRow.right - x)
            let endWidth = DisplayWidth.of(end)
            let used = Sparkline.capacity(width: chartArea.width, mode: mode) >= values.count
                ? (values.count + Sparkline.pointsPerColumn(mode) - 1) / Sparkline.pointsPerColumn(mode) : chartArea.width
            let endX = max(x + DisplayWidth.of(start) + 1, x + used - endWidth)
            if endX + endWidth <= timeRow.right { buffer.setString(x: endX, y: timeRow.y, end, style: palette.dim) }
        }
        if let statsRow, let last = present.last {
            let average = present.reduce(0, +) / Double(present.count)
            let stats = [
                (Catalog.dashboardMinimum, present.min() ?? last), (Catalog.dashboardMaximum, present.max() ?? last),
                (Catalog.dashboardAverage, average), (Catalog.dashboardLast, last),
            ].map { "\($0.0.text(in: language)) \(panel.unit.format($0.1))" }.joined(separator: "  ")
            var text = stats
            if series.count > 1 {
                text += "  · " + DashboardPanelData.name(of: first, legend: panel.legend, fallback: panel.title.text(in: language))
                text += " (1/\(series.count) \(Catalog.dashboardSeries.text(in: language)))"
            }
            buffer.setString(x: statsRow.x, y: statsRow.y, DisplayWidth.truncate(text, to: statsRow.width), style: palette.text, maxWidth: statsRow.width)
        }
    }

    private func timeText(_ date: Date, range: TimeInterval) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.day, .month, .hour, .minute], from: date)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return range >= 86_400 ? String(format: "%02d.%02d ", parts.day ?? 0, parts.month ?? 0) + time : time
    }

    // MARK: Text

    func centre(_ text: String, in area: Rect, style: Style, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let lines = DisplayWidth.wrap(text, width: area.width)
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (offset, line) in lines.prefix(area.height).enumerated() {
            centre(line, y: top + offset, in: area, style: style, buffer: &buffer)
        }
    }

    func centre(_ text: String, y: Int, in area: Rect, style: Style, buffer: inout Buffer) {
        let fitted = DisplayWidth.truncate(text, to: area.width)
        let x = area.x + max(0, (area.width - DisplayWidth.of(fitted)) / 2)
        buffer.setString(x: x, y: y, fitted, style: style, maxWidth: area.right - x)
    }
}
