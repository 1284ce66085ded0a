import TerminalUI

/// The frame both measurements draw: a 200×50 screen filled by a 10,000-row table of 7 columns with
/// Russian and English text, laid out and styled like the cabinet's application list.
public enum TableFixture {
    public static let width = 200
    public static let height = 50
    public static let rowCount = 10_000

    /// Deterministic rows, built once; the table asks only for the rows on screen.
    public static func rows(count: Int = rowCount) -> [[String]] {
        let names = [
            "Распознавание лиц", "fraud-detector", "Рекомендательная система для маркетплейса",
            "churn-prediction", "Классификатор обращений", "demand-forecast", "Поиск по каталогу",
        ]
        let teams = ["Команда ML", "Risk", "Growth", "Platform", "Поиск"]
        let statuses = ["● Работает", "● Running", "◌ Ожидает", "✕ Failed", "◌ Pending"]
        let authors = ["Иван Петров", "anna.smirnova", "Ольга Кузнецова", "d.volkov", "Мария Соколова"]
        return (0..<count).map { index in
            [
                "\(names[index % names.count]) №\(index)",
                "app-\(index)-\(["vision", "risk", "recsys", "churn", "nlp"][index % 5])",
                teams[index % teams.count],
                statuses[index % statuses.count],
                "\(index % 7)/\(index % 3)/\(index % 5)/\(index % 2)",
                "2026-11-\(10 + index % 18) 1\(index % 10):\(10 + index % 50):00 UTC",
                authors[index % authors.count],
            ]
        }
    }

    public static func table(rows: [[String]]) -> Table {
        let columns = [
            TableColumn("Название", width: .flex(min: 12, weight: 3)),
            TableColumn("Slug", width: .flex(min: 10, weight: 2)),
            TableColumn("Команда", width: .fixed(10)),
            TableColumn("Статус", width: .fixed(22)),
            TableColumn("ML/Pipe/Data/API", width: .fixed(16)),
            TableColumn("Обновлено", width: .fixed(23)),
            TableColumn("Автор", width: .flex(min: 8, weight: 1)),
        ]
        return Table(
            columns: columns, rowCount: rows.count, row: { rows[$0] },
            styles: TableStyles(
                header: Style(fg: .indexed(250), modifiers: [.bold, .underline]),
                row: Style(),
                selected: Style(fg: .indexed(16), bg: .indexed(153)), selectionExtent: .firstColumn))
    }
}

/// A `Terminal` showing the fixture's table, whose selection moves one row per step.
public final class SelectionScenario {
    public let terminal: Terminal
    public private(set) var state: TableState
    private let table: Table
    private var direction = 1
    /// The body's first line on screen while moving within the page (the header takes one line).
    private let pageTop: Int
    private var bodyHeight: Int { TableFixture.height - 1 }

    /// Starts with the selection in the middle of the rows, `pageTop` at the top of the body.
    public init(backend: any TerminalBackend, rows: [[String]]) {
        terminal = Terminal(backend: backend)
        table = TableFixture.table(rows: rows)
        pageTop = rows.count / 2 - 20
        state = TableState(selected: rows.count / 2, offset: pageTop)
    }

    /// Renders the frame for the current state; `Terminal` sends only the cells that changed.
    public func draw() {
        terminal.draw { buffer in
            table.render(in: buffer.area, buffer: &buffer, state: &state)
        }
    }

    /// One row up or down without scrolling: the selection bounces between the first and last line
    /// of the page, so every step changes exactly two table lines.
    public func moveWithinPage() {
        guard let selected = state.selected else { return }
        if selected + direction >= pageTop + bodyHeight || selected + direction < pageTop { direction = -direction }
        state.moveSelection(by: direction, rowCount: table.rowCount)
        draw()
        precondition(state.offset == pageTop, "the page scrolled")
    }

    /// One row down from the last line of the page, which scrolls every line of the body by one.
    /// At the last row it jumps back to the middle (a full-body change, once in ~5,000 steps).
    public func scrollDown() {
        if state.selected == table.rowCount - 1 {
            state = TableState(selected: table.rowCount / 2, offset: table.rowCount / 2 - bodyHeight + 1)
        } else {
            if let selected = state.selected, selected != state.offset + bodyHeight - 1 {
                state.select(state.offset + bodyHeight - 1, rowCount: table.rowCount)
            }
            state.moveSelection(by: 1, rowCount: table.rowCount)
        }
        draw()
    }
}
