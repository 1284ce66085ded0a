import Testing
import TerminalUI

@Suite("Confirm dialog")
struct ConfirmDialogTests {
    let dialog = ConfirmDialog(
        title: "Удаление", message: "Удалить приложение fraud-detector? Введите его имя.", preferredWidth: 40)

    func render(_ state: inout ConfirmDialogState, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        dialog.render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer
    }

    @Test("Enter does nothing until the exact name is typed, and shows a hint")
    func typingTheName() {
        var state = ConfirmDialogState(expected: "fraud-detector")
        #expect(state.handle(.enter) == .none)
        #expect(state.showsHint)
        for character in "fraud-detecto" { #expect(state.handle(.char(character)) == .none) }
        #expect(!state.showsHint)
        #expect(state.handle(.enter) == .none)
        #expect(state.handle(.char("r")) == .none)
        #expect(state.isConfirmable)
        #expect(state.handle(.enter) == .confirmed)
    }

    @Test("Esc cancels at any time")
    func escape() {
        var state = ConfirmDialogState(expected: "модель")
        #expect(state.handle(.char("м")) == .none)
        #expect(state.handle(.escape) == .cancelled)
    }

    @Test("Snapshot at 44×12: title, wrapped message, input with the name as placeholder, hint, buttons")
    func snapshot() {
        var state = ConfirmDialogState(expected: "fraud-detector")
        _ = state.handle(.enter)
        let buffer = render(&state, width: 44, height: 12)
        #expect(buffer.lines() == [
            "                                            ",
            "  ┌─ Удаление ───────────────────────────┐  ",
            "  │ Удалить приложение fraud-detector?   │  ",
            "  │ Введите его имя.                     │  ",
            "  │                                      │  ",
            "  │ fraud-detector                       │  ",
            "  │ Имя не совпадает                     │  ",
            "  │                                      │  ",
            "  │       [ Удалить ]  [ Отмена ]        │  ",
            "  └──────────────────────────────────────┘  ",
            "                                            ",
            "                                            ",
        ])
        // The confirm button is disabled until the name matches.
        #expect(buffer[12, 8].style.modifiers.contains(.dim))
    }

    @Test("At 20×6 and smaller the buttons and input win over the message; nothing leaves the area")
    func small() {
        var state = ConfirmDialogState(expected: "fraud-detector")
        #expect(render(&state, width: 20, height: 6).lines() == [
            "┌─ Удаление ───────┐",
            "│ fraud-detector   │",
            "│                  │",
            "│                  │",
            "│ [ Удалить ]  От… │",
            "└──────────────────┘",
        ])
        #expect(render(&state, width: 1, height: 1).lines() == [" "])
        #expect(render(&state, width: 0, height: 0).lines() == [])
    }

    @Test("Monkey: 50,000 random keys and sizes never draw outside the area")
    func monkey() async {
        var state = ConfirmDialogState(expected: "распознавание-лиц")
        await Monkey.run(seed: 5, step: { key in
            if state.handle(key) != .none { state = ConfirmDialogState(expected: "распознавание-лиц") }
        }) { area, buffer in
            dialog.render(in: area, buffer: &buffer, state: &state)
        }
    }
}
