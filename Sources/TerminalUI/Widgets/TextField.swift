/// A single-line text input in the first row of its area. Text longer than the field scrolls
/// sideways, by display width, so the cursor is always visible.
public struct TextField: Widget {
    public var placeholder: String
    public var isFocused: Bool
    public var styles: TextFieldStyles

    public init(placeholder: String = "", isFocused: Bool = false, styles: TextFieldStyles = TextFieldStyles()) {
        self.placeholder = placeholder
        self.isFocused = isFocused
        self.styles = styles
    }

    /// Renders an empty field.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = TextFieldState()
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout TextFieldState) {
        let row = area.intersection(buffer.area).rows(top: 1).0
        state.keepCursorVisible(width: row.width)
        guard !row.isEmpty else { return }
        let style = isFocused ? styles.text.patched(with: styles.focused) : styles.text
        buffer.fill(row, with: Cell(symbol: " ", style: style))
        if state.isEmpty {
            let hint = DisplayWidth.truncate(placeholder, to: row.width)
            buffer.setString(x: row.x, y: row.y, hint, style: style.patched(with: styles.placeholder), maxWidth: row.width)
        } else {
            let visible = EditableLine.visibleText(state.line.characters[...], from: state.offset)
            buffer.setString(x: row.x, y: row.y, visible, style: style, maxWidth: row.width)
        }
        guard isFocused else { return }
        let cursor = Rect(
            x: row.x + state.line.cursorColumn - state.offset, y: row.y, width: state.line.cursorWidth, height: 1)
        buffer.setStyle(cursor.intersection(row), styles.cursor)
    }
}
