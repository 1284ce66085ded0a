import Testing
import TerminalUI

@Suite("Dialog")
struct DialogTests {
    let dialog = Dialog(
        title: "Ошибка", body: "Platform unreachable: connection refused", buttons: ["OK"], focusedButton: 0,
        preferredWidth: 30)

    func render(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        dialog.render(in: buffer.area, buffer: &buffer)
        return buffer
    }

    @Test("A centred box with the title in its border, wrapped body and the button")
    func snapshot() {
        #expect(render(width: 34, height: 8).lines() == [
            "                                  ",
            "  ┌─ Ошибка ───────────────────┐  ",
            "  │ Platform unreachable:      │  ",
            "  │ connection refused         │  ",
            "  │                            │  ",
            "  │           [ OK ]           │  ",
            "  └────────────────────────────┘  ",
            "                                  ",
        ])
    }

    @Test("At 20×6 and below it shrinks to the area, the button kept first")
    func small() {
        #expect(render(width: 20, height: 6).lines() == [
            "┌─ Ошибка ─────────┐",
            "│ Platform         │",
            "│ unreachable:     │",
            "│                  │",
            "│      [ OK ]      │",
            "└──────────────────┘",
        ])
        #expect(render(width: 1, height: 1).lines() == [" "])
        #expect(render(width: 0, height: 0).lines() == [])
    }
}
