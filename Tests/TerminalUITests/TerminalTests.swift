import Testing
import TerminalUI

@Suite("Terminal over a memory backend")
struct TerminalTests {
    @Test("The first frame writes every cell and becomes visible")
    func firstFrame() {
        let backend = MemoryBackend(width: 10, height: 3)
        let terminal = Terminal(backend: backend)
        terminal.draw { $0.setString(x: 0, y: 1, "hello", style: Style()) }
        #expect(backend.writtenCellCount == 30)
        #expect(backend.flushCount == 1)
        #expect(backend.screen.lines() == ["          ", "hello     ", "          "])
    }

    @Test("An unchanged frame writes nothing and does not flush; a change writes only its cells")
    func unchangedFrame() {
        let backend = MemoryBackend(width: 10, height: 3)
        let terminal = Terminal(backend: backend)
        terminal.draw { $0.setString(x: 0, y: 0, "hello", style: Style()) }
        terminal.draw { $0.setString(x: 0, y: 0, "hello", style: Style()) }
        #expect(backend.writtenCellCount == 30)
        #expect(backend.flushCount == 1)

        terminal.draw { $0.setString(x: 0, y: 0, "help", style: Style()) }
        #expect(backend.writtenCellCount == 32)
        #expect(backend.flushCount == 2)
        #expect(backend.screen.lines()[0] == "help      ")
    }

    @Test("Moving the selection in a table rewrites only the two rows involved")
    func selectionMove() {
        let backend = MemoryBackend(width: 30, height: 6)
        let terminal = Terminal(backend: backend)
        let table = Table(columns: [TableColumn("Model", width: .flex(min: 5, weight: 1))], rowCount: 10) { ["model-\($0)"] }
        var state = TableState(selected: 1)
        terminal.draw { table.render(in: $0.area, buffer: &$0, state: &state) }
        let before = backend.writtenCellCount

        state.moveSelection(by: 1, rowCount: 10)
        terminal.draw { table.render(in: $0.area, buffer: &$0, state: &state) }
        #expect(backend.writtenCellCount - before == 60)
        #expect(Set(backend.lastWrite.map(\.y)) == [2, 3])
        #expect(!backend.screen[0, 2].style.modifiers.contains(.reverse))
        #expect(backend.screen[29, 3].style.modifiers.contains(.reverse))
    }

    @Test("After a resize the next frame repaints everything at the new size")
    func resize() {
        let backend = MemoryBackend(width: 10, height: 3)
        let terminal = Terminal(backend: backend)
        terminal.draw { $0.setString(x: 0, y: 0, "hello", style: Style()) }
        backend.push(.resize(width: 6, height: 2))
        terminal.draw { $0.setString(x: 0, y: 0, "hello world", style: Style()) }
        #expect(backend.writtenCellCount == 30 + 12)
        #expect(backend.screen.lines() == ["hello ", "      "])
        #expect(backend.readEvent(timeoutMilliseconds: 0) == .resize(width: 6, height: 2))
    }

    @Test("invalidate() makes the next frame repaint fully even if nothing changed")
    func invalidation() {
        let backend = MemoryBackend(width: 4, height: 2)
        let terminal = Terminal(backend: backend)
        terminal.draw { $0.setString(x: 0, y: 0, "ok", style: Style()) }
        terminal.invalidate()
        terminal.draw { $0.setString(x: 0, y: 0, "ok", style: Style()) }
        #expect(backend.writtenCellCount == 16)
        #expect(backend.flushCount == 2)
        #expect(backend.screen.lines() == ["ok  ", "    "])
    }
}
