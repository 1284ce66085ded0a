/// A table with a header line and a selectable, scrolling body. It is virtualised: `row(i)` is asked
/// only for rows on screen, so a million rows cost no more than a screenful.
public struct Table: Widget {
    public var columns: [TableColumn]
    public var rowCount: Int
    /// The cell texts of row `i`, one per column; missing ones are shown empty.
    public var row: (Int) -> [String]
    public var styles: TableStyles
    /// Blank columns between two table columns.
    public var spacing: Int

    public init(
        columns: [TableColumn], rowCount: Int, row: @escaping (Int) -> [String],
        styles: TableStyles = TableStyles(), spacing: Int = 1
    ) {
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
        self.styles = styles
        self.spacing = spacing
    }

    /// Renders without a selection, from the first row.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = TableState()
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout TableState) {
        let area = area.intersection(buffer.area)
        let (header, body) = area.rows(top: 1)
        state.keepSelectionVisible(visibleRows: body.height, rowCount: max(rowCount, 0))
        guard !area.isEmpty else { return }
        let widths = columnWidths(available: area.width)

        buffer.fill(header, with: Cell(symbol: " ", style: styles.header))
        drawLine(columns.map(\.title), at: header, widths: widths, style: styles.header, buffer: &buffer)

        buffer.fill(body, with: Cell(symbol: " ", style: styles.row))
        let shown = state.offset..<min(max(rowCount, 0), state.offset + body.height)
        for (line, index) in shown.enumerated() {
            let lineArea = Rect(x: body.x, y: body.y + line, width: body.width, height: 1)
            drawLine(row(index), at: lineArea, widths: widths, style: styles.row, buffer: &buffer)
            if index == state.selected {
                let highlighted = styles.selectionExtent == .row ? lineArea
                    : Rect(x: lineArea.x, y: lineArea.y, width: min(widths.first ?? lineArea.width, lineArea.width), height: 1)
                buffer.setStyle(highlighted, styles.selected)
            }
        }
    }

    private func drawLine(_ texts: [String], at line: Rect, widths: [Int], style: Style, buffer: inout Buffer) {
        var x = line.x
        for (column, width) in widths.enumerated() {
            let text = DisplayWidth.truncate(column < texts.count ? texts[column] : "", to: width)
            let indent = columns[column].alignment == .right ? width - DisplayWidth.of(text) : 0
            buffer.setString(x: x + indent, y: line.y, text, style: style, maxWidth: width - indent)
            x += width + max(spacing, 0)
        }
    }

    /// Widths of the columns that fit, left to right: fixed columns get their width, flex columns their
    /// minimum plus a share of what is left by weight. Columns whose minimum no longer fits are
    /// dropped from the right; a first column that does not fit alone gets the whole width, cut.
    private func columnWidths(available: Int) -> [Int] {
        let gap = max(spacing, 0)
        var widths: [Int] = []
        var used = 0
        for column in columns {
            let needed = used + (widths.isEmpty ? 0 : gap) + column.width.minimum
            if needed > available { break }
            used = needed
            widths.append(column.width.minimum)
        }
        if widths.isEmpty { return columns.isEmpty ? [] : [available] }

        let shown = columns.prefix(widths.count)
        let totalWeight = shown.reduce(0) { $0 + $1.width.weight }
        guard totalWeight > 0 else { return widths }
        let spare = available - used
        var given = 0
        for (index, column) in shown.enumerated() {
            let share = spare * column.width.weight / totalWeight
            widths[index] += share
            given += share
        }
        // Rounding leaves fewer spare columns than there are flex columns: one each, from the left.
        var remainder = spare - given
        for (index, column) in shown.enumerated() where remainder > 0 && column.width.weight > 0 {
            widths[index] += 1
            remainder -= 1
        }
        return widths
    }
}
