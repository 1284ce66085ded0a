extension DisplayWidth {
    /// `text` broken into lines of at most `width` columns: after spaces when possible, inside a word
    /// when the word alone is too long. Newlines start new lines; a grapheme wider than the whole
    /// width is shown as "…". No width gives no lines.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let characters = Array(paragraph)
            let ranges = wrapRanges(characters, width: width)
            for (number, range) in ranges.enumerated() {
                var line = String(characters[range])
                if number < ranges.count - 1 {
                    while line.last == " " { line.removeLast() }
                }
                lines.append(of(line) > width ? truncate(line, to: width) : line)
            }
        }
        return lines
    }

    /// The ranges of `characters` that make up each wrapped line, contiguous and covering every
    /// grapheme, so an editor can map its cursor onto them. A line may end with the space it was broken
    /// at, which then lies past the width and is not drawn. Always at least one range.
    static func wrapRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        guard width > 0 else { return [0..<characters.count] }
        var ranges: [Range<Int>] = []
        var start = 0
        var used = 0
        var breakAfterSpace: Int?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let columns = min(of(character), width)
            if character == " " {
                if used + columns > width {
                    ranges.append(start..<index + 1)
                    start = index + 1
                    used = 0
                    breakAfterSpace = nil
                } else {
                    used += columns
                    breakAfterSpace = index + 1
                }
                index += 1
                continue
            }
            if used + columns > width {
                let end = breakAfterSpace ?? index
                ranges.append(start..<end)
                start = end
                used = characters[end..<index].reduce(0) { $0 + min(of($1), width) }
                breakAfterSpace = nil
                continue
            }
            used += columns
            index += 1
        }
        ranges.append(start..<characters.count)
        return ranges
    }
}
