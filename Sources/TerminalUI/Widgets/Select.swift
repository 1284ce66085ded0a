/// A drop-down choice: a one-line field showing the chosen option and "▾"; when open, a list of the
/// options below the field, or above it when there is more room there.
public struct Select: Widget {
    public var placeholder: String
    public var isFocused: Bool
    /// The most options the open list shows at once; it scrolls beyond that.
    public var maxVisibleOptions: Int
    public var styles: SelectStyles

    public init(
        placeholder: String = "", isFocused: Bool = false, maxVisibleOptions: Int = 8,
        styles: SelectStyles = SelectStyles()
    ) {
        self.placeholder = placeholder
        self.isFocused = isFocused
        self.maxVisibleOptions = maxVisibleOptions
        self.styles = styles
    }

    /// Renders a closed select with nothing chosen.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = SelectState(options: [])
        render(in: area, buffer: &buffer, state: &state)
    }

    /// The field takes the first row of `area`; the open list uses the rows below it.
    public func render(in area: Rect, buffer: inout Buffer, state: inout SelectState) {
        render(field: area.rows(top: 1).0, within: area, buffer: &buffer, state: &state)
    }

    /// The field takes the first row of `field`; the open list may cover anything else in `bounds`,
    /// so a form draws it last, over the fields below.
    public func render(field: Rect, within bounds: Rect, buffer: inout Buffer, state: inout SelectState) {
        let bounds = bounds.intersection(buffer.area)
        let row = field.rows(top: 1).0.intersection(bounds)
        if !row.isEmpty { renderField(row, buffer: &buffer, state: state) }
        guard state.isOpen, row.height == 1 else { return }

        let wanted = min(state.options.count, max(maxVisibleOptions, 1))
        let below = bounds.bottom - row.bottom
        let above = row.y - bounds.y
        let opensBelow = below >= wanted || below >= above
        let height = min(wanted, opensBelow ? below : above)
        guard height > 0 else { return }
        let list = Rect(x: row.x, y: opensBelow ? row.bottom : row.y - height, width: row.width, height: height)

        state.offset = min(max(state.offset, 0), max(0, state.options.count - height))
        if state.highlighted < state.offset {
            state.offset = state.highlighted
        } else if state.highlighted >= state.offset + height {
            state.offset = state.highlighted - height + 1
        }
        buffer.fill(list, with: Cell(symbol: " ", style: styles.list))
        for line in 0..<height {
            let index = state.offset + line
            guard index < state.options.count else { break }
            let marker = index == state.selected ? "✓ " : "  "
            var style = styles.list
            if index == state.highlighted {
                style = style.patched(with: styles.highlighted)
                buffer.fill(Rect(x: list.x, y: list.y + line, width: list.width, height: 1), with: Cell(symbol: " ", style: style))
            }
            let text = DisplayWidth.truncate(marker + state.options[index], to: list.width)
            buffer.setString(x: list.x, y: list.y + line, text, style: style, maxWidth: list.width)
        }
    }

    private func renderField(_ row: Rect, buffer: inout Buffer, state: SelectState) {
        let style = isFocused ? styles.field.patched(with: styles.focused) : styles.field
        buffer.fill(row, with: Cell(symbol: " ", style: style))
        let arrow = state.isOpen ? "▴" : "▾"
        let (textArea, arrowArea) = row.width >= 3 ? row.columns(right: 2) : row.columns(right: 0)
        let text = state.selectedOption ?? placeholder
        let textStyle = state.selectedOption == nil ? style.patched(with: styles.placeholder) : style
        buffer.setString(
            x: textArea.x, y: row.y, DisplayWidth.truncate(text, to: textArea.width), style: textStyle,
            maxWidth: textArea.width)
        if !arrowArea.isEmpty {
            buffer.setString(x: arrowArea.x + 1, y: row.y, arrow, style: style, maxWidth: 1)
        }
    }
}
