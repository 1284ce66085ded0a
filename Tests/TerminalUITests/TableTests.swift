import Testing
import TerminalUI

@Suite("Table")
struct TableTests {
    let columns = [
        TableColumn("Name", width: .flex(min: 10, weight: 2)),
        TableColumn("Status", width: .fixed(8)),
        TableColumn("Team", width: .flex(min: 6, weight: 1)),
        TableColumn("Replicas", width: .fixed(8), alignment: .right),
    ]
    let rows = [
        ["Распознавание лиц", "Running", "Команда ML", "3"],
        ["fraud-detector", "Failed", "Risk", "12"],
        ["Рекомендательная система для маркетплейса", "Pending", "Growth", "0"],
        ["漢字モデル", "Running", "Platform", "1"],
    ]

    func render(width: Int, height: Int, state: inout TableState) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let rows = rows
        Table(columns: columns, rowCount: rows.count) { rows[$0] }.render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer
    }

    @Test("At 60 columns every column shows; long and mixed-script text is cut by display width")
    func wideSnapshot() {
        var state = TableState(selected: 1)
        let buffer = render(width: 60, height: 8, state: &state)
        #expect(buffer.lines() == [
            "Name                        Status   Team           Replicas",
            "Распознавание лиц           Running  Команда ML            3",
            "fraud-detector              Failed   Risk                 12",
            "Рекомендательная система д… Pending  Growth                0",
            "漢字モデル                  Running  Platform              1",
            "                                                            ",
            "                                                            ",
            "                                                            ",
        ])
        #expect(buffer[0, 0].style.modifiers.contains(.bold))
        #expect((0..<60).allSatisfy { buffer[$0, 2].style.modifiers.contains(.reverse) })
        #expect(!buffer[0, 1].style.modifiers.contains(.reverse))
    }

    @Test("At 20 columns the columns that do not fit are dropped from the right")
    func narrowSnapshot() {
        var state = TableState()
        let buffer = render(width: 20, height: 6, state: &state)
        #expect(buffer.lines() == [
            "Name        Status  ",
            "Распознава… Running ",
            "fraud-dete… Failed  ",
            "Рекомендат… Pending ",
            "漢字モデル  Running ",
            "                    ",
        ])
    }

    @Test("Tiny and empty areas draw nothing outside the area", arguments: [
        Rect(x: 2, y: 2, width: 1, height: 1),
        Rect(x: 2, y: 2, width: 0, height: 0),
        Rect(x: 1, y: 1, width: 3, height: 1),
        Rect(x: 3, y: 3, width: 10, height: 10),
    ])
    func tinyAreas(area: Rect) {
        var buffer = Buffer(width: 5, height: 5)
        buffer.fill(buffer.area, with: Cell(symbol: "·"))
        var state = TableState(selected: 3)
        let rows = rows
        Table(columns: columns, rowCount: rows.count) { rows[$0] }.render(in: area, buffer: &buffer, state: &state)
        for y in 0..<5 {
            for x in 0..<5 where area.intersection(Rect(x: x, y: y, width: 1, height: 1)).isEmpty {
                #expect(buffer[x, y].symbol == "·", "cell \(x),\(y) outside \(area) was drawn")
            }
        }
    }

    @Test("The selected row stays visible while moving and paging through many rows")
    func scrolling() throws {
        let table = Table(columns: [TableColumn("Job", width: .flex(min: 1, weight: 1))], rowCount: 100) { ["job \($0)"] }
        var state = TableState(selected: 0)
        var buffer = Buffer(width: 20, height: 6)
        for delta in [1, 1, 1, 1, 1, 1, 1, -1, -1, 50, 50, -20, -100, -1, 7] {
            state.moveSelection(by: delta, rowCount: 100)
            buffer = Buffer(width: 20, height: 6)
            table.render(in: buffer.area, buffer: &buffer, state: &state)
            let selected = try #require(state.selected)
            let line = 1 + selected - state.offset
            #expect((1...5).contains(line))
            #expect(buffer.lines()[line].hasPrefix("job \(selected) "))
            #expect(buffer[0, line].style.modifiers.contains(.reverse))
        }
        #expect(state == TableState(selected: 7, offset: 3))
    }

    @Test("Moving back up inside the visible rows does not scroll")
    func noNeedlessScroll() {
        let table = Table(columns: [TableColumn("Job", width: .fixed(8))], rowCount: 100) { ["job \($0)"] }
        var state = TableState(selected: 9)
        var buffer = Buffer(width: 10, height: 6)
        table.render(in: buffer.area, buffer: &buffer, state: &state)
        #expect(state.offset == 5)
        state.moveSelection(by: -2, rowCount: 100)
        table.render(in: buffer.area, buffer: &buffer, state: &state)
        #expect(state.offset == 5)
    }

    @Test("Selection is clamped to existing rows and cleared when there are none")
    func selectionClamping() {
        var state = TableState()
        state.moveSelection(by: 1, rowCount: 5)
        #expect(state.selected == 0)
        state.moveSelection(by: -1, rowCount: 5)
        #expect(state.selected == 0)
        state.moveSelection(by: 100, rowCount: 5)
        #expect(state.selected == 4)
        state.select(-3, rowCount: 5)
        #expect(state.selected == 0)
        state.moveSelection(by: 1, rowCount: 0)
        #expect(state.selected == nil)
        state.moveSelection(by: -1, rowCount: 5)
        #expect(state.selected == 4)
    }

    @Test("With a million rows only the visible ones are asked for")
    func virtualisation() {
        var calls = 0
        let table = Table(columns: [TableColumn("Run", width: .flex(min: 1, weight: 1))], rowCount: 1_000_000) { index in
            calls += 1
            return ["run \(index)"]
        }
        var state = TableState(selected: 500_000)
        var buffer = Buffer(width: 30, height: 8)
        table.render(in: buffer.area, buffer: &buffer, state: &state)
        #expect(calls <= 7)
        #expect(buffer.lines()[7].hasPrefix("run 500000 "))
    }
}

