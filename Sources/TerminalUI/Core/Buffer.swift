/// A grid of cells that a frame is drawn into; the terminal shows the difference between two of them.
public struct Buffer: Equatable, Sendable {
    public private(set) var area: Rect
    private var cells: [Cell]

    /// A blank buffer; a zero or negative dimension gives an empty one.
    public init(width: Int, height: Int) {
        let isEmpty = width <= 0 || height <= 0
        area = Rect(x: 0, y: 0, width: isEmpty ? 0 : width, height: isEmpty ? 0 : height)
        cells = Array(repeating: .blank, count: area.width * area.height)
    }

    /// Out of range, reading gives a blank cell and writing does nothing.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[index(x: x, y: y)] : .blank }
        set { if contains(x: x, y: y) { cells[index(x: x, y: y)] = newValue } }
    }

    /// Writes `text` from (x, y) grapheme by grapheme, by display width, clipped to the buffer and to
    /// `maxWidth` columns. A wide grapheme with only one column left becomes a space, so no half
    /// characters reach the screen. Returns the number of columns written.
    @discardableResult
    public mutating func setString(x: Int, y: Int, _ text: String, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0 && y < area.height else { return 0 }
        let limit = min(area.width, maxWidth.map { x + max($0, 0) } ?? area.width)
        var column = x
        var written = 0
        for grapheme in text {
            let width = DisplayWidth.of(grapheme)
            if width == 0 { continue }
            if column >= limit { break }
            if column < 0 {
                // Cut by the left edge: the visible half of a wide grapheme becomes a space.
                if column + width > 0 && limit > 0 {
                    put(Cell(symbol: " ", style: style), x: 0, y: y)
                    written += 1
                }
            } else if column + width > limit {
                // Cut by the right edge: likewise, and nothing more fits.
                put(Cell(symbol: " ", style: style), x: column, y: y)
                written += 1
                break
            } else {
                put(Cell(symbol: String(grapheme), style: style), x: column, y: y)
                if width == 2 { put(Cell(symbol: "", style: style), x: column + 1, y: y) }
                written += width
            }
            column += width
        }
        return written
    }

    /// Sets every cell of `rect` (clipped to the buffer) to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let target = rect.intersection(area)
        guard !target.isEmpty else { return }
        for y in target.y..<target.bottom {
            separateWideCharacter(at: target.x, y: y)
            separateWideCharacter(at: target.right - 1, y: y)
            for x in target.x..<target.right { cells[index(x: x, y: y)] = cell }
        }
    }

    /// Layers `style` over the style of every cell of `rect` (clipped to the buffer).
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let target = rect.intersection(area)
        guard !target.isEmpty else { return }
        for y in target.y..<target.bottom {
            for x in target.x..<target.right {
                let index = index(x: x, y: y)
                cells[index].style = cells[index].style.patched(with: style)
            }
        }
    }

    /// The cells that differ from `previous`, row by row; every cell when the sizes differ.
    public func diff(from previous: Buffer) -> [CellUpdate] {
        var updates: [CellUpdate] = []
        let sameSize = previous.area == area
        for y in 0..<area.height {
            for x in 0..<area.width {
                let index = index(x: x, y: y)
                if !sameSize || cells[index] != previous.cells[index] {
                    updates.append(CellUpdate(x: x, y: y, cell: cells[index]))
                }
            }
        }
        return updates
    }

    /// The text of each row, as a user would read it; trailing spaces are kept.
    public func lines() -> [String] {
        (0..<area.height).map { y in
            var line = ""
            for x in 0..<area.width where !cells[index(x: x, y: y)].isContinuation {
                line += cells[index(x: x, y: y)].symbol
            }
            return line
        }
    }

    private func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < area.width && y < area.height
    }

    private func index(x: Int, y: Int) -> Int {
        y * area.width + x
    }

    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        separateWideCharacter(at: x, y: y)
        cells[index(x: x, y: y)] = cell
    }

    /// Before (x, y) is overwritten: if it is one half of a wide character, blank the other half so the
    /// screen never holds half a character.
    private mutating func separateWideCharacter(at x: Int, y: Int) {
        let index = index(x: x, y: y)
        if cells[index].isContinuation && x > 0 {
            cells[index - 1].symbol = " "
        }
        if x + 1 < area.width && cells[index + 1].isContinuation {
            cells[index + 1].symbol = " "
        }
    }
}
