/// A button drawn as "[ Создать ]". It has no state of its own: the `Form` or dialog that shows it
/// knows whether it has focus and reports its activation.
public struct Button: Widget {
    public var label: String
    public var isFocused: Bool
    public var isEnabled: Bool
    public var styles: ButtonStyles

    public init(_ label: String, isFocused: Bool = false, isEnabled: Bool = true, styles: ButtonStyles = ButtonStyles()) {
        self.label = label
        self.isFocused = isFocused
        self.isEnabled = isEnabled
        self.styles = styles
    }

    /// Columns the button takes when it is not cut.
    public var width: Int { DisplayWidth.of(label) + 4 }

    /// Draws in the first row of `area`; a narrow area cuts the label, keeping the closing bracket
    /// while there is room for it.
    public func render(in area: Rect, buffer: inout Buffer) {
        let row = area.intersection(buffer.area).rows(top: 1).0
        guard !row.isEmpty else { return }
        var style = styles.normal
        if !isEnabled { style = style.patched(with: styles.disabled) }
        if isFocused { style = style.patched(with: styles.focused) }
        let text: String
        if row.width >= width {
            text = "[ \(label) ]"
        } else if row.width >= 5 {
            text = "[ " + DisplayWidth.truncate(label, to: row.width - 4) + " ]"
        } else {
            text = DisplayWidth.truncate(label, to: row.width)
        }
        buffer.setString(x: row.x, y: row.y, text, style: style, maxWidth: row.width)
    }
}
