/// What a `TextField` edits: the text, the cursor (in graphemes) and the horizontal scroll.
public struct TextFieldState: Equatable, Sendable {
    var line: EditableLine
    /// The most graphemes the text may hold; nil for no limit.
    public var maxLength: Int?
    /// The first display column shown; `TextField.render` keeps the cursor visible.
    public private(set) var offset = 0

    public init(text: String = "", maxLength: Int? = nil) {
        self.maxLength = maxLength
        line = EditableLine(Self.limited(Array(text.filter(EditableLine.canInsert)), to: maxLength))
    }

    public var text: String {
        get { line.text }
        set { line = EditableLine(Self.limited(Array(newValue.filter(EditableLine.canInsert)), to: maxLength)) }
    }

    public var isEmpty: Bool { line.characters.isEmpty }

    /// The cursor as a grapheme index, 0 (before the first) through the grapheme count (after the last).
    public var cursor: Int {
        get { line.cursor }
        set { line.cursor = min(max(newValue, 0), line.characters.count) }
    }

    /// Edits for the key; true when the key is one a text field uses, whether or not it changed
    /// anything. Enter, Tab, Esc, up and down are left to the caller.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let character):
            guard EditableLine.canInsert(character) else { return false }
            insert(character)
        case .backspace, .ctrl("h"): line.deleteBackward()
        case .delete: line.deleteForward()
        case .left: cursor -= 1
        case .right: cursor += 1
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = line.characters.count
        case .ctrl("u"): line.deleteToStart()
        case .ctrl("k"): line.deleteToEnd()
        case .ctrl("w"): line.deleteWordBackward()
        default: return false
        }
        return true
    }

    /// Inserts pasted text at the cursor; newlines become spaces, and what exceeds the limit is dropped.
    public mutating func insert(_ text: String) {
        for character in text {
            insert(character.isNewline ? " " : character)
        }
    }

    /// Scrolls the least needed to show the cursor in `width` columns, without leaving blank columns
    /// on the right while text is hidden on the left.
    public mutating func keepCursorVisible(width: Int) {
        guard width > 0 else {
            offset = 0
            return
        }
        let column = line.cursorColumn
        let total = EditableLine.columns(line.characters[...]) + 1
        offset = min(max(offset, 0), max(0, total - width))
        if column < offset {
            offset = column
        } else if column + min(line.cursorWidth, width) > offset + width {
            offset = column + min(line.cursorWidth, width) - width
        }
        // Never start inside a wide grapheme, which would show as half a character.
        var start = 0
        for character in line.characters {
            let end = start + DisplayWidth.of(character)
            if end > offset {
                if start < offset { offset = end }
                break
            }
            start = end
        }
    }

    private mutating func insert(_ character: Character) {
        guard EditableLine.canInsert(character) else { return }
        if let maxLength, line.characters.count >= maxLength { return }
        line.insert(character)
    }

    private static func limited(_ characters: [Character], to maxLength: Int?) -> [Character] {
        guard let maxLength else { return characters }
        return Array(characters.prefix(max(maxLength, 0)))
    }
}
