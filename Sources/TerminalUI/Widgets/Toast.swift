import Foundation

/// A bordered message box in the bottom-right corner of its area, shown until its state expires.
public struct Toast {
    /// The widest the box gets, border included; longer messages wrap.
    public var maxWidth: Int
    public var style: Style

    public init(maxWidth: Int = 40, style: Style = Style(modifiers: .reverse)) {
        self.maxWidth = maxWidth
        self.style = style
    }

    public func render(in area: Rect, buffer: inout Buffer, state: ToastState, now: Date) {
        let area = area.intersection(buffer.area)
        guard state.isVisible(at: now), !area.isEmpty else { return }
        let width = min(area.width, max(maxWidth, 5), DisplayWidth.of(state.text) + 4)
        let lines = DisplayWidth.wrap(state.text, width: max(width - 4, 1))
        let height = min(area.height, lines.count + 2)
        let box = Rect(x: area.right - width, y: area.bottom - height, width: width, height: height)
        Dialog(title: "", body: state.text, preferredWidth: width, styles: DialogStyles(box: style, body: style))
            .render(in: box, buffer: &buffer)
    }
}
