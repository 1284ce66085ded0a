/// A multi-line text input. Lines are word-wrapped to the width for display; with a limit, a counter
/// such as "12/1000" sits in the bottom row, right-aligned.
public struct TextArea: Widget {
    public var placeholder: String
    public var isFocused: Bool
    public var styles: TextAreaStyles

    public init(placeholder: String = "", isFocused: Bool = false, styles: TextAreaStyles = TextAreaStyles()) {
        self.placeholder = placeholder
        self.isFocused = isFocused
        self.styles = styles
    }

    /// Renders an empty area.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = TextAreaState()
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout TextAreaState) {
        let area = area.intersection(buffer.area)
        let showsCounter = state.maxLength != nil && area.height >= 2
        let (textArea, counterRow) = area.rows(bottom: showsCounter ? 1 : 0)
        let width = textArea.width

        // Every wrapped row as (line, range of graphemes), and the row holding the cursor.
        var rows: [(line: Int, range: Range<Int>)] = []
        var cursorRow = 0
        for (index, line) in state.lines.enumerated() {
            let ranges = DisplayWidth.wrapRanges(line, width: width)
            for (number, range) in ranges.enumerated() {
                let isLast = number == ranges.count - 1
                if index == state.row && (range.contains(state.column) || (isLast && state.column == range.upperBound)) {
                    cursorRow = rows.count
                }
                rows.append((index, range))
            }
        }
        let height = textArea.height
        state.offset = min(max(state.offset, 0), max(0, rows.count - height))
        if cursorRow < state.offset {
            state.offset = cursorRow
        } else if height > 0 && cursorRow >= state.offset + height {
            state.offset = cursorRow - height + 1
        }
        guard !area.isEmpty else { return }

        let style = isFocused ? styles.text.patched(with: styles.focused) : styles.text
        buffer.fill(area, with: Cell(symbol: " ", style: style))
        if state.isEmpty {
            for (number, line) in DisplayWidth.wrap(placeholder, width: width).prefix(height).enumerated() {
                buffer.setString(
                    x: textArea.x, y: textArea.y + number, line, style: style.patched(with: styles.placeholder),
                    maxWidth: width)
            }
        } else {
            for (number, row) in rows.dropFirst(state.offset).prefix(height).enumerated() {
                let text = String(state.lines[row.line][row.range])
                buffer.setString(x: textArea.x, y: textArea.y + number, text, style: style, maxWidth: width)
            }
        }
        if isFocused && !textArea.isEmpty {
            let row = rows[cursorRow]
            let line = EditableLine(state.lines[row.line], cursor: state.column)
            let column = min(EditableLine.columns(line.characters[row.range.lowerBound..<state.column]), width - 1)
            let cursor = Rect(
                x: textArea.x + column, y: textArea.y + cursorRow - state.offset, width: line.cursorWidth, height: 1)
            buffer.setStyle(cursor.intersection(textArea), styles.cursor)
        }
        if showsCounter, let maxLength = state.maxLength {
            let counter = DisplayWidth.truncate("\(state.count)/\(maxLength)", to: counterRow.width)
            var counterStyle = style.patched(with: styles.counter)
            if state.count >= maxLength { counterStyle = counterStyle.patched(with: styles.counterFull) }
            let columns = DisplayWidth.of(counter)
            buffer.setString(x: counterRow.right - columns, y: counterRow.y, counter, style: counterStyle)
        }
    }
}
