/// One column of the screen.
public struct Cell: Equatable, Sendable {
    /// One grapheme; `""` marks the second column of a wide character, which the head cell covers.
    public var symbol: String
    public var style: Style

    public init(symbol: String, style: Style = Style()) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell(symbol: " ")

    var isContinuation: Bool { symbol.isEmpty }
}
