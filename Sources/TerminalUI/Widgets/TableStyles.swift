/// How a `Table` paints its header, its rows and the selected row.
public struct TableStyles: Sendable {
    public var header: Style
    public var row: Style
    /// Layered over `row` for the selected row, across `selectionExtent`.
    public var selected: Style
    public var selectionExtent: SelectionExtent

    /// How much of the selected row takes the selected style. Every highlighted cell is resent
    /// when the selection moves, so `.firstColumn` keeps a move to a few dozen bytes on the wire
    /// (slow SSH links) where `.row` resends two whole rows.
    public enum SelectionExtent: Sendable {
        case row
        case firstColumn
    }

    public init(
        header: Style = Style(modifiers: .bold),
        row: Style = Style(),
        selected: Style = Style(modifiers: .reverse),
        selectionExtent: SelectionExtent = .row
    ) {
        self.header = header
        self.row = row
        self.selected = selected
        self.selectionExtent = selectionExtent
    }
}
