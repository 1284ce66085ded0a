/// The `:` prompt of command mode, in the first row of its area: the prompt, then the command being
/// typed with its cursor, scrolled sideways when it is longer than the row.
public struct CommandPrompt: Widget {
    public var prompt: String
    public var styles: CommandPromptStyles

    public init(prompt: String = ":", styles: CommandPromptStyles = CommandPromptStyles()) {
        self.prompt = prompt
        self.styles = styles
    }

    /// Renders an empty command line.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = CommandPromptState()
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout CommandPromptState) {
        let row = area.intersection(buffer.area).rows(top: 1).0
        guard !row.isEmpty else { return }
        let (promptArea, fieldArea) = row.columns(left: DisplayWidth.of(prompt))
        buffer.fill(row, with: Cell(symbol: " ", style: styles.field.text))
        buffer.setString(x: promptArea.x, y: row.y, prompt, style: styles.prompt, maxWidth: promptArea.width)
        TextField(isFocused: true, styles: styles.field).render(in: fieldArea, buffer: &buffer, state: &state.field)
    }
}
