/// A small chart of a series, oldest value on the left. Gaps (nil, NaN, infinities) are blank columns.
/// When there are more values than fit, the most recent ones are drawn; ask `capacity(width:mode:)`
/// to fetch no more than that.
public struct Sparkline: Widget, Sendable {
    public var values: [Double?]
    public var mode: SparklineMode
    /// The value drawn as the lowest level; nil takes the smallest value shown.
    public var minimum: Double?
    /// The value drawn as a full column; nil takes the largest value shown.
    public var maximum: Double?
    /// Formats the numbers of the legend line (minimum, maximum and last value shown); nil draws no legend.
    public var format: (@Sendable (Double) -> String)?
    /// The words before the legend's numbers, so a caller can translate them.
    public var legendLabels: (minimum: String, maximum: String, last: String)
    public var styles: SparklineStyles

    public init(
        values: [Double?], mode: SparklineMode = .blocks, minimum: Double? = nil, maximum: Double? = nil,
        format: (@Sendable (Double) -> String)? = nil,
        legendLabels: (minimum: String, maximum: String, last: String) = ("min", "max", "last"),
        styles: SparklineStyles = SparklineStyles()
    ) {
        self.values = values
        self.mode = mode
        self.minimum = minimum
        self.maximum = maximum
        self.format = format
        self.legendLabels = legendLabels
        self.styles = styles
    }

    public static func pointsPerColumn(_ mode: SparklineMode) -> Int {
        switch mode {
        case .blocks: 1
        case .braille: 2
        }
    }

    /// The most values that `width` columns can show.
    public static func capacity(width: Int, mode: SparklineMode) -> Int {
        max(width, 0) * pointsPerColumn(mode)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let shown = Array(values.suffix(Self.capacity(width: area.width, mode: mode))).map { value in
            value.flatMap { $0.isFinite ? $0 : nil }
        }
        var chart = area
        if format != nil && area.height >= 2 {
            let legendRow: Rect
            (chart, legendRow) = area.rows(bottom: 1)
            let text = legend(for: shown)
            buffer.fill(legendRow, with: Cell(symbol: " ", style: styles.legend))
            buffer.setString(
                x: legendRow.x, y: legendRow.y, DisplayWidth.truncate(text, to: legendRow.width), style: styles.legend,
                maxWidth: legendRow.width)
        }
        buffer.fill(chart, with: Cell(symbol: " ", style: styles.chart))
        let levels = levels(of: shown, height: chart.height)
        switch mode {
        case .blocks:
            for (column, level) in levels.enumerated() {
                guard let level else { continue }
                for row in 0..<chart.height {
                    let eighths = min(max(level - row * 8, 0), 8)
                    guard eighths > 0 else { break }
                    buffer[chart.x + column, chart.bottom - 1 - row] = Cell(
                        symbol: Self.blocks[eighths - 1], style: styles.chart)
                }
            }
        case .braille:
            for column in 0..<(levels.count + 1) / 2 {
                let left = levels[2 * column]
                let right = 2 * column + 1 < levels.count ? levels[2 * column + 1] : nil
                for row in 0..<chart.height {
                    let dots = Self.brailleDots(left: left.map { $0 - row * 4 }, right: right.map { $0 - row * 4 })
                    guard dots != 0 else { continue }
                    let symbol = String(Character(Unicode.Scalar(0x2800 + dots)!))
                    buffer[chart.x + column, chart.bottom - 1 - row] = Cell(symbol: symbol, style: styles.chart)
                }
            }
        }
    }

    /// Each value's height in the smallest steps the mode draws (eighths of a row, or quarter-row dots),
    /// at least one step so the lowest value is still visible; nil for gaps. A flat series, or a scale
    /// whose maximum is not above its minimum, draws everything at the lowest step.
    private func levels(of shown: [Double?], height: Int) -> [Int?] {
        let present = shown.compactMap { $0 }
        guard let low = minimum ?? present.min(), let high = maximum ?? present.max() else {
            return shown.map { _ in nil }
        }
        let steps = height * (mode == .blocks ? 8 : 4)
        return shown.map { value in
            guard let value else { return nil }
            guard high > low, steps > 1 else { return 1 }
            let fraction = min(max((value - low) / (high - low), 0), 1)
            return 1 + Int((fraction * Double(steps - 1)).rounded())
        }
    }

    private func legend(for shown: [Double?]) -> String {
        let present = shown.compactMap { $0 }
        guard let format, let low = present.min(), let high = present.max(), let last = present.last else { return "" }
        return "\(legendLabels.minimum) \(format(low))  \(legendLabels.maximum) \(format(high))  \(legendLabels.last) \(format(last))"
    }

    /// The braille dot bits for two columns filled from the bottom to the given number of dots.
    private static func brailleDots(left: Int?, right: Int?) -> UInt32 {
        let leftBits: [UInt32] = [0x40, 0x04, 0x02, 0x01]
        let rightBits: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        var dots: UInt32 = 0
        for dot in 0..<4 {
            if let left, dot < left { dots |= leftBits[dot] }
            if let right, dot < right { dots |= rightBits[dot] }
        }
        return dots
    }

    private static let blocks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
}
