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
    /// The column the rows are sorted by, marked ▲ (ascending) or ▼ in the header.
    public var sort: Sort?

    public struct Sort: Equatable, Sendable {
        public var column: Int
        public var ascending: Bool

        public init(column: Int, ascending: Bool) {
            self.column = column
            self.ascending = ascending
        }
    }

    public init(
        columns: [TableColumn], rowCount: Int, row: @escaping (Int) -> [String],
        styles: TableStyles = TableStyles(), spacing: Int = 1, sort: Sort? = nil
    ) {
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
        self.styles = styles
        self.spacing = spacing
        self.sort = sort
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
        drawLine(headerTitles(widths: widths), at: header, widths: widths, style: styles.header, buffer: &buffer)

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

    /// Titles, the sorted one ending in its arrow even when the title must be cut to fit.
    private func headerTitles(widths: [Int]) -> [String] {
        columns.enumerated().map { index, column in
            guard let sort, sort.column == index, index < widths.count else { return column.title }
            let arrow = sort.ascending ? "▲" : "▼"
            let room = widths[index] - 2
            return room > 0 ? DisplayWidth.truncate(column.title, to: room) + " " + arrow : arrow
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

        // Share the spare width by weight among the flex columns that are not yet at their maximum;
        // a column that reaches its maximum gives the rest back for another round.
        let shown = Array(columns.prefix(widths.count))
        var spare = available - used
        var open = Set(shown.indices.filter { shown[$0].width.weight > 0 && (shown[$0].width.maximum ?? .max) > widths[$0] })
        while spare > 0 && !open.isEmpty {
            let totalWeight = open.reduce(0) { $0 + shown[$1].width.weight }
            var given = 0
            for index in open.sorted() {
                let share = spare * shown[index].width.weight / totalWeight
                let room = (shown[index].width.maximum ?? .max) - widths[index]
                let granted = min(share, room)
                widths[index] += granted
                given += granted
            }
            if given == 0 {
                // The shares all rounded down to nothing: what is left goes one column each, from the left.
                for index in open.sorted() where given < spare {
                    widths[index] += 1
                    given += 1
                }
            }
            spare -= given
            open = open.filter { widths[$0] < (shown[$0].width.maximum ?? .max) }
        }
        return widths
    }
}
