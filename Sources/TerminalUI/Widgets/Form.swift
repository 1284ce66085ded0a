/// A vertical list of labelled fields: label row, input, and an error line when the field has one.
/// When the fields do not fit, the form scrolls to keep the focused one in view; an open select's
/// list is drawn last, over the fields around it.
public struct Form: Widget {
    /// Blank rows between two fields.
    public var spacing: Int
    public var isFocused: Bool
    public var styles: FormStyles

    public init(spacing: Int = 1, isFocused: Bool = true, styles: FormStyles = FormStyles()) {
        self.spacing = spacing
        self.isFocused = isFocused
        self.styles = styles
    }

    /// Renders an empty form.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = FormState(fields: [])
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout FormState) {
        let area = area.intersection(buffer.area)
        // Each field's first row and height in form rows, before scrolling.
        var tops: [Int] = []
        var heights: [Int] = []
        var next = 0
        for field in state.fields {
            let height = (field.label.isEmpty ? 0 : 1) + field.inputHeight + (field.error == nil ? 0 : 1)
            tops.append(next)
            heights.append(height)
            next += height + max(spacing, 0)
        }
        let total = max(0, next - max(spacing, 0))
        state.offset = min(max(state.offset, 0), max(0, total - area.height))
        if state.fields.indices.contains(state.focusedField) {
            let field = state.fields[state.focusedField]
            let top = tops[state.focusedField]
            let bottom = top + heights[state.focusedField]
            if heights[state.focusedField] > area.height {
                // Taller than the form's rows (a terminal of 20×6): what is typed comes first, then
                // as much of the label above it as fits; the error line below goes.
                let inputTop = top + (field.label.isEmpty ? 0 : 1)
                state.offset = min(inputTop, max(top, inputTop + field.inputHeight - area.height))
            } else {
                if bottom > state.offset + area.height { state.offset = bottom - area.height }
                if top < state.offset { state.offset = top }
            }
        }
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)

        var openSelect: (field: Rect, index: Int)?
        for (index, field) in state.fields.enumerated() {
            let y = area.y + tops[index] - state.offset
            guard y < area.bottom && y + heights[index] > area.y else { continue }
            let isFocused = isFocused && index == state.focusedField
            var row = y
            if !field.label.isEmpty {
                let style = isFocused ? styles.label.patched(with: styles.focusedLabel) : styles.label
                line(row, in: area, buffer: &buffer, text: field.label, style: style)
                row += 1
            }
            let input = Rect(x: area.x, y: row, width: area.width, height: field.inputHeight)
            let visible = input.intersection(area)
            row += field.inputHeight
            renderInput(of: index, in: input, visible: visible, focused: isFocused, buffer: &buffer, state: &state)
            if case .select(let select, _) = field.kind, select.isOpen, isFocused, !visible.isEmpty {
                openSelect = (visible, index)
            }
            if let error = field.error {
                line(row, in: area, buffer: &buffer, text: error, style: styles.error)
            }
        }
        if let openSelect, case .select(var select, let placeholder) = state.fields[openSelect.index].kind {
            Select(placeholder: placeholder, isFocused: true, styles: styles.select)
                .render(field: openSelect.field, within: area, buffer: &buffer, state: &select)
            state.fields[openSelect.index].kind = .select(select, placeholder: placeholder)
        }
    }

    private func line(_ y: Int, in area: Rect, buffer: inout Buffer, text: String, style: Style) {
        guard y >= area.y && y < area.bottom else { return }
        buffer.setString(x: area.x, y: y, DisplayWidth.truncate(text, to: area.width), style: style, maxWidth: area.width)
    }

    /// A field cut by the top or bottom edge is drawn into its visible rows only.
    private func renderInput(
        of index: Int, in input: Rect, visible: Rect, focused: Bool, buffer: inout Buffer, state: inout FormState
    ) {
        guard !visible.isEmpty else { return }
        switch state.fields[index].kind {
        case .text(var field, let placeholder):
            TextField(placeholder: placeholder, isFocused: focused, styles: styles.textField)
                .render(in: visible, buffer: &buffer, state: &field)
            state.fields[index].kind = .text(field, placeholder: placeholder)
        case .textArea(var area, let placeholder, let height):
            TextArea(placeholder: placeholder, isFocused: focused, styles: styles.textArea)
                .render(in: visible, buffer: &buffer, state: &area)
            state.fields[index].kind = .textArea(area, placeholder: placeholder, height: height)
        case .select(let select, let placeholder):
            // Closed here; the open list comes last, over the other fields.
            var closed = select
            closed.close()
            Select(placeholder: placeholder, isFocused: focused, styles: styles.select)
                .render(in: visible, buffer: &buffer, state: &closed)
        case .buttons(let labels):
            var x = visible.x
            for (number, label) in labels.enumerated() {
                let button = Button(
                    label, isFocused: focused && number == state.focusedButton, styles: styles.button)
                let width = min(button.width, visible.right - x)
                guard width > 0 else { break }
                button.render(in: Rect(x: x, y: visible.y, width: width, height: 1), buffer: &buffer)
                x += button.width + 2
            }
        }
    }
}
