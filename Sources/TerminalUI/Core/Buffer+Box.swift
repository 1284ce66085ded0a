extension Buffer {
    /// A single-line border around `box` with an optional title in its top edge, as dialogs and
    /// overlays draw it; nothing when the box is too small to have an inside.
    public mutating func drawBox(_ box: Rect, style: Style, title: String = "", titleStyle: Style? = nil) {
        guard box.width >= 2 && box.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: box.width - 2)
        setString(x: box.x, y: box.y, "┌" + horizontal + "┐", style: style, maxWidth: box.width)
        setString(x: box.x, y: box.bottom - 1, "└" + horizontal + "┘", style: style, maxWidth: box.width)
        for y in box.y + 1..<box.bottom - 1 {
            setString(x: box.x, y: y, "│", style: style)
            setString(x: box.right - 1, y: y, "│", style: style)
        }
        let room = box.width - 4
        guard room >= 3, !title.isEmpty else { return }
        let text = " " + DisplayWidth.truncate(title, to: room - 2) + " "
        setString(x: box.x + 2, y: box.y, text, style: style.patched(with: titleStyle ?? style), maxWidth: room)
    }
}
