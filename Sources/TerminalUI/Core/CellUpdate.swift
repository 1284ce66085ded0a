/// A cell to put at a screen position: the unit a backend receives.
public struct CellUpdate: Equatable, Sendable {
    public let x: Int
    public let y: Int
    public let cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}
