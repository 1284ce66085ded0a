import TerminalUI

/// Where each panel of a dashboard goes: as many columns as fit panels at least `minimumWidth` wide
/// (up to four), rows sharing the height (four to sixteen lines each), and, when not every row
/// fits, the rows around the focused panel.
struct DashboardLayout: Equatable, Sendable {
    static let minimumWidth = 28
    static let maximumColumns = 4
    /// Taller than this, a chart gains little; the zoom is there for a closer look.
    static let maximumHeight = 16

    let area: Rect
    let count: Int
    let columns: Int
    let panelHeight: Int

    init(area: Rect, count: Int) {
        self.area = area
        self.count = count
        columns = max(1, min(Self.maximumColumns, (area.width + 1) / (Self.minimumWidth + 1), max(count, 1)))
        let rows = max(1, (count + columns - 1) / columns)
        panelHeight = area.height < 4 ? max(area.height, 0) : min(Self.maximumHeight, max(4, area.height / rows))
    }

    /// The width of the panels of `column`: the columns share the width, one blank column between them.
    func width(ofColumn column: Int) -> Int {
        let usable = area.width - (columns - 1)
        let base = usable / columns
        return column == columns - 1 ? usable - base * (columns - 1) : base
    }

    func width(ofPanel index: Int) -> Int { max(width(ofColumn: index % columns), 1) }

    /// The rectangles of the panels on screen, by panel index.
    func visible(focused: Int) -> [Int: Rect] {
        guard panelHeight > 0, count > 0, !area.isEmpty else { return [:] }
        let visibleRows = max(1, area.height / panelHeight)
        let focusedRow = max(0, min(focused, count - 1)) / columns
        let firstRow = max(0, focusedRow - visibleRows + 1)
        var result: [Int: Rect] = [:]
        for row in firstRow..<(firstRow + visibleRows) {
            for column in 0..<columns {
                let index = row * columns + column
                guard index < count else { break }
                let x = area.x + (0..<column).reduce(0) { $0 + width(ofColumn: $1) + 1 }
                let y = area.y + (row - firstRow) * panelHeight
                result[index] = Rect(x: x, y: y, width: width(ofColumn: column), height: min(panelHeight, area.bottom - y))
            }
        }
        return result
    }
}
