/// A row of tab titles, " Модели (3) │ Эксперименты ", with the selected one highlighted. When the row
/// is too narrow the longest titles are shortened first, counts kept; when even that fails only the
/// selected tab is shown, between "‹" and "›" marks for the hidden ones.
public struct Tabs: Widget {
    public struct Item: Equatable, Sendable {
        public var title: String
        /// Shown after the title in parentheses, e.g. the number of items on the tab.
        public var count: Int?

        public init(_ title: String, count: Int? = nil) {
            self.title = title
            self.count = count
        }

        var suffix: String { count.map { " (\($0))" } ?? "" }
        var label: String { title + suffix }

        /// The label in at most `width` columns, cutting the title before the count.
        func label(fitting width: Int) -> String {
            if DisplayWidth.of(label) <= width { return label }
            let titleRoom = width - DisplayWidth.of(suffix)
            if titleRoom >= 2 { return DisplayWidth.truncate(title, to: titleRoom) + suffix }
            return DisplayWidth.truncate(label, to: width)
        }
    }

    public var items: [Item]
    public var styles: TabsStyles

    public init(_ items: [Item], styles: TabsStyles = TabsStyles()) {
        self.items = items
        self.styles = styles
    }

    /// The narrowest a shortened label may get before tabs are hidden instead.
    private static let minimumLabelWidth = 8

    /// Renders with the first tab selected.
    public func render(in area: Rect, buffer: inout Buffer) {
        render(in: area, buffer: &buffer, state: TabsState())
    }

    public func render(in area: Rect, buffer: inout Buffer, state: TabsState) {
        let row = area.intersection(buffer.area).rows(top: 1).0
        guard !row.isEmpty, !items.isEmpty else { return }
        buffer.fill(row, with: Cell(symbol: " ", style: styles.line))
        let selected = min(max(state.selected, 0), items.count - 1)
        // Each tab is " label " and tabs are separated by "│".
        let room = row.width - 3 * items.count + 1
        if let limit = labelLimit(room: room) {
            var x = row.x
            for (index, item) in items.enumerated() {
                if index > 0 {
                    x += buffer.setString(x: x, y: row.y, "│", style: styles.line.patched(with: styles.separator), maxWidth: row.right - x)
                }
                let text = " " + item.label(fitting: limit) + " "
                let style = index == selected ? styles.line.patched(with: styles.selected) : styles.line
                x += buffer.setString(x: x, y: row.y, text, style: style, maxWidth: row.right - x)
            }
        } else {
            let before = selected > 0 ? "‹" : " "
            let after = selected < items.count - 1 ? "›" : " "
            let inner = row.width - 2
            guard inner > 0 else {
                buffer.setString(x: row.x, y: row.y, DisplayWidth.truncate(items[selected].label, to: row.width), style: styles.line.patched(with: styles.selected), maxWidth: row.width)
                return
            }
            let text = DisplayWidth.pad(" " + items[selected].label(fitting: max(inner - 2, 1)) + " ", to: inner)
            buffer.setString(x: row.x, y: row.y, before, style: styles.line.patched(with: styles.separator))
            buffer.setString(x: row.x + 1, y: row.y, text, style: styles.line.patched(with: styles.selected), maxWidth: inner)
            buffer.setString(x: row.right - 1, y: row.y, after, style: styles.line.patched(with: styles.separator))
        }
    }

    /// The widest label allowed so that all labels fit in `room` columns, shortening only the longest
    /// ones; nil when they would have to get narrower than `minimumLabelWidth`.
    private func labelLimit(room: Int) -> Int? {
        let widths = items.map { DisplayWidth.of($0.label) }
        if widths.reduce(0, +) <= room { return widths.max() ?? 0 }
        var limit = widths.max() ?? 0
        while limit > Self.minimumLabelWidth {
            limit -= 1
            if widths.reduce(0, { $0 + min($1, limit) }) <= room { return limit }
        }
        return nil
    }
}