@Suite("Table headers and column limits")
struct TableSortAndLimitTests {
    @Test("the sorted column's header ends in ▲ or ▼, kept even when the title is cut")
    func sortIndicator() {
        var buffer = Buffer(width: 40, height: 3)
        let columns = [TableColumn("Название", width: .fixed(8)), TableColumn("Обновлено", width: .flex(min: 10, weight: 1))]
        var table = Table(columns: columns, rowCount: 1, row: { _ in ["Tesseract OCR", "8 июля"] }, sort: Table.Sort(column: 1, ascending: false))
        table.render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines()[0].hasPrefix("Название Обновлено ▼"))
        table.sort = Table.Sort(column: 0, ascending: true)
        buffer = Buffer(width: 40, height: 3)
        table.render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines()[0].hasPrefix("Назва… ▲ Обновлено"))
        #expect(buffer.lines()[1].hasPrefix("Tessera… 8 июля"))
    }

    @Test("a flex column stops at its maximum and the others take the rest")
    func maximum() {
        var buffer = Buffer(width: 50, height: 2)
        let columns = [TableColumn("A", width: .flex(min: 4, max: 10, weight: 5)), TableColumn("B", width: .flex(min: 4, weight: 1))]
        Table(columns: columns, rowCount: 1, row: { _ in [String(repeating: "a", count: 30), "b"] }).render(in: buffer.area, buffer: &buffer)
        let row = buffer.lines()[1]
        #expect(row.hasPrefix("aaaaaaaaa… b"))
        // B got everything A could not take: 50 - 10 - 1 = 39 columns.
        #expect(DisplayWidth.of(row) == 50)
        #expect(buffer.lines()[0].hasPrefix("A          B"))
    }
}
