/// How many terminal columns text occupies, from our own tables and the standard library's Unicode
/// properties, so the answer never depends on the C locale or the platform's `wcwidth`.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// 0 for control, combining and other zero-width graphemes; 2 for East Asian Wide/Fullwidth and
    /// emoji presentation; otherwise 1. A grapheme is as wide as its first scalar, except that a
    /// variation selector can switch an emoji between text (1) and emoji (2) presentation.
    public static func of(_ grapheme: Character) -> Int {
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value >= 0x20 && first.value < 0x7F { return 1 }
        switch first.properties.generalCategory {
        case .control, .format, .nonspacingMark, .enclosingMark, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            break
        }
        if first.properties.isEmoji {
            if scalars.contains(emojiPresentationSelector) { return 2 }
            if scalars.contains(textPresentationSelector) { return 1 }
        }
        return first.properties.isEmojiPresentation || isWide(first.value) ? 2 : 1
    }

    /// The longest prefix that fits in `width` columns; when text had to be cut it ends with "…"
    /// (one column), so the reader sees that something is missing.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var kept = ""
        var used = 0
        for grapheme in text {
            let columns = of(grapheme)
            if used + columns > width - 1 { break }
            kept.append(grapheme)
            used += columns
        }
        return kept + "…"
    }

    /// Exactly `width` columns: truncated when too long, padded with spaces when too short.
    public static func pad(_ text: String, to width: Int) -> String {
        let fitted = truncate(text, to: width)
        return fitted + String(repeating: " ", count: max(0, width - of(fitted)))
    }

    private static let emojiPresentationSelector: Unicode.Scalar = "\u{FE0F}"
    private static let textPresentationSelector: Unicode.Scalar = "\u{FE0E}"

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide and Fullwidth code points (Unicode 15.1, EastAsianWidth.txt), sorted; emoji are
    /// covered by `isEmojiPresentation` instead.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5,
        0x2FF0...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F, 0x3131...0x318E,
        0x3190...0x31E3, 0x31EF...0x321E, 0x3220...0x3247, 0x3250...0x4DBF, 0x4E00...0xA48C,
        0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,
        0x1AFF0...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
        0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
