import Foundation
import Model
import TerminalUI

/// The Приложения screen: the applications the user can see, one per row, narrowed by the `/`
/// filter (substring, else fuzzy, on name, slug, team and author) and sorted by a column.
struct ApplicationListScreen: Sendable {
    private(set) var applications: [Application] = []
    private(set) var table = TableState()
    /// Body rows the table has on screen; kept from resizes so that `update` can scroll.
    private var visibleRows = 10
    /// The filter in force ("" for none) and, while it is being typed, its line.
    private(set) var query = ""
    private(set) var filterLine: FilterState?
    /// The column sorted by, if any; otherwise the platform's order (newest change first), or the
    /// best matches first while a filter is in force.
    private(set) var sort: Table.Sort?
    /// Indices into `applications` of the rows shown, in order.
    private var shown: [Int] = []

    var isFiltering: Bool { filterLine != nil }

    var selected: Application? {
        table.selected.flatMap { shown.indices.contains($0) ? applications[shown[$0]] : nil }
    }

    /// The rows on screen, filtered and sorted.
    var visible: [Application] { shown.map { applications[$0] } }

    /// Replaces the list, keeping the same application selected if it is still there.
    mutating func show(_ applications: [Application]) {
        let keep = selected?.slug
        self.applications = applications
        arrange(keeping: keep)
    }

    /// Filters and sorts again, keeping `slug` selected when it is still shown.
    private mutating func arrange(keeping slug: String?) {
        var indices = Array(applications.indices)
        var scores: [Int: Int] = [:]
        if !query.isEmpty {
            for index in indices {
                let app = applications[index]
                let best = [app.name, app.slug, app.team, app.author].compactMap { Filter.score($0, query: query) }.max()
                if let best { scores[index] = best }
            }
            indices = indices.filter { scores[$0] != nil }
        }
        if let sort {
            let key = Self.sortKey(column: sort.column)
            indices.sort { a, b in
                let (x, y) = (key(applications[a]), key(applications[b]))
                return x == y ? a < b : (sort.ascending ? x < y : x > y)
            }
        } else if !query.isEmpty {
            indices.sort { (scores[$0] ?? 0, -$0) > (scores[$1] ?? 0, -$1) }
        }
        shown = indices
        let index = slug.flatMap { slug in shown.firstIndex { applications[$0].slug == slug } } ?? (shown.isEmpty ? nil : 0)
        table.select(index, rowCount: shown.count)
        table.keepSelectionVisible(visibleRows: visibleRows, rowCount: shown.count)
    }

    /// What a column sorts by, as text that orders the way a person expects.
    private static func sortKey(column: Int) -> (Application) -> String {
        switch column {
        case 1: { $0.slug }
        case 2: { $0.team }
        case 3: { "\($0.status.phase.rawValue)" }
        case 4: { String(format: "%06d", $0.components.total) }
        case 5: { String(format: "%020.3f", $0.updatedAt.timeIntervalSince1970) }
        case 6: { $0.author }
        default: { $0.name.lowercased() }
        }
    }

    static let columnCount = 7

    /// The screen area the list gets changed size (the table spends one line on its header).
    mutating func resize(height: Int) {
        visibleRows = max(1, height - 1)
        table.keepSelectionVisible(visibleRows: visibleRows, rowCount: shown.count)
    }

    /// A key while the filter line is open: the list narrows as the user types; Enter keeps the
    /// filter and closes the line, Esc clears it.
    mutating func filterKey(_ key: Key) {
        guard var line = filterLine else { return }
        let keep = selected?.slug
        switch line.handle(key) {
        case .changed(let text):
            query = text
            filterLine = line
        case .applied(let text):
            query = text
            filterLine = nil
        case .cancelled:
            query = ""
            filterLine = nil
        case .edited, .ignored:
            filterLine = line
        }
        arrange(keeping: keep)
    }

    /// Carries out a keymap command (see keymaps/*.toml); false for those it has no use for.
    mutating func perform(_ command: KeyAction) -> Bool {
        defer { table.keepSelectionVisible(visibleRows: visibleRows, rowCount: shown.count) }
        if ScreenDrawing.move(&table, command: command, rowCount: shown.count, page: visibleRows) { return true }
        switch command {
        case .filter: filterLine = FilterState(query: query)
        case .back where !query.isEmpty:
            query = ""
            arrange(keeping: selected?.slug)
        case .sort:
            // Each press sorts by the next column, ascending then descending; after the last, off.
            switch sort {
            case nil: sort = Table.Sort(column: 0, ascending: true)
            case let current? where current.ascending: sort = Table.Sort(column: current.column, ascending: false)
            case let current?: sort = current.column + 1 < Self.columnCount ? Table.Sort(column: current.column + 1, ascending: true) : nil
            }
            arrange(keeping: selected?.slug)
        default: return false
        }
        return true
    }

    /// Draws the table, or the empty state once we know there is nothing to show.
    func render(in area: Rect, buffer: inout Buffer, language: Language, dates: DateText, palette: Palette, loaded: Bool) {
        guard !area.isEmpty else { return }
        var area = area
        if filterLine != nil || !query.isEmpty {
            let line: Rect
            (area, line) = area.rows(bottom: min(1, area.height))
            var state = filterLine ?? FilterState(query: query)
            Filter(count: (shown.count, applications.count),
                   styles: FilterStyles(prompt: palette.title, field: palette.field, count: palette.dim))
                .render(in: line, buffer: &buffer, state: &state)
            guard !area.isEmpty else { return }
        }
        if shown.isEmpty {
            let title = loaded ? Catalog.emptyTitle : Catalog.loading
            let middle = area.y + area.height / 2
            centre(title.text(in: language), y: middle - (loaded ? 1 : 0), in: area, style: palette.title, buffer: &buffer)
            if loaded {
                let hint = applications.isEmpty ? Catalog.emptyHint : Catalog.nothingMatches
                centre(hint.text(in: language), y: middle, in: area, style: palette.dim, buffer: &buffer)
            }
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
        let shown = shown
        let table = Table(
            columns: columns, rowCount: shown.count,
            row: { index in
                let app = applications[shown[index]]
                let c = app.components
                return [
                    app.name, app.slug, app.team,
                    "\(Palette.mark(app.status.phase)) \(app.status.phase.label.text(in: language))",
                    "\(c.mlComponents)/\(c.pipelines)/\(c.dataBoxes)/\(c.apiComponents)",
                    dates.full(app.updatedAt), app.author,
                ]
            },
            styles: TableStyles(header: palette.tableHeader, row: palette.tableRow, selected: palette.tableSelected,
                                selectionExtent: .firstColumn),
            sort: sort)
        var state = self.table
        table.render(in: area, buffer: &buffer, state: &state)
    }

    private func centre(_ text: String, y: Int, in area: Rect, style: Style, buffer: inout Buffer) {
        let fitted = DisplayWidth.truncate(text, to: area.width)
        let x = area.x + max(0, (area.width - DisplayWidth.of(fitted)) / 2)
        buffer.setString(x: x, y: y, fitted, style: style, maxWidth: area.right - x)
    }
}
