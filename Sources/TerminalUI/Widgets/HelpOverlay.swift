/// The key help: a bordered box centred over the screen, built from data the caller generates from
/// the live keymap. Sections sit side by side in columns when the area is wide enough; when it is
/// too short the content scrolls (see `HelpOverlayState`), with ▲/▼ in the border while more is
/// hidden. At any size it stays inside its area.
public struct HelpOverlay: Widget {
    public typealias Entry = (keys: String, description: String)
    public typealias Section = (title: String, entries: [Entry])

    public var title: String
    public var sections: [Section]
    public var styles: HelpOverlayStyles

    public init(title: String = "Help", sections: [Section], styles: HelpOverlayStyles = HelpOverlayStyles()) {
        self.title = title
        self.sections = sections
        self.styles = styles
    }

    /// Renders from the top.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = HelpOverlayState()
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout HelpOverlayState) {
        let area = area.intersection(buffer.area)
        let layout = layout(maxWidth: area.width - 4)
        let contentHeight = max(layout.map(\.rows.count).max() ?? 0, 1)
        let contentWidth = layout.map(\.width).reduce(0, +) + Self.gap * max(layout.count - 1, 0)
        let width = min(max(contentWidth, DisplayWidth.of(title) + 2) + 4, area.width)
        let height = min(contentHeight + 2, area.height)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        guard !box.isEmpty else {
            state.fit(visibleRows: 0, totalRows: contentHeight)
            return
        }
        buffer.fill(box, with: Cell(symbol: " ", style: styles.box))
        guard box.width >= 2 && box.height >= 2 else {
            state.fit(visibleRows: 0, totalRows: contentHeight)
            return
        }
        var inner = box.inset(by: 1)
        if inner.width >= 4 { inner = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height) }
        state.fit(visibleRows: inner.height, totalRows: contentHeight)

        var x = inner.x
        for column in layout {
            let columnArea = Rect(x: x, y: inner.y, width: min(column.width, inner.right - x), height: inner.height)
            guard columnArea.width > 0 else { break }
            for (line, row) in column.rows.dropFirst(state.offset).prefix(inner.height).enumerated() {
                draw(row, keysWidth: column.keysWidth, at: columnArea.y + line, in: columnArea, buffer: &buffer)
            }
            x += column.width + Self.gap
        }
        drawBorder(box, state: state, buffer: &buffer)
    }

    private enum Row {
        case title(String)
        case entry(Entry)
        case blank
    }

    private struct Column {
        var rows: [Row] = []
        var width = 0
        var keysWidth = 0
    }

    private static let gap = 3

    /// The most columns that fit in `maxWidth`, each holding whole sections, balanced by height; a
    /// single column when even that is too wide.
    private func layout(maxWidth: Int) -> [Column] {
        guard !sections.isEmpty else { return [] }
        let heights = sections.map { $0.entries.count + 1 }
        let total = heights.reduce(0, +) + sections.count - 1
        for count in stride(from: sections.count, through: 1, by: -1) {
            let target = (total + count - 1) / count
            var groups: [[Int]] = [[]]
            var used = 0
            for (index, height) in heights.enumerated() {
                let needed = used + (groups[groups.count - 1].isEmpty ? 0 : 1) + height
                if needed > target && !groups[groups.count - 1].isEmpty && groups.count < count {
                    groups.append([])
                    used = 0
                }
                used += (groups[groups.count - 1].isEmpty ? 0 : 1) + height
                groups[groups.count - 1].append(index)
            }
            let columns = groups.map(column(of:))
            let width = columns.map(\.width).reduce(0, +) + Self.gap * (columns.count - 1)
            if width <= maxWidth || count == 1 { return columns }
        }
        return []
    }

    private func column(of sectionIndices: [Int]) -> Column {
        var column = Column()
        let entries = sectionIndices.flatMap { sections[$0].entries }
        column.keysWidth = entries.map { DisplayWidth.of($0.keys) }.max() ?? 0
        let descriptionWidth = entries.map { DisplayWidth.of($0.description) }.max() ?? 0
        let titleWidth = sectionIndices.map { DisplayWidth.of(sections[$0].title) }.max() ?? 0
        column.width = max(titleWidth, column.keysWidth + 2 + descriptionWidth)
        for (number, index) in sectionIndices.enumerated() {
            if number > 0 { column.rows.append(.blank) }
            column.rows.append(.title(sections[index].title))
            column.rows += sections[index].entries.map(Row.entry)
        }
        return column
    }

    private func draw(_ row: Row, keysWidth: Int, at y: Int, in column: Rect, buffer: inout Buffer) {
        switch row {
        case .blank:
            break
        case .title(let text):
            buffer.setString(
                x: column.x, y: y, DisplayWidth.truncate(text, to: column.width), style: styles.box.patched(with: styles.sectionTitle),
                maxWidth: column.width)
        case .entry(let entry):
            let keysWidth = min(keysWidth, column.width)
            buffer.setString(
                x: column.x, y: y, DisplayWidth.truncate(entry.keys, to: keysWidth), style: styles.box.patched(with: styles.keys),
                maxWidth: keysWidth)
            let descriptionWidth = column.width - keysWidth - 2
            guard descriptionWidth > 0 else { return }
            buffer.setString(
                x: column.x + keysWidth + 2, y: y, DisplayWidth.truncate(entry.description, to: descriptionWidth),
                style: styles.box.patched(with: styles.description), maxWidth: descriptionWidth)
        }
    }

    private func drawBorder(_ box: Rect, state: HelpOverlayState, buffer: inout Buffer) {
        buffer.drawBox(box, style: styles.box, title: title, titleStyle: styles.title)
        guard box.width >= 4 else { return }
        let mark = styles.box.patched(with: styles.scrollMark)
        if state.offset > 0 { buffer.setString(x: box.right - 2, y: box.y, "▲", style: mark) }
        if state.canScrollDown { buffer.setString(x: box.right - 2, y: box.bottom - 1, "▼", style: mark) }
    }
}
