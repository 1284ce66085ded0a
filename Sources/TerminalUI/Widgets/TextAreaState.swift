/// What a `TextArea` edits: lines of graphemes, the cursor, and the first visible row.
public struct TextAreaState: Equatable, Sendable {
    var lines: [[Character]]
    /// The cursor's line and grapheme index within it.
    public private(set) var row = 0
    public private(set) var column = 0
    /// The most Characters the text may hold, newlines included; nil for no limit.
    public var maxLength: Int?
    /// The first wrapped row shown; `TextArea.render` keeps the cursor visible.
    public internal(set) var offset = 0
    /// The display column up and down aim for, so passing a short line does not lose it.
    private var goalColumn: Int?

    public init(text: String = "", maxLength: Int? = nil) {
        self.maxLength = maxLength
        lines = [[]]
        self.text = text
    }

    /// Setting the text puts the cursor at its end; what exceeds the limit is dropped.
    public var text: String {
        get { lines.map { String($0) }.joined(separator: "\n") }
        set {
            lines = [[]]
            row = 0
            column = 0
            offset = 0
            insert(newValue)
        }
    }

    /// Characters in the text, newlines included, as `text.count` gives them.
    public var count: Int { lines.reduce(lines.count - 1) { $0 + $1.count } }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// Edits for the key; true when the key was used. Up on the first line and down on the last are
    /// not, so a form can move focus with them; Tab and Esc are left to the caller.
    public mutating func handle(_ key: Key) -> Bool {
        var keepsGoal = false
        defer { if !keepsGoal { goalColumn = nil } }
        switch key {
        case .char(let character):
            guard character.isNewline || EditableLine.canInsert(character) else { return false }
            insert(character)
        case .enter: insert("\n")
        case .backspace, .ctrl("h"):
            if column > 0 {
                edit { $0.deleteBackward() }
            } else if row > 0 {
                row -= 1
                column = lines[row].count
                joinNextLine()
            }
        case .delete:
            if column < lines[row].count {
                edit { $0.deleteForward() }
            } else {
                joinNextLine()
            }
        case .left:
            if column > 0 {
                column -= 1
            } else if row > 0 {
                row -= 1
                column = lines[row].count
            }
        case .right:
            if column < lines[row].count {
                column += 1
            } else if row < lines.count - 1 {
                row += 1
                column = 0
            }
        case .up, .down:
            let target = key == .up ? row - 1 : row + 1
            guard lines.indices.contains(target) else { return false }
            let goal = goalColumn ?? EditableLine.columns(lines[row][0..<column])
            row = target
            column = EditableLine(lines[row]).index(atColumn: goal)
            goalColumn = goal
            keepsGoal = true
        case .home, .ctrl("a"): column = 0
        case .end, .ctrl("e"): column = lines[row].count
        case .ctrl("u"): edit { $0.deleteToStart() }
        case .ctrl("k"):
            if column < lines[row].count {
                edit { $0.deleteToEnd() }
            } else {
                joinNextLine()
            }
        case .ctrl("w"):
            if column > 0 {
                edit { $0.deleteWordBackward() }
            } else {
                return handle(.backspace)
            }
        default: return false
        }
        return true
    }

    /// Inserts pasted text at the cursor, up to the limit.
    public mutating func insert(_ text: String) {
        for character in text { insert(character) }
    }

    private mutating func insert(_ character: Character) {
        if let maxLength, count >= maxLength { return }
        if character.isNewline {
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1
            column = 0
        } else if EditableLine.canInsert(character) {
            edit { $0.insert(character) }
        }
    }

    private mutating func edit(_ change: (inout EditableLine) -> Void) {
        var line = EditableLine(lines[row], cursor: column)
        change(&line)
        lines[row] = line.characters
        column = line.cursor
    }

    /// Appends the next line to the cursor's line, the cursor staying at the join.
    private mutating func joinNextLine() {
        guard row < lines.count - 1 else { return }
        lines[row] += lines.remove(at: row + 1)
        edit { $0.regroup(around: $0.cursor) }
    }
}
