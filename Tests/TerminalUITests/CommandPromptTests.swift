import Testing
import TerminalUI

@Suite("Command line")
struct CommandPromptTests {
    let commands = ["applications", "apps", "deployments", "logs", "quota", "контексты"]

    func type(_ text: String, into state: inout CommandPromptState) {
        for character in text { #expect(state.handle(.char(character)) == .edited) }
    }

    func render(_ state: inout CommandPromptState, width: Int, height: Int = 1) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        CommandPrompt().render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer
    }

    @Test("Typing shows after the colon with the cursor after the text; Enter submits and empties the line")
    func submit() {
        var state = CommandPromptState(commands: commands)
        type("logs fraud", into: &state)
        let buffer = render(&state, width: 20, height: 6)
        #expect(buffer.lines() == [":logs fraud         "] + Array(repeating: String(repeating: " ", count: 20), count: 5))
        #expect(buffer[11, 0].style.modifiers.contains(.reverse))
        #expect(state.handle(.enter) == .submitted("logs fraud"))
        #expect(state.text == "")
        #expect(state.history == ["logs fraud"])
    }

    @Test("Cyrillic is edited grapheme by grapheme with left, right, Home, End and backspace")
    func editing() {
        var state = CommandPromptState()
        type("кнтексты", into: &state)
        for _ in 0..<7 { #expect(state.handle(.left) == .edited) }
        type("о", into: &state)
        #expect(state.text == "контексты")
        #expect(state.handle(.end) == .edited)
        #expect(state.handle(.backspace) == .edited)
        #expect(state.handle(.home) == .edited)
        #expect(state.handle(.right) == .edited)
        #expect(state.cursor == 1)
        #expect(state.text == "контекст")
        #expect(render(&state, width: 6).lines() == [":конте"])
    }

    @Test("Esc cancels and empties the line; Enter on a blank line cancels too")
    func cancel() {
        var state = CommandPromptState()
        type("quo", into: &state)
        #expect(state.handle(.escape) == .cancelled)
        #expect(state.text == "")
        type("   ", into: &state)
        #expect(state.handle(.enter) == .cancelled)
        #expect(state.history.isEmpty)
        #expect(state.handle(.function(5)) == .ignored)
    }

    @Test("Up and down go through the history and come back to what was being typed")
    func history() {
        var state = CommandPromptState(history: ["apps", "logs"])
        #expect(state.handle(.char("q")) == .edited)
        #expect(state.handle(.up) == .edited)
        #expect(state.text == "logs")
        _ = state.handle(.up)
        #expect(state.text == "apps")
        _ = state.handle(.up)
        #expect(state.text == "apps")
        _ = state.handle(.down)
        #expect(state.text == "logs")
        _ = state.handle(.down)
        #expect(state.text == "q")
        _ = state.handle(.up)
        #expect(state.handle(.enter) == .submitted("logs"))
        #expect(state.history == ["apps", "logs"])
    }

    @Test("Tab completes a single candidate, grows to the common prefix, then cycles; Shift-Tab cycles back")
    func completion() {
        var state = CommandPromptState(commands: commands)
        type("de", into: &state)
        _ = state.handle(.tab)
        #expect(state.text == "deployments")
        #expect(state.cursor == 11)

        state.text = "A"
        _ = state.handle(.tab)
        #expect(state.text == "app")
        _ = state.handle(.tab)
        #expect(state.text == "applications")
        _ = state.handle(.tab)
        #expect(state.text == "apps")
        _ = state.handle(.tab)
        #expect(state.text == "applications")
        _ = state.handle(.backTab)
        #expect(state.text == "apps")

        // A command that is also the start of others (":theme", ":theme light"): one Tab per step.
        var themes = CommandPromptState(commands: ["theme", "theme default", "theme light"])
        type("th", into: &themes)
        _ = themes.handle(.tab)
        #expect(themes.text == "theme")
        _ = themes.handle(.tab)
        #expect(themes.text == "theme default")
        _ = themes.handle(.tab)
        #expect(themes.text == "theme light")
        _ = themes.handle(.tab)
        #expect(themes.text == "theme")

        state.text = "к"
        _ = state.handle(.tab)
        #expect(state.text == "контексты")
        state.text = "zzz"
        #expect(state.handle(.tab) == .edited)
        #expect(state.text == "zzz")
    }

    @Test("Tiny areas: 1×1 shows the prompt, 0×0 nothing; a long command scrolls to keep the cursor")
    func tiny() {
        var state = CommandPromptState()
        type("applications fraud-detector", into: &state)
        #expect(render(&state, width: 1).lines() == [":"])
        #expect(render(&state, width: 0, height: 0).lines() == [])
        #expect(render(&state, width: 10).lines() == [":detector "])
    }

    @Test("Monkey: random keys and sizes never draw outside the area")
    func monkey() async {
        var state = CommandPromptState(commands: commands, maxHistory: 20)
        var steps = 0
        await Monkey.run(seed: 3) { key in
            steps += 1
            // Alt keys are not among the monkey's own keys.
            if case .char(let character) = key, steps % 11 == 0 { _ = state.handle(.alt(character)) }
            _ = state.handle(key)
        } render: { area, buffer in
            CommandPrompt().render(in: area, buffer: &buffer, state: &state)
        }
        #expect(state.history.count <= 20)
    }
}
