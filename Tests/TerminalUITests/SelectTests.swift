import Testing
import TerminalUI

@Suite("Select")
struct SelectTests {
    let options = ["PyTorch", "TensorFlow", "Scikit-learn", "ONNX"]

    func press(_ key: Key, _ state: inout SelectState, sourceLocation: SourceLocation = #_sourceLocation) {
        let used = state.handle(key)
        #expect(used, "\(key) was not used", sourceLocation: sourceLocation)
    }

    func render(_ state: inout SelectState, width: Int, height: Int, field: Rect? = nil) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let select = Select(placeholder: "Фреймворк", isFocused: true)
        if let field {
            select.render(field: field, within: buffer.area, buffer: &buffer, state: &state)
        } else {
            select.render(in: buffer.area, buffer: &buffer, state: &state)
        }
        return buffer
    }

    @Test("Closed, it shows the placeholder or the chosen option and an arrow")
    func closed() {
        var state = SelectState(options: options)
        #expect(render(&state, width: 20, height: 6).lines()[0] == "Фреймворк          ▾")
        state.selected = 1
        #expect(render(&state, width: 20, height: 6).lines() == [
            "TensorFlow         ▾",
            "                    ",
            "                    ",
            "                    ",
            "                    ",
            "                    ",
        ])
    }

    @Test("Enter opens the list below; j/k and arrows move; Enter chooses and closes")
    func choosing() {
        var state = SelectState(options: options, selected: 1)
        press(.enter, &state)
        #expect(state.isOpen)
        let buffer = render(&state, width: 20, height: 6)
        #expect(buffer.lines() == [
            "TensorFlow         ▴",
            "  PyTorch           ",
            "✓ TensorFlow        ",
            "  Scikit-learn      ",
            "  ONNX              ",
            "                    ",
        ])
        #expect(buffer[0, 2].style.modifiers.contains(.reverse))
        press(.char("j"), &state)
        press(.down, &state)
        press(.char("k"), &state)
        press(.down, &state)
        press(.down, &state)
        press(.enter, &state)
        #expect(!state.isOpen)
        #expect(state.selectedOption == "ONNX")
    }

    @Test("Esc closes without changing the choice; keys are left alone while closed")
    func escape() {
        var state = SelectState(options: options, selected: 0)
        press(.char(" "), &state)
        press(.down, &state)
        press(.escape, &state)
        #expect(!state.isOpen && state.selected == 0)
        let down = state.handle(.down)
        let tab = state.handle(.tab)
        #expect(!down && !tab)
    }

    @Test("Without room below, the list opens above the field, clipped to the area")
    func opensAbove() {
        var state = SelectState(options: options)
        press(.enter, &state)
        let buffer = render(&state, width: 20, height: 6, field: Rect(x: 0, y: 5, width: 20, height: 1))
        #expect(buffer.lines() == [
            "                    ",
            "  PyTorch           ",
            "  TensorFlow        ",
            "  Scikit-learn      ",
            "  ONNX              ",
            "Фреймворк          ▴",
        ])
        let cramped = render(&state, width: 12, height: 3, field: Rect(x: 0, y: 1, width: 12, height: 1))
        // As much room above as below: below wins.
        #expect(cramped.lines() == [
            "            ",
            "Фреймворк  ▴",
            "  PyTorch   ",
        ])
    }

    @Test("A long list scrolls to keep the highlighted option visible")
    func scrolling() {
        var state = SelectState(options: (1...30).map { "model-\($0)" })
        press(.enter, &state)
        press(.end, &state)
        let buffer = render(&state, width: 12, height: 4)
        #expect(buffer.lines() == ["Фреймворк  ▴", "  model-28  ", "  model-29  ", "  model-30  "])
    }

    @Test("Tiny areas: 1×1 and 0×0")
    func tiny() {
        var state = SelectState(options: options, selected: 2)
        #expect(render(&state, width: 1, height: 1).lines() == ["…"])
        #expect(render(&state, width: 0, height: 0).lines() == [])
        press(.enter, &state)
        #expect(render(&state, width: 3, height: 1).lines() == ["… ▴"])
        #expect(render(&state, width: 20, height: 1).lines() == ["Scikit-learn       ▴"])
    }

    @Test("Monkey: 50,000 random keys and sizes never draw outside the area")
    func monkey() async {
        var state = SelectState(options: options + (1...40).map { "Модель №\($0) 漢字" })
        await Monkey.run(seed: 3, step: { _ = state.handle($0) }) { area, buffer in
            let field = Rect(x: area.x, y: area.y + area.height / 2, width: area.width, height: 1)
            Select(placeholder: "Фреймворк", isFocused: true)
                .render(field: field, within: area, buffer: &buffer, state: &state)
        }
    }
}
