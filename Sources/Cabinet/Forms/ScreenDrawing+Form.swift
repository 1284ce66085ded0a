import TerminalUI

extension ScreenDrawing {
    /// A small form in place of a list: its title, the fields, and one status line under them (the
    /// platform being asked, or a problem that belongs to no field).
    static func form(_ state: FormState, title: String, status: String?, isError: Bool, in area: Rect, palette: Palette, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area, with: Cell(symbol: " ", style: palette.text))
        let inner = Rect(x: area.x + 1, y: area.y, width: max(0, min(area.width - 2, 76)), height: area.height)
        // Too short for the title and a field (a 20×6 terminal): the field, for what is typed must show.
        let titled = inner.height >= 4
        if titled { line(title, y: inner.y, in: inner, style: palette.title, buffer: &buffer) }
        var rest = titled ? Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2) : inner
        if let status, rest.height > 1 {
            line(status, y: rest.bottom - 1, in: rest, style: isError ? palette.error : palette.dim, buffer: &buffer)
            rest.height -= 1
        }
        var state = state
        Form(spacing: 0, styles: palette.form).render(in: rest, buffer: &buffer, state: &state)
    }
}
