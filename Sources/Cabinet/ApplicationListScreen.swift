import Foundation
import Model
import TerminalUI

/// The Приложения screen: the applications the user can see, one per row.
struct ApplicationListScreen: Sendable {
    enum Action: Equatable, Sendable {
        case none
        case refresh
        case quit
    }

    private(set) var applications: [Application] = []
    private(set) var table = TableState()
    /// Body rows the table has on screen; kept from resizes so that `update` can scroll.
    private var visibleRows = 10

    var selected: Application? {
        table.selected.flatMap { applications.indices.contains($0) ? applications[$0] : nil }
    }

    /// Replaces the list, keeping the same application selected if it is still there.
    mutating func show(_ applications: [Application]) {
        let keep = selected?.slug
        self.applications = applications
        let index = keep.flatMap { slug in applications.firstIndex { $0.slug == slug } } ?? (applications.isEmpty ? nil : 0)
        table.select(index, rowCount: applications.count)
        table.keepSelectionVisible(visibleRows: visibleRows, rowCount: applications.count)
    }

    /// The screen area the list gets changed size (the table spends one line on its header).
    mutating func resize(height: Int) {
        visibleRows = max(1, height - 1)
        table.keepSelectionVisible(visibleRows: visibleRows, rowCount: applications.count)
    }

    /// Carries out a keymap command (see keymaps/*.toml); unknown ones do nothing.
    mutating func perform(_ command: String) -> Action {
        defer { table.keepSelectionVisible(visibleRows: visibleRows, rowCount: applications.count) }
        let count = applications.count
        switch command {
        case "move_down": table.moveSelection(by: 1, rowCount: count)
        case "move_up": table.moveSelection(by: -1, rowCount: count)
        case "page_down": table.moveSelection(by: visibleRows, rowCount: count)
        case "page_up": table.moveSelection(by: -visibleRows, rowCount: count)
        case "goto_top": table.select(count == 0 ? nil : 0, rowCount: count)
        case "goto_bottom": table.select(count == 0 ? nil : count - 1, rowCount: count)
        case "refresh": return .refresh
        case "quit": return .quit
        default: break
        }
        return .none
    }

    /// Draws the table, or the empty state once we know there is nothing to show.
    func render(in area: Rect, buffer: inout Buffer, language: Language, dates: DateText, palette: Palette, loaded: Bool) {
        guard !area.isEmpty else { return }
        if applications.isEmpty {
            let title = loaded ? Catalog.emptyTitle : Catalog.loading
            let middle = area.y + area.height / 2
            centre(title.text(in: language), y: middle - (loaded ? 1 : 0), in: area, style: palette.title, buffer: &buffer)
            if loaded { centre(Catalog.emptyHint.text(in: language), y: middle, in: area, style: palette.dim, buffer: &buffer) }
            return
        }
        let columns = [
            TableColumn(Catalog.columnName.text(in: language), width: .flex(min: 12, weight: 3)),
            TableColumn(Catalog.columnSlug.text(in: language), width: .flex(min: 10, weight: 2)),
            TableColumn(Catalog.columnTeam.text(in: language), width: .fixed(7)),
            TableColumn(Catalog.columnStatus.text(in: language), width: .fixed(language == .ru ? 22 : 15)),
            TableColumn(Catalog.columnComponents.text(in: language), width: .fixed(10)),
            TableColumn(Catalog.columnUpdated.text(in: language), width: .fixed(23)),
            TableColumn(Catalog.columnAuthor.text(in: language), width: .flex(min: 8, weight: 1)),
        ]
        let applications = applications
        let table = Table(
            columns: columns, rowCount: applications.count,
            row: { index in
                let app = applications[index]
                let c = app.components
                return [
                    app.name, app.slug, app.team,
                    "\(Palette.mark(app.status.phase)) \(app.status.phase.label.text(in: language))",
                    "\(c.mlComponents)/\(c.pipelines)/\(c.dataBoxes)/\(c.apiComponents)",
                    dates.full(app.updatedAt), app.author,
                ]
            },
            styles: TableStyles(header: palette.tableHeader, row: palette.tableRow, selected: palette.tableSelected,
                                selectionExtent: .firstColumn))
        var state = self.table
        table.render(in: area, buffer: &buffer, state: &state)
    }

    private func centre(_ text: String, y: Int, in area: Rect, style: Style, buffer: inout Buffer) {
        let fitted = DisplayWidth.truncate(text, to: area.width)
        let x = area.x + max(0, (area.width - DisplayWidth.of(fitted)) / 2)
        buffer.setString(x: x, y: y, fitted, style: style, maxWidth: area.right - x)
    }
}
