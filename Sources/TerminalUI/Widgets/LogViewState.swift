/// A log being viewed: its lines, kept within a bound of lines and bytes, and how they are shown —
/// following the newest line or scrolled, wrapped or cut, and what is being searched for.
public struct LogViewState: Sendable {
    var lines: LogLines
    /// While true the newest lines are shown and stay shown as lines arrive. Scrolling up turns it
    /// off; `End` or `G` turns it back on.
    public var isFollowing = true
    /// Long lines wrap onto further rows instead of being cut.
    public var isWrapping = false {
        didSet { top.row = 0 }
    }
    /// The search whose matches are highlighted; empty for none.
    public private(set) var searchQuery = ""
    /// The search being typed after `/`, until Enter or Esc.
    public internal(set) var searchInput: TextFieldState?
    /// The number (see `lineNumber(at:)`) of the line that `n`/`N` last went to.
    public private(set) var currentMatch: Int?
    /// The first row on screen: a line number and a row within that line when wrapped.
    var top: (line: Int, row: Int) = (0, 0)
    /// The size of the pane at the last render, for paging and wrapping.
    private var width = 0
    private var height = 0

    /// At most `maxLines` lines and `maxBytes` bytes of text are kept; older lines are dropped.
    public init(maxLines: Int = 10_000, maxBytes: Int = 4 << 20) {
        lines = LogLines(maxLines: maxLines, maxBytes: maxBytes)
    }

    public var maxLines: Int { lines.maxLines }
    public var maxBytes: Int { lines.maxBytes }
    /// Lines kept now.
    public var lineCount: Int { lines.count }
    /// UTF-8 bytes of the lines kept now.
    public var byteCount: Int { lines.bytes }
    /// Lines dropped to stay within the bounds since the log began.
    public var droppedLineCount: Int { lines.dropped }

    /// The kept line at `index`, 0 being the oldest kept.
    public func line(at index: Int) -> String {
        lines[lines.dropped + index]
    }

