/// A pane of log lines over a `LogViewState`: the newest lines at the bottom while following, long
/// lines cut or wrapped by display width, search matches highlighted, and the `/` prompt in the
/// bottom row while a search is typed.
public struct LogView: Widget {
    public var styles: LogViewStyles

    public init(styles: LogViewStyles = LogViewStyles()) {
        self.styles = styles
    }

    /// Renders an empty log.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = LogViewState()
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout LogViewState) {
        let area = area.intersection(buffer.area)
        var body = area
        if var input = state.searchInput, !area.isEmpty {
            let prompt: Rect
            (body, prompt) = area.rows(bottom: 1)
            let (slash, field) = prompt.columns(left: 1)
            buffer.fill(prompt, with: Cell(symbol: " ", style: styles.prompt.text))
            buffer.setString(x: slash.x, y: slash.y, "/", style: styles.prompt.text, maxWidth: slash.width)
            TextField(isFocused: true, styles: styles.prompt).render(in: field, buffer: &buffer, state: &input)
            state.searchInput = input
        }
        state.layOut(width: body.width, height: body.height)
        guard !body.isEmpty else { return }
        buffer.fill(body, with: Cell(symbol: " ", style: styles.text))

        var position = state.top
        for y in body.y..<body.bottom {
            guard position.line < state.lines.end else { break }
            let text = state.lines[position.line]
            let characters = Array(text)
            let ranges = state.rowRanges(characters)
            let range = ranges[min(position.row, ranges.count - 1)]
            var segment = String(characters[range])
            if !state.isWrapping && segment.utf8.count > body.width {
                segment = DisplayWidth.truncate(segment, to: body.width)
            }
            buffer.setString(x: body.x, y: y, segment, style: styles.text, maxWidth: body.width)
            if !state.searchQuery.isEmpty {
                let style = position.line == state.currentMatch ? styles.currentMatch : styles.match
                let row = Rect(x: body.x, y: y, width: body.width, height: 1)
                for match in Self.matchRanges(in: characters, query: state.searchQuery) where match.overlaps(range) {
                    let start = max(match.lowerBound, range.lowerBound)
                    let end = min(match.upperBound, range.upperBound)
                    let column = columns(characters[range.lowerBound..<start])
                    let highlight = Rect(x: body.x + column, y: y, width: columns(characters[start..<end]), height: 1)
                    buffer.setStyle(highlight.intersection(row), style)
                }
            }
            position = position.row + 1 < ranges.count ? (position.line, position.row + 1) : (position.line + 1, 0)
        }
    }

    private func columns(_ characters: ArraySlice<Character>) -> Int {
        characters.reduce(0) { $0 + DisplayWidth.of($1) }
    }

    /// How many rows `wrap` makes of `text`, at least one.
    static func wrappedRowCount(_ text: String, width: Int) -> Int {
        // No grapheme is wider in columns than in UTF-8 bytes, so a short line needs no measuring.
        guard width > 0, text.utf8.count > width else { return 1 }
        return wrapRanges(Array(text), width: width).count
    }

    /// `text` cut into rows of at most `width` columns, anywhere, as a log needs every character kept
    /// in place; a grapheme wider than the width gets a row of its own.
    static func wrap(_ text: String, width: Int) -> [String] {
        let characters = Array(text)
        return wrapRanges(characters, width: width).map { String(characters[$0]) }
    }

    /// The grapheme ranges of the rows `wrap` makes; always at least one, the whole line when the
    /// width is not positive.
    static func wrapRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        guard width > 0, characters.count > width / 2 else { return [0..<characters.count] }
        var ranges: [Range<Int>] = []
        var start = 0
        var used = 0
        for (index, character) in characters.enumerated() {
            let columns = DisplayWidth.of(character)
            if used + columns > width && index > start {
                ranges.append(start..<index)
                start = index
                used = 0
            }
            used += columns
        }
        ranges.append(start..<characters.count)
        return ranges
    }

    /// Where `query` occurs in `characters`, ignoring case, as grapheme ranges that do not overlap.
    static func matchRanges(in characters: [Character], query: String) -> [Range<Int>] {
        let needle = query.map { $0.lowercased() }
        guard !needle.isEmpty, characters.count >= needle.count else { return [] }
        let haystack = characters.map { $0.lowercased() }
        var ranges: [Range<Int>] = []
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start..<start + needle.count].elementsEqual(needle) {
                ranges.append(start..<start + needle.count)
                start += needle.count
            } else {
                start += 1
            }
        }
        return ranges
    }

    /// Whether `text` contains `query` ignoring case; a quick test before `matchRanges`.
    static func contains(_ text: String, query: String) -> Bool {
        text.lowercased().contains(query.lowercased()) && !matchRanges(in: Array(text), query: query).isEmpty
    }
}
