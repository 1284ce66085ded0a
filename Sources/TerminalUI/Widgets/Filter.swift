/// The `/` filter line, in the first row of its area: the prompt, the query with its cursor and, when
/// the caller gives it and there is room, how many items match ("12/340") on the right. The matching
/// itself is `matches` and `score`, so every list filters the same way.
public struct Filter: Widget {
    public var prompt: String
    /// Items matching and items in all.
    public var count: (matching: Int, total: Int)?
    public var styles: FilterStyles

    public init(prompt: String = "/", count: (matching: Int, total: Int)? = nil, styles: FilterStyles = FilterStyles()) {
        self.prompt = prompt
        self.count = count
        self.styles = styles
    }

    /// Renders an empty filter.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = FilterState()
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout FilterState) {
        var row = area.intersection(buffer.area).rows(top: 1).0
        guard !row.isEmpty else { return }
        buffer.fill(row, with: Cell(symbol: " ", style: styles.field.text))
        if let count {
            let text = "\(count.matching)/\(count.total)"
            let width = DisplayWidth.of(text)
            // The count gives way before the query does.
            if row.width >= width + 1 + DisplayWidth.of(prompt) + 10 {
                let countArea: Rect
                (row, countArea) = row.columns(right: width + 1)
                buffer.setString(x: countArea.x + 1, y: row.y, text, style: styles.count, maxWidth: width)
            }
        }
        let (promptArea, fieldArea) = row.columns(left: DisplayWidth.of(prompt))
        buffer.setString(x: promptArea.x, y: row.y, prompt, style: styles.prompt, maxWidth: promptArea.width)
        TextField(isFocused: true, styles: styles.field).render(in: fieldArea, buffer: &buffer, state: &state.field)
    }

    /// Whether `text` matches `query`: as a substring ignoring case, or else fuzzily, the query's
    /// characters appearing in order ("frdt" matches "fraud-detector"). An empty query matches anything.
    public static func matches(_ text: String, query: String) -> Bool {
        score(text, query: query) != nil
    }

    /// How well `text` matches `query`, higher being better, for sorting; nil when it does not match.
    /// Any substring match ranks above any fuzzy one; among substrings, one at the start ranks first,
    /// then one at a word start, then earlier ones; among fuzzy matches, fewer gaps rank higher.
    public static func score(_ text: String, query: String) -> Int? {
        let needle = query.map { $0.lowercased() }
        guard !needle.isEmpty else { return 0 }
        let haystack = text.map { $0.lowercased() }
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            let bonus = start == 0 ? 300 : isWordStart(haystack, at: start) ? 200 : 100
            return 2_000 + bonus - min(start, 99)
        }
        var position = 0
        var gaps = 0
        var last: Int?
        for character in needle {
            while position < haystack.count && haystack[position] != character { position += 1 }
            guard position < haystack.count else { return nil }
            if let last, position > last + 1 { gaps += 1 }
            last = position
            position += 1
        }
        return max(1_000 - 10 * gaps - min(haystack.count, 99), 1)
    }

    private static func isWordStart(_ characters: [String], at index: Int) -> Bool {
        guard index > 0, let previous = characters[index - 1].first else { return true }
        return !(previous.isLetter || previous.isNumber)
    }
}
