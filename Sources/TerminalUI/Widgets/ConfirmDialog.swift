/// A `Dialog` for destructive actions: it asks the user to type a name, and its confirm button stays
/// disabled until the name matches (see `ConfirmDialogState`).
public struct ConfirmDialog: Widget {
    public var title: String
    /// What will happen and what to type, e.g. "Удалить приложение fraud-detector? Введите его имя.".
    public var message: String
    public var confirmLabel: String
    public var cancelLabel: String
    /// Shown under the input after Enter with a wrong name.
    public var hint: String
    public var preferredWidth: Int
    public var styles: DialogStyles
    public var inputStyles: TextFieldStyles
    public var hintStyle: Style

    public init(
        title: String, message: String, confirmLabel: String = "Удалить", cancelLabel: String = "Отмена",
        hint: String = "Имя не совпадает", preferredWidth: Int = 50, styles: DialogStyles = DialogStyles(),
        inputStyles: TextFieldStyles = TextFieldStyles(), hintStyle: Style = Style(fg: .indexed(1))
    ) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.hint = hint
        self.preferredWidth = preferredWidth
        self.styles = styles
        self.inputStyles = inputStyles
        self.hintStyle = hintStyle
    }

    /// Renders the dialog with nothing typed yet.
    public func render(in area: Rect, buffer: inout Buffer) {
        var state = ConfirmDialogState(expected: "")
        render(in: area, buffer: &buffer, state: &state)
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout ConfirmDialogState) {
        let dialog = Dialog(
            title: title, body: message, buttons: [confirmLabel, cancelLabel],
            focusedButton: state.isConfirmable ? 0 : nil, disabledButtons: state.isConfirmable ? [] : [0],
            contentHeight: 2, preferredWidth: preferredWidth, styles: styles)
        dialog.render(in: area, buffer: &buffer)
        let content = dialog.contentArea(in: area.intersection(buffer.area))
        let (inputRow, hintRow) = content.rows(top: 1)
        TextField(placeholder: state.expected, isFocused: true, styles: inputStyles)
            .render(in: inputRow, buffer: &buffer, state: &state.input)
        if state.showsHint && !hintRow.isEmpty {
            buffer.setString(
                x: hintRow.x, y: hintRow.y, DisplayWidth.truncate(hint, to: hintRow.width), style: hintStyle,
                maxWidth: hintRow.width)
        }
    }
}
