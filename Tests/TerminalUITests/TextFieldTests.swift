import Testing
import TerminalUI

@Suite("Text field")
struct TextFieldTests {
    func typed(_ text: String, into state: inout TextFieldState) {
        for character in text { press(.char(character), &state) }
    }

    /// Presses a key the field must use.
    func press(_ key: Key, _ state: inout TextFieldState, sourceLocation: SourceLocation = #_sourceLocation) {
        let used = state.handle(key)
        #expect(used, "\(key) was not used", sourceLocation: sourceLocation)
    }

    func render(_ state: inout TextFieldState, width: Int, height: Int = 1, focused: Bool = true, placeholder: String = "")
        -> Buffer
    {
        var buffer = Buffer(width: width, height: height)
        TextField(placeholder: placeholder, isFocused: focused).render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer
    }

    @Test("Cyrillic and English typed at the cursor appear as typed, the cursor a reversed cell after them")
    func typing() {
        var state = TextFieldState()
        typed("Модель v2", into: &state)
        let buffer = render(&state, width: 20, height: 6)
        #expect(buffer.lines() == ["Модель v2           "] + Array(repeating: String(repeating: " ", count: 20), count: 5))
        #expect(state.text == "Модель v2")
        #expect(state.cursor == 9)
        #expect(buffer[9, 0].style.modifiers.contains(.reverse))
        #expect(!buffer[8, 0].style.modifiers.contains(.reverse))
    }

    @Test("An empty field shows its placeholder dimmed, cut to the width; an unfocused one has no cursor")
    func placeholder() {
        var state = TextFieldState()
        let focused = render(&state, width: 20, placeholder: "Название приложения")
        #expect(focused.lines() == ["Название приложения "])
        #expect(focused[1, 0].style.modifiers.contains(.dim))
        #expect(focused[0, 0].style.modifiers.contains(.reverse))

        let narrow = render(&state, width: 8, focused: false, placeholder: "Название приложения")
        #expect(narrow.lines() == ["Названи…"])
        #expect(!narrow[0, 0].style.modifiers.contains(.reverse))
    }

    @Test("Tiny areas: 1×1 shows the cursor cell, 0×0 draws nothing")
    func tiny() {
        var state = TextFieldState(text: "fraud-detector")
        #expect(render(&state, width: 1).lines() == [" "])
        #expect(render(&state, width: 0, height: 0).lines() == [])
        state.cursor = 0
        #expect(render(&state, width: 1).lines() == ["f"])
    }

    @Test("Editing keys: backspace, delete, arrows, Home/End and their Ctrl forms")
    func editing() {
        var state = TextFieldState()
        typed("привет мир", into: &state)
        press(.backspace, &state)
        #expect(state.text == "привет ми")
        press(.home, &state)
        press(.delete, &state)
        #expect(state.text == "ривет ми")
        press(.right, &state)
        typed("И", into: &state)
        #expect(state.text == "рИивет ми")
        press(.ctrl("e"), &state)
        #expect(state.cursor == 9)
        press(.ctrl("a"), &state)
        #expect(state.cursor == 0)
        press(.left, &state)
        #expect(state.cursor == 0)
        press(.end, &state)
        press(.right, &state)
        #expect(state.cursor == 9)
    }

    @Test("Ctrl-W deletes the previous word, Ctrl-U to the start, Ctrl-K to the end")
    func killing() {
        var state = TextFieldState(text: "model  train  run")
        press(.ctrl("w"), &state)
        #expect(state.text == "model  train  ")
        press(.ctrl("w"), &state)
        #expect(state.text == "model  ")
        state.text = "alpha beta gamma"
        state.cursor = 6
        press(.ctrl("k"), &state)
        #expect(state.text == "alpha ")
        state.text = "alpha beta gamma"
        state.cursor = 6
        press(.ctrl("u"), &state)
        #expect(state.text == "beta gamma")
        #expect(state.cursor == 0)
    }

    @Test("Keys a form needs are not consumed; control characters are not inserted")
    func unconsumed() {
        var state = TextFieldState()
        for key in [Key.enter, .tab, .backTab, .escape, .up, .down, .pageUp, .function(2), .char("\u{7}"), .char("\n"), .ctrl("r")] {
            let used = state.handle(key)
            #expect(!used, "\(key)")
        }
        #expect(state.text == "")
    }

    @Test("The maximum length refuses further input")
    func maxLength() {
        var state = TextFieldState(maxLength: 5)
        typed("Приложение", into: &state)
        #expect(state.text == "Прило")
        state.insert("abc")
        #expect(state.text == "Прило")
        #expect(TextFieldState(text: "abcdefgh", maxLength: 3).text == "abc")
    }

    @Test("A combining accent joins the letter before it, counting as one grapheme")
    func combining() {
        var state = TextFieldState()
        typed("e\u{301}a", into: &state)
        #expect(state.text == "éa")
        #expect(state.cursor == 2)
        press(.left, &state)
        press(.backspace, &state)
        #expect(state.text == "a")
    }

    @Test("Long text scrolls so the cursor stays visible, by display width with wide characters")
    func scrolling() {
        var state = TextFieldState()
        typed("漢字模型日本語", into: &state)
        // Scrolling never starts inside a wide character: 模 would show as half, so it is skipped whole.
        #expect(render(&state, width: 10).lines() == ["型日本語  "])
        #expect(render(&state, width: 10)[8, 0].style.modifiers.contains(.reverse))

        press(.home, &state)
        #expect(render(&state, width: 10).lines() == ["漢字模型日"])
        #expect(render(&state, width: 10)[0, 0].style.modifiers.contains(.reverse))
        #expect(render(&state, width: 10)[1, 0].style.modifiers.contains(.reverse))

        press(.end, &state)
        #expect(render(&state, width: 9).lines() == ["型日本語 "])
    }

    @Test("The cursor cell is always on screen while moving through long mixed text")
    func cursorAlwaysVisible() {
        var state = TextFieldState(text: "Распознавание лиц 漢字 🚀 fraud-detector")
        for width in [1, 2, 3, 5, 20] {
            for key in Array(repeating: Key.left, count: 40) + Array(repeating: Key.right, count: 40) {
                _ = state.handle(key)
                let buffer = render(&state, width: width)
                #expect((0..<width).contains { buffer[$0, 0].style.modifiers.contains(.reverse) })
            }
        }
    }

    @Test("Monkey: 50,000 random keys and sizes never draw outside the area")
    func monkey() async {
        var state = TextFieldState()
        await Monkey.run(seed: 1, step: { _ = state.handle($0) }) { area, buffer in
            TextField(placeholder: "Имя", isFocused: true).render(in: area, buffer: &buffer, state: &state)
        }
    }
}