    /// Appends text as lines: each newline starts a new line, a trailing carriage return is removed and
    /// tabs become spaces.
    public mutating func append(_ text: String) {
        // Most log lines are one plain line: no need to split or scan them grapheme by grapheme.
        if !text.utf8.contains(where: Self.mayStartSpecialCharacter) {
            lines.append(text)
            return
        }
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = String(line)
            if line.contains("\t") { line = line.replacingTabs() }
            lines.append(line)
        }
    }

    public mutating func append(contentsOf texts: some Sequence<String>) {
        for text in texts { append(text) }
    }

    /// Bytes that begin a tab or a newline in UTF-8 (and some other characters, which is harmless):
    /// \t, \n, \v, \f, \r, and the lead bytes of U+0085, U+2028 and U+2029.
    private static func mayStartSpecialCharacter(_ byte: UInt8) -> Bool {
        (byte >= 0x09 && byte <= 0x0D) || byte == 0xC2 || byte == 0xE2
    }

    /// Forgets every line (they count as dropped) and starts following again.
    public mutating func clear() {
        lines.removeAll()
        currentMatch = nil
        isFollowing = true
    }

    /// Scrolls by `rows` screen rows, negative for up; scrolling up stops following.
    public mutating func scroll(by rows: Int) {
        guard rows != 0 else { return }
        if isFollowing {
            guard rows < 0 else { return }
            top = bottomTop()
            isFollowing = false
        }
        clampTop()
        top = moved(top, by: rows)
        clampTop()
    }

    public mutating func scrollToTop() {
        isFollowing = false
        top = (lines.dropped, 0)
        clampTop()
    }

    public mutating func follow() {
        isFollowing = true
    }

    /// Highlights `query` and goes to its first match from the top of the screen on, wrapping around;
    /// an empty query ends the search.
    public mutating func search(_ query: String) {
        searchQuery = query
        currentMatch = nil
        guard !query.isEmpty else { return }
        goToMatch(from: visibleTop.line, forward: true)
    }

    /// Goes to the next line with a match after the current one, wrapping around at the end.
    public mutating func nextMatch() {
        let from = validCurrentMatch.map { $0 + 1 } ?? visibleTop.line
        goToMatch(from: from, forward: true)
    }

    /// Goes to the previous line with a match before the current one, wrapping around at the start.
    public mutating func previousMatch() {
        let from = validCurrentMatch.map { $0 - 1 } ?? visibleTop.line - 1
        goToMatch(from: from, forward: false)
    }

    /// What a log view does, for a program that looks its keys up in a keymap.
    public enum Command: Sendable {
        case up, down, pageUp, pageDown, top, follow, wrap, search, searchNext, searchPrevious
    }

    /// Whether a search is being typed: then every key is the search's (see `handle`).
    public var isTypingSearch: Bool { searchInput != nil }

    /// Does `command`.
    public mutating func perform(_ command: Command) {
        let page = max(height - 1, 1)
        switch command {
        case .up: scroll(by: -1)
        case .down: scroll(by: 1)
        case .pageUp: scroll(by: -page)
        case .pageDown: scroll(by: page)
        case .top: scrollToTop()
        case .follow: follow()
        case .wrap: isWrapping.toggle()
        case .search: searchInput = TextFieldState()
        case .searchNext: nextMatch()
        case .searchPrevious: previousMatch()
        }
    }

    /// Moves, searches and toggles for the key; true when the key was used. While a search is typed
    /// every key goes to it. Esc ends a search when there is one and is otherwise left to the caller.
    public mutating func handle(_ key: Key) -> Bool {
        if var input = searchInput {
            switch key {
            case .enter:
                searchInput = nil
                search(input.text)
            case .escape:
                searchInput = nil
            default:
                _ = input.handle(key)
                searchInput = input
            }
            return true
        }
        let page = max(height - 1, 1)
        switch key {
        case .up, .char("k"): scroll(by: -1)
        case .down, .char("j"): scroll(by: 1)
        case .pageUp, .ctrl("b"): scroll(by: -page)
        case .pageDown, .ctrl("f"), .char(" "): scroll(by: page)
        case .home, .char("g"): scrollToTop()
        case .end, .char("G"): follow()
        case .char("w"): isWrapping.toggle()
        case .char("/"): searchInput = TextFieldState()
        case .char("n"): nextMatch()
        case .char("N"): previousMatch()
        case .escape:
            guard !searchQuery.isEmpty else { return false }
            search("")
        default: return false
        }
        return true
    }

    /// Takes the pane's size for this frame and settles the first row shown.
    mutating func layOut(width: Int, height: Int) {
        if width != self.width { top.row = 0 }
        self.width = max(width, 0)
        self.height = max(height, 0)
        if isFollowing { top = bottomTop() } else { clampTop() }
    }

    /// The grapheme ranges of the rows a line takes at the current width.
    func rowRanges(_ characters: [Character]) -> [Range<Int>] {
        isWrapping ? LogView.wrapRanges(characters, width: width) : [0..<characters.count]
    }

    private func rowCount(_ line: Int) -> Int {
        isWrapping ? LogView.wrappedRowCount(lines[line], width: width) : 1
    }

    private var visibleTop: (line: Int, row: Int) { isFollowing ? bottomTop() : top }

    private var validCurrentMatch: Int? {
        currentMatch.flatMap { $0 >= lines.dropped && $0 < lines.end ? $0 : nil }
    }

    /// The first row shown when the last line's last row is at the bottom of the pane.
    private func bottomTop() -> (line: Int, row: Int) {
        guard lines.count > 0 else { return (lines.end, 0) }
        let last = lines.end - 1
        return moved((last, rowCount(last) - 1), by: -(max(height, 1) - 1))
    }

    /// `position` moved by `rows` screen rows, stopping at the first and last rows of the log.
    private func moved(_ position: (line: Int, row: Int), by rows: Int) -> (line: Int, row: Int) {
        guard lines.count > 0 else { return (lines.end, 0) }
        var (line, row) = position
        var remaining = rows
        while remaining > 0 {
            if row + 1 < rowCount(line) {
                row += 1
            } else if line + 1 < lines.end {
                line += 1
                row = 0
            } else {
                break
            }
            remaining -= 1
        }
        while remaining < 0 {
            if row > 0 {
                row -= 1
            } else if line > lines.dropped {
                line -= 1
                row = rowCount(line) - 1
            } else {
                break
            }
            remaining += 1
        }
        return (line, row)
    }

    /// Keeps the top on an existing row, and never leaves blank rows under the last line while earlier
    /// lines could fill them.
    private mutating func clampTop() {
        guard lines.count > 0 else {
            top = (lines.end, 0)
            return
        }
        if top.line < lines.dropped {
            top = (lines.dropped, 0)
        } else if top.line >= lines.end {
            top = bottomTop()
            return
        }
        top.row = min(max(top.row, 0), rowCount(top.line) - 1)
        let bottom = bottomTop()
        if (top.line, top.row) > (bottom.line, bottom.row) { top = bottom }
    }

    private mutating func goToMatch(from start: Int, forward: Bool) {
        guard !searchQuery.isEmpty, lines.count > 0 else { return }
        let count = lines.count
        let first = min(max(start, lines.dropped - 1), lines.end) - lines.dropped
        for step in 0..<count {
            let offset = forward ? first + step : first - step
            let line = lines.dropped + ((offset % count) + count) % count
            if LogView.contains(lines[line], query: searchQuery) {
                currentMatch = line
                reveal(line)
                return
            }
        }
    }

    /// Stops following and scrolls the least needed to show `line`.
    private mutating func reveal(_ line: Int) {
        if isFollowing {
            top = bottomTop()
            isFollowing = false
        }
        clampTop()
        var position = top
        for _ in 0..<max(height, 1) {
            if position.line == line { return }
            let next = moved(position, by: 1)
            if next == position { break }
            position = next
        }
        top = (line, 0)
        clampTop()
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(flatMap { $0 == "\t" ? Array("    ") : [$0] })
    }
}
