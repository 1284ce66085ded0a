/// Slugs are DNS labels: `^[a-z]([-a-z0-9]*[a-z0-9])?$`, at most 40 characters, so that the
/// namespace `pu-<owner>-pa-<slug>` fits Kubernetes' 63.
public enum Slug {
    public static let maxLength = 40

    /// A slug suggested from a display name: "Tesseract OCR" → "tesseract-ocr",
    /// "Распознавание речи" → "raspoznavanie-rechi". The user may still edit it.
    public static func derive(from name: String, maxLength: Int = Slug.maxLength) -> String {
        var out = ""
        var pendingHyphen = false
        for ch in name.lowercased() {
            let piece: String
            if let t = transliteration[ch] {
                piece = t
            } else if ch.isASCII, ch.isLetter || ch.isNumber {
                piece = String(ch)
            } else {
                piece = ""
            }
            if piece.isEmpty {
                pendingHyphen = !out.isEmpty
                continue
            }
            if pendingHyphen { out += "-" }
            pendingHyphen = false
            out += piece
        }
        while let first = out.first, !first.isLetter { out.removeFirst() }
        if out.count > maxLength { out = String(out.prefix(maxLength)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// Russian letters in the passport (ICAO Doc 9303) transliteration.
    private static let transliteration: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    ]
}
