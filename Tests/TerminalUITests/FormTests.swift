import Testing
import TerminalUI

@Suite("Form")
struct FormTests {
    func newForm() -> FormState {
        FormState(fields: [
            FormField(id: "name", label: "Название", kind: .text(TextFieldState(), placeholder: "fraud-detector")),
            FormField(id: "framework", label: "Фреймворк", kind: .select(SelectState(options: ["PyTorch", "ONNX"]))),
            FormField(id: "about", label: "Описание", kind: .textArea(TextAreaState(maxLength: 1000), height: 2)),
            FormField(id: "actions", label: "", kind: .buttons(["Создать", "Отмена"])),
        ])
    }

    func render(_ state: inout FormState, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        Form(spacing: 0).render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer
    }

    func type(_ text: String, _ state: inout FormState) {
        for character in text { #expect(state.handle(.char(character)) == .none) }
    }

    @Test("a field's error goes once its value changes, not when the cursor moves or another field changes")
    func errorGoesWithTheEdit() {
        var state = newForm()
        type("taken", &state)
        state.setError("занято", for: "name")
        state.setError("не тот", for: "framework")
        _ = state.handle(.left)
        _ = state.handle(.home)
        #expect(state["name"]?.error == "занято", "the same value, the same error")
        _ = state.handle(.end)
        _ = state.handle(.backspace)
        #expect(state["name"]?.error == nil)
        #expect(state["framework"]?.error == "не тот", "another field's error is its own")
        _ = state.handle(.tab)
        _ = state.handle(.enter)
        _ = state.handle(.escape)
        #expect(state["framework"]?.error == "не тот", "a select opened and closed is the same choice")
    }

    @Test("relabel takes another language's words and keeps what was typed, chosen and focused, and the errors")
    func relabel() {
        var state = newForm()
        type("Распознавание", &state)
        _ = state.handle(.tab)
        _ = state.handle(.enter)
        _ = state.handle(.down)
        _ = state.handle(.enter)
        state.setError("занято", for: "name")
        let english = FormState(fields: [
            FormField(id: "name", label: "Name", kind: .text(TextFieldState(), placeholder: "my-detector")),
            FormField(id: "framework", label: "Framework", kind: .select(SelectState(options: ["PyTorch (GPU)", "ONNX (CPU)"]))),
            FormField(id: "about", label: "Description", kind: .textArea(TextAreaState(maxLength: 1000), placeholder: "What it does", height: 2)),
            FormField(id: "actions", label: "", kind: .buttons(["Create", "Cancel"])),
        ])
        let focus = state.focusedField
        state.relabel(from: english)
        #expect(state.fields.map(\.label) == ["Name", "Framework", "Description", ""])
        #expect(state.value(of: "name") == "Распознавание")
        #expect(state.value(of: "framework") == "ONNX (CPU)", "the same option, by its new name")
        #expect(state["name"]?.error == "занято")
        #expect(state.focusedField == focus)
        #expect(state["actions"]?.kind == .buttons(["Create", "Cancel"]))
        let text = render(&state, width: 40, height: 12).lines().joined(separator: "\n")
        #expect(text.contains("Name") && text.contains("Create") && !text.contains("Создать"), "\(text)")
    }

    @Test("Typing fills the focused field; Tab and Enter move on; the values stay in the state")
    func filling() {
        var state = newForm()
        type("Распознавание", &state)
        #expect(state.handle(.tab) == .none)
        #expect(state.handle(.enter) == .none)
        #expect(state.handle(.down) == .none)
        #expect(state.handle(.enter) == .none)
        #expect(state.value(of: "framework") == "ONNX")
        #expect(state.handle(.tab) == .none)
        type("Ищет лица", &state)
        #expect(state.handle(.enter) == .none)
        type("v2", &state)
        #expect(state.value(of: "name") == "Распознавание")
        #expect(state.value(of: "about") == "Ищет лица\nv2")
        #expect(state.handle(.tab) == .none)
        #expect(state.focusedField == 3)
        #expect(state.handle(.enter) == .submitted(0))
        #expect(state.handle(.right) == .none)
        #expect(state.handle(.char(" ")) == .submitted(1))
    }

    @Test("At 20×6 the focused field is scrolled into view, its label bold")
    func snapshot() {
        var state = newForm()
        type("Модель", &state)
        let top = render(&state, width: 20, height: 6)
        #expect(top.lines() == [
            "Название            ",
            "Модель              ",
            "Фреймворк           ",
            "                   ▾",
            "Описание            ",
            "                    ",
        ])
        #expect(top[0, 0].style.modifiers.contains(.bold))
        #expect(!top[0, 2].style.modifiers.contains(.bold))
        #expect(top[6, 1].style.modifiers.contains(.reverse))

        for _ in 0..<3 { _ = state.handle(.tab) }
        // The buttons are the last rows; the second one is cut but keeps its brackets.
        #expect(render(&state, width: 20, height: 6).lines() == [
            "Фреймворк           ",
            "                   ▾",
            "Описание            ",
            "                    ",
            "              0/1000",
            "[ Создать ]  [ От… ]",
        ])
    }

    @Test("Errors set by the caller appear in red under their field until cleared")
    func errors() {
        var state = newForm()
        state.setError("Имя уже занято", for: "name")
        let buffer = render(&state, width: 20, height: 4)
        #expect(buffer.lines() == [
            "Название            ",
            "fraud-detector      ",
            "Имя уже занято      ",
            "Фреймворк           ",
        ])
        #expect(buffer[0, 2].style.fg == .indexed(1))
        state.clearErrors()
        #expect(render(&state, width: 20, height: 4).lines()[2] == "Фреймворк           ")
    }

    @Test("Esc cancels, unless an open select needs it to close")
    func escape() {
        var state = newForm()
        state.focus("framework")
        #expect(state.handle(.enter) == .none)
        #expect(state.handle(.escape) == .none)
        #expect(state.handle(.escape) == .cancelled)
    }

    @Test("An open select's list is drawn over the fields below it")
    func openSelect() {
        var state = newForm()
        state.focus("framework")
        _ = state.handle(.enter)
        #expect(render(&state, width: 20, height: 6).lines() == [
            "Название            ",
            "fraud-detector      ",
            "Фреймворк           ",
            "                   ▴",
            "  PyTorch           ",
            "  ONNX              ",
        ])
    }

    @Test("Tiny areas: 1×1 and 0×0")
    func tiny() {
        var state = newForm()
        #expect(render(&state, width: 1, height: 1).lines() == ["…"])
        #expect(render(&state, width: 0, height: 0).lines() == [])
    }

    @Test("Monkey: 50,000 random keys and sizes never draw outside the area")
    func monkey() async {
        var state = newForm()
        await Monkey.run(seed: 4, step: { _ = state.handle($0) }) { area, buffer in
            Form().render(in: area, buffer: &buffer, state: &state)
        }
    }
}
