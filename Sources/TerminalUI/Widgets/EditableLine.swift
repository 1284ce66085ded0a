/// One line of text being edited: its graphemes and a cursor between them (0...count). Shared by the
/// single- and multi-line text widgets.
struct EditableLine: Equatable, Sendable {
    var characters: [Character]
    var cursor: Int

    init(_ characters: [Character] = [], cursor: Int? = nil) {
        self.characters = characters
        self.cursor = min(max(cursor ?? characters.count, 0), characters.count)
    }

    var text: String { String(characters) }

    /// Printable graphemes only: control characters and newlines never enter a line.
    static func canInsert(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, !character.isNewline else { return false }
        return first.properties.generalCategory != .control
    }

    mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
        regroup(around: cursor - 1)
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
        regroup(around: cursor)
    }

    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        regroup(around: cursor)
    }

    mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    mutating func deleteToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// Ctrl-W: the spaces before the cursor, then the word before them.
    mutating func deleteWordBackward() {
        var start = cursor
        while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
        while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
        regroup(around: start)
    }

    /// Display columns before the cursor.
    var cursorColumn: Int { Self.columns(characters[0..<cursor]) }

    /// Columns the cursor covers: the grapheme under it, or one past the end.
    var cursorWidth: Int {
        cursor < characters.count ? max(1, DisplayWidth.of(characters[cursor])) : 1
    }

    /// The grapheme index whose start is the last one at or before display `column`.
    func index(atColumn column: Int, in range: Range<Int>? = nil) -> Int {
        let range = range ?? 0..<characters.count
        var used = 0
        for index in range {
            let width = DisplayWidth.of(characters[index])
            if used + width > column { return index }
            used += width
        }
        return range.upperBound
    }

    static func columns(_ characters: ArraySlice<Character>) -> Int {
        characters.reduce(0) { $0 + DisplayWidth.of($1) }
    }

    /// The text as seen from display column `offset` on; a wide grapheme cut by the left edge shows
    /// its visible half as a space.
    static func visibleText(_ characters: ArraySlice<Character>, from offset: Int) -> String {
        var text = ""
        var column = 0
        for character in characters {
            let width = DisplayWidth.of(character)
            if column >= offset {
                text.append(character)
            } else if column + width > offset {
                text += String(repeating: " ", count: column + width - offset)
            }
            column += width
        }
        return text
    }

    /// A typed grapheme can join its neighbours (a combining accent after a letter), so the graphemes
    /// around an edit are re-segmented to stay what `String` would count.
    mutating func regroup(around index: Int) {
        let lower = max(0, index - 1)
        let upper = min(characters.count, index + 2)
        guard upper - lower >= 2 else { return }
        let original = Array(characters[lower..<upper])
        let regrouped = Array(String(original))
        guard regrouped != original else { return }
        characters.replaceSubrange(lower..<upper, with: regrouped)
        if cursor >= upper {
            cursor += regrouped.count - original.count
        } else if cursor > lower {
            cursor = min(cursor, lower + regrouped.count)
        }
        cursor = min(max(cursor, 0), characters.count)
    }
}
