import Testing
import TerminalUI

@Suite("Text area")
struct TextAreaTests {
    func press(_ key: Key, _ state: inout TextAreaState, sourceLocation: SourceLocation = #_sourceLocation) {
        let used = state.handle(key)
        #expect(used, "\(key) was not used", sourceLocation: sourceLocation)
    }

    /// Presses a key the area must leave to its caller.
    func refuse(_ key: Key, _ state: inout TextAreaState, sourceLocation: SourceLocation = #_sourceLocation) {
        let used = state.handle(key)
        #expect(!used, "\(key) was used", sourceLocation: sourceLocation)
    }

    func typed(_ text: String, into state: inout TextAreaState) {
        for character in text { press(character == "\n" ? .enter : .char(character), &state) }
    }

    func render(_ state: inout TextAreaState, width: Int, height: Int, placeholder: String = "") -> Buffer {
        var buffer = Buffer(width: width, height: height)
        TextArea(placeholder: placeholder, isFocused: true).render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer
    }

    @Test("At 20×6 the text wraps at spaces and the counter sits bottom-right")
    func snapshot() {
        var state = TextAreaState(maxLength: 1000)
        typed("Модель для распознавания лиц\nv2 fast", into: &state)
        #expect(render(&state, width: 20, height: 6).lines() == [
            "Модель для          ",
            "распознавания лиц   ",
            "v2 fast             ",
            "                    ",
            "                    ",
            "             36/1000",
        ])
    }

    @Test("An empty area shows the wrapped placeholder and 0/MAX")
    func placeholder() {
        var state = TextAreaState(maxLength: 1000)
        let buffer = render(&state, width: 20, height: 4, placeholder: "Describe what the model does")
        #expect(buffer.lines() == [
            "Describe what the   ",
            "model does          ",
            "                    ",
            "              0/1000",
        ])
        #expect(buffer[1, 0].style.modifiers.contains(.dim))
        #expect(buffer[0, 0].style.modifiers.contains(.reverse))
    }

    @Test("Tiny areas: 1×1 shows only the text, 0×0 nothing")
    func tiny() {
        var state = TextAreaState(text: "abc", maxLength: 10)
        #expect(render(&state, width: 1, height: 1).lines() == ["c"])
        #expect(render(&state, width: 0, height: 0).lines() == [])
        #expect(render(&state, width: 3, height: 2).lines() == ["abc", "3/…"])
    }

    @Test("Enter splits the line; up and down keep the display column; backspace at a line start joins")
    func lines() {
        var state = TextAreaState()
        typed("漢字abc\nxy\nпривет", into: &state)
        #expect(state.row == 2 && state.column == 6)
        press(.up, &state)
        #expect(state.row == 1 && state.column == 2)
        press(.up, &state)
        // The goal column (6) is kept across the short line: after "漢字ab".
        #expect(state.row == 0 && state.column == 4)
        press(.down, &state)
        press(.down, &state)
        #expect(state.row == 2 && state.column == 6)
        press(.home, &state)
        press(.backspace, &state)
        #expect(state.text == "漢字abc\nxyпривет")
        #expect(state.row == 1 && state.column == 2)
        press(.ctrl("k"), &state)
        #expect(state.text == "漢字abc\nxy")
        press(.enter, &state)
        press(.delete, &state)
        #expect(state.text == "漢字abc\nxy\n")
    }

    @Test("Up on the first line and down on the last are left to the caller")
    func edges() {
        var state = TextAreaState(text: "one\ntwo")
        refuse(.down, &state)
        press(.up, &state)
        refuse(.up, &state)
        refuse(.tab, &state)
        refuse(.escape, &state)
    }

    @Test("Input beyond the maximum is refused, newlines included, and the counter turns red")
    func maximum() {
        var state = TextAreaState(maxLength: 5)
        typed("Приложение", into: &state)
        #expect(state.text == "Прило")
        press(.enter, &state)
        #expect(state.count == 5)
        let buffer = render(&state, width: 10, height: 2)
        #expect(buffer.lines() == ["Прило     ", "       5/5"])
        #expect(buffer[9, 1].style.fg == .indexed(1))
        press(.backspace, &state)
        press(.enter, &state)
        #expect(state.text == "Прил\n")
    }

    @Test("Long words are broken, and the cursor row stays visible while typing past the bottom")
    func scrolling() {
        var state = TextAreaState()
        typed("aaaaaaaaaaaaaaaaaaaaaaaaa", into: &state)
        #expect(render(&state, width: 10, height: 2).lines() == ["aaaaaaaaaa", "aaaaa     "])
        typed("\nb\nc\nd", into: &state)
        let buffer = render(&state, width: 10, height: 2)
        #expect(buffer.lines() == ["c         ", "d         "])
        #expect(buffer[1, 1].style.modifiers.contains(.reverse))
    }

    @Test("Monkey: 50,000 random keys and sizes never draw outside the area")
    func monkey() async {
        var state = TextAreaState(maxLength: 1000)
        await Monkey.run(seed: 2, renderEvery: 40, step: { _ = state.handle($0) }) { area, buffer in
            TextArea(placeholder: "Описание", isFocused: true).render(in: area, buffer: &buffer, state: &state)
        }
    }
}
