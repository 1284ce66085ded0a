/// How much of a limit is used, in the first row of its area: the caller's label ("3.5 of 8 vCPU"), a
/// bar drawn to an eighth of a column, and the percentage. The bar turns to the warning and critical
/// styles as usage nears the limit. When the row is short the percentage is kept first, then the bar.
public struct Gauge: Widget, Sendable {
    public var used: Double
    public var limit: Double
    public var label: String
    public var warningThreshold: Double
    public var criticalThreshold: Double
    public var styles: GaugeStyles

    public init(
        used: Double, of limit: Double, label: String = "", warningThreshold: Double = 0.8,
        criticalThreshold: Double = 0.95, styles: GaugeStyles = GaugeStyles()
    ) {
        self.used = used
        self.limit = limit
        self.label = label
        self.warningThreshold = warningThreshold
        self.criticalThreshold = criticalThreshold
        self.styles = styles
    }

    /// Used over limit, never negative; infinite when something is used of a zero limit, and 0 when
    /// nothing is (a NaN counts as nothing).
    public var ratio: Double {
        let used = used.isNaN ? 0 : max(used, 0)
        guard limit > 0 else { return used > 0 ? .infinity : 0 }
        return used / limit
    }

    public enum Level: Sendable {
        case normal, warning, critical
    }

    public var level: Level {
        if ratio >= criticalThreshold || ratio > 1 { return .critical }
        if ratio >= warningThreshold { return .warning }
        return .normal
    }

    /// "44%", "125%" past the limit, ">100%" when the limit is zero but something is used.
    public var percentText: String {
        let ratio = ratio
        guard ratio.isFinite else { return ">100%" }
        return "\(Int(min(ratio * 100, 99_999).rounded()))%"
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let row = area.intersection(buffer.area).rows(top: 1).0
        guard !row.isEmpty else { return }
        buffer.fill(row, with: Cell(symbol: " ", style: styles.label))
        let barStyle: Style
        switch level {
        case .normal: barStyle = styles.normal
        case .warning: barStyle = styles.warning
        case .critical: barStyle = styles.critical
        }
        let percent = percentText
        let percentWidth = DisplayWidth.of(percent)
        guard row.width > percentWidth else {
            buffer.setString(x: row.x, y: row.y, DisplayWidth.truncate(percent, to: row.width), style: barStyle, maxWidth: row.width)
            return
        }
        var (rest, percentArea) = row.columns(right: percentWidth + 1)
        buffer.setString(x: percentArea.x + 1, y: row.y, percent, style: barStyle, maxWidth: percentWidth)
        let labelWidth = min(DisplayWidth.of(label), rest.width - Self.minimumBarWidth - 1)
        if !label.isEmpty && labelWidth >= min(3, DisplayWidth.of(label)) {
            let labelArea: Rect
            (labelArea, rest) = rest.columns(left: labelWidth + 1)
            buffer.setString(
                x: labelArea.x, y: row.y, DisplayWidth.truncate(label, to: labelWidth), style: styles.label, maxWidth: labelWidth)
        }
        drawBar(in: rest, style: barStyle, buffer: &buffer)
    }

    private func drawBar(in bar: Rect, style: Style, buffer: inout Buffer) {
        guard bar.width > 0 else { return }
        let eighths = Int((min(ratio, 1) * Double(bar.width * 8)).rounded())
        for column in 0..<bar.width {
            let filled = min(max(eighths - column * 8, 0), 8)
            let cell =
                filled == 0
                ? Cell(symbol: "·", style: styles.track)
                : Cell(symbol: Self.eighths[filled - 1], style: style)
            buffer[bar.x + column, bar.y] = cell
        }
    }

    private static let minimumBarWidth = 4
    private static let eighths = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
}
