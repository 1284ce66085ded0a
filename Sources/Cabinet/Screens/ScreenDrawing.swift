import Client
import Model
import TerminalUI

/// Drawing helpers the screens share.
enum ScreenDrawing {
    /// A component's status line, "Развернуто: Работает на 127.0.0.1:8002": its reason and its
    /// message in the cabinet's language (from their codes), else as the platform wrote them.
    static func statusLine(_ status: Status, context: ScreenContext) -> String {
        let reason = status.reason.map { Catalog.reason($0).map(context.text) ?? $0 }
        return [reason, status.words.map(context.text)].compactMap { $0 }.joined(separator: ": ")
    }

    static func centre(_ text: String, y: Int, in area: Rect, style: Style, buffer: inout Buffer) {
        guard y >= area.y, y < area.bottom else { return }
        let fitted = DisplayWidth.truncate(text, to: area.width)
        let x = area.x + max(0, (area.width - DisplayWidth.of(fitted)) / 2)
        buffer.setString(x: x, y: y, fitted, style: style, maxWidth: area.right - x)
    }

    static func line(_ text: String, y: Int, in area: Rect, style: Style, buffer: inout Buffer) {
        guard y >= area.y, y < area.bottom, area.width > 0 else { return }
        buffer.setString(x: area.x, y: y, DisplayWidth.truncate(text, to: area.width), style: style, maxWidth: area.width)
    }

    /// "Пока пусто" with a hint under it, in the middle of `area`.
    static func empty(_ hint: String?, in area: Rect, context: ScreenContext, buffer: inout Buffer) {
        let middle = area.y + area.height / 2
        centre(context.text(Catalog.emptyTitle), y: middle - (hint == nil ? 0 : 1), in: area, style: context.palette.title, buffer: &buffer)
        if let hint { centre(hint, y: middle, in: area, style: context.palette.dim, buffer: &buffer) }
    }

    /// Nothing cached and nothing fetched yet: loading, or why it failed.
    static func waiting(for resource: Resource, in area: Rect, context: ScreenContext, buffer: inout Buffer) {
        let text = context.store.failure(resource).map { Self.describe($0, in: context.language) } ?? context.text(Catalog.loading)
        centre(text, y: area.y + area.height / 2, in: area, style: context.palette.dim, buffer: &buffer)
    }

    /// What went wrong, for a message: the platform's own words for a refusal; for a platform that
    /// cannot be reached, the cabinet's, in the user's language (never the transport's English).
    static func describe(_ error: PlatformClientError, in language: Language) -> String {
        switch error {
        case .rejected(_, let title, let detail, _): detail ?? title
        case .unreachable: Catalog.offlineStatus.text(in: language)
        case .unauthorized(let why), .unexpected(let why): why
        }
    }

    /// A table of `rows` with the shared styles, the selection kept visible.
    static func table(_ columns: [TableColumn], rows: [[String]], state: TableState, in area: Rect, context: ScreenContext, buffer: inout Buffer) {
        let table = Table(
            columns: columns, rowCount: rows.count, row: { rows.indices.contains($0) ? rows[$0] : [] },
            styles: TableStyles(header: context.palette.tableHeader, row: context.palette.tableRow, selected: context.palette.tableSelected))
        var state = state
        table.render(in: area, buffer: &buffer, state: &state)
    }

    /// Moves a table selection for the list commands; true when the command was one of them.
    static func move(_ state: inout TableState, command: KeyAction?, rowCount: Int, page: Int = 10) -> Bool {
        switch command {
        case .moveDown: state.moveSelection(by: 1, rowCount: rowCount)
        case .moveUp: state.moveSelection(by: -1, rowCount: rowCount)
        case .pageDown: state.moveSelection(by: page, rowCount: rowCount)
        case .pageUp: state.moveSelection(by: -page, rowCount: rowCount)
        case .gotoTop: state.select(rowCount == 0 ? nil : 0, rowCount: rowCount)
        case .gotoBottom: state.select(rowCount == 0 ? nil : rowCount - 1, rowCount: rowCount)
        default: return false
        }
        return true
    }
}
