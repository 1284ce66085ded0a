/// The part of a table that outlives a frame: which row is selected and which row is at the top.
public struct TableState: Equatable, Sendable {
    public var selected: Int?
    /// The first row shown; `Table.render` adjusts it so the selected row is visible.
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Selects `index` clamped to the rows that exist; nil when there are none.
    public mutating func select(_ index: Int?, rowCount: Int) {
        guard let index, rowCount > 0 else {
            selected = nil
            return
        }
        selected = min(max(index, 0), rowCount - 1)
    }

    /// Moves the selection by `delta` rows, stopping at the first and last row. With nothing selected,
    /// moving down starts from the top and moving up from the bottom.
    public mutating func moveSelection(by delta: Int, rowCount: Int) {
        let start = selected ?? (delta >= 0 ? -1 : rowCount)
        select(start + delta, rowCount: rowCount)
    }

    /// Keeps the selection among existing rows and scrolls the least needed to show it in
    /// `visibleRows` lines, without leaving empty lines below the last row. `Table.render` does this;
    /// a program whose `view` cannot keep the adjusted state calls it from `update` instead.
    public mutating func keepSelectionVisible(visibleRows: Int, rowCount: Int) {
        select(selected, rowCount: rowCount)
        offset = min(max(offset, 0), max(0, rowCount - max(visibleRows, 1)))
        guard let selected, visibleRows > 0 else { return }
        if selected < offset {
            offset = selected
        } else if selected >= offset + visibleRows {
            offset = selected - visibleRows + 1
        }
    }
}
