/// How a `Table` paints its header, its rows and the selected row.
public struct TableStyles: Sendable {
    public var header: Style
    public var row: Style
    /// Layered over `row` for the selected row, across the table's full width.
    public var selected: Style

    public init(
        header: Style = Style(modifiers: .bold),
        row: Style = Style(),
        selected: Style = Style(modifiers: .reverse)
    ) {
        self.header = header
        self.row = row
        self.selected = selected
    }
}
