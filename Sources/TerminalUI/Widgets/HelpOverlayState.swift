/// How far a `HelpOverlay` is scrolled; `HelpOverlay.render` keeps it within the content.
public struct HelpOverlayState: Equatable, Sendable {
    /// The first content row shown.
    public var offset: Int
    /// Rows shown and rows in all at the last render, for paging and for stopping at the end.
    var visibleRows = 0
    var totalRows = Int.max

    public init(offset: Int = 0) {
        self.offset = offset
    }

    /// Whether rows are hidden below, as of the last render.
    public var canScrollDown: Bool { offset < maxOffset }

    /// Scrolls for up/down, j/k, page up/down, Home/End and g/G; true when the key was one of them.
    /// Esc, `q` and `?` are left to the caller, which closes the overlay.
    public mutating func handle(_ key: Key) -> Bool {
        let page = max(visibleRows - 1, 1)
        switch key {
        case .up, .char("k"): scroll(by: -1)
        case .down, .char("j"): scroll(by: 1)
        case .pageUp, .ctrl("b"): scroll(by: -page)
        case .pageDown, .ctrl("f"), .char(" "): scroll(by: page)
        case .home, .char("g"): offset = 0
        case .end, .char("G"): offset = maxOffset
        default: return false
        }
        return true
    }

    public mutating func scroll(by rows: Int) {
        // Before the first render the end is unknown (Int.max): End then down must not overflow.
        let (sum, overflow) = offset.addingReportingOverflow(rows)
        offset = min(max(overflow ? (rows > 0 ? Int.max : 0) : sum, 0), maxOffset)
    }

    mutating func fit(visibleRows: Int, totalRows: Int) {
        self.visibleRows = max(visibleRows, 0)
        self.totalRows = max(totalRows, 0)
        offset = min(max(offset, 0), maxOffset)
    }

    private var maxOffset: Int { max(0, totalRows - visibleRows) }
}
