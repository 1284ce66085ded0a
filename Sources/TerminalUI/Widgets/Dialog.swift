/// A bordered box centred in its area, with a title in the top border, wrapped body text and a row
/// of buttons. At any size it stays inside the area; when rows run short the buttons are kept first,
/// then the caller's content rows, then as much of the body as fits.
public struct Dialog: Widget {
    public var title: String
    public var body: String
    public var buttons: [String]
    public var focusedButton: Int?
    /// Buttons drawn as unusable.
    public var disabledButtons: Set<Int>
    /// Rows kept free between the body and the buttons for the caller to draw in (see `contentArea`).
    public var contentHeight: Int
    /// The box's width when the area is wide enough.
    public var preferredWidth: Int
    public var styles: DialogStyles

    public init(
        title: String, body: String = "", buttons: [String] = [], focusedButton: Int? = nil,
        disabledButtons: Set<Int> = [], contentHeight: Int = 0, preferredWidth: Int = 50,
        styles: DialogStyles = DialogStyles()
    ) {
        self.title = title
        self.body = body
        self.buttons = buttons
        self.focusedButton = focusedButton
        self.disabledButtons = disabledButtons
        self.contentHeight = contentHeight
        self.preferredWidth = preferredWidth
        self.styles = styles
    }

    /// The box, centred in `area` and no larger than it.
    public func box(in area: Rect) -> Rect {
        let width = min(max(preferredWidth, 6), max(area.width, 0))
        let innerWidth = max(width - 4, 0)
        let bodyRows = DisplayWidth.wrap(body, width: innerWidth).count
        var rows = bodyRows
        if contentHeight > 0 { rows += (rows > 0 ? 1 : 0) + contentHeight }
        if !buttons.isEmpty { rows += (rows > 0 ? 1 : 0) + 1 }
        let height = min(rows + 2, max(area.height, 0))
        return Rect(
            x: area.x + (max(area.width, 0) - width) / 2, y: area.y + (max(area.height, 0) - height) / 2,
            width: width, height: height)
    }

    /// Where the caller's `contentHeight` rows are, inside the box drawn in `area`; empty when they
    /// do not fit.
    public func contentArea(in area: Rect) -> Rect {
        layout(in: area).content
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        let box = box(in: area)
        guard !box.isEmpty else { return }
        buffer.fill(box, with: Cell(symbol: " ", style: styles.box))
        buffer.drawBox(box, style: styles.box, title: title, titleStyle: styles.title)
        let layout = layout(in: area)

        let lines = DisplayWidth.wrap(body, width: layout.body.width)
        for (number, line) in lines.prefix(layout.body.height).enumerated() {
            buffer.setString(x: layout.body.x, y: layout.body.y + number, line, style: styles.body, maxWidth: layout.body.width)
        }
        guard !layout.buttons.isEmpty else { return }
        let widths = buttons.map { DisplayWidth.of($0) + 4 }
        let total = widths.reduce(0, +) + 2 * (buttons.count - 1)
        var x = layout.buttons.x + max(0, (layout.buttons.width - total) / 2)
        for (index, label) in buttons.enumerated() {
            let width = min(widths[index], layout.buttons.right - x)
            guard width > 0 else { break }
            Button(
                label, isFocused: index == focusedButton, isEnabled: !disabledButtons.contains(index),
                styles: styles.button
            ).render(in: Rect(x: x, y: layout.buttons.y, width: width, height: 1), buffer: &buffer)
            x += widths[index] + 2
        }
    }

    /// From the bottom up: the button row, a blank row, the content rows, a blank row, and the body in
    /// whatever is left at the top.
    private func layout(in area: Rect) -> (body: Rect, content: Rect, buttons: Rect) {
        let box = box(in: area)
        var rest = Rect(x: box.x + 2, y: box.y + 1, width: max(box.width - 4, 0), height: max(box.height - 2, 0))
        var buttonRow = Rect(x: rest.x, y: rest.bottom, width: rest.width, height: 0)
        var content = buttonRow
        if !buttons.isEmpty {
            (rest, buttonRow) = rest.rows(bottom: 1)
            rest = rest.rows(bottom: 1).0
        }
        if contentHeight > 0 {
            (rest, content) = rest.rows(bottom: contentHeight)
            rest = rest.rows(bottom: 1).0
        }
        return (rest, content, buttonRow)
    }
}
