import Testing
import TerminalUI

@Suite("Help overlay")
struct HelpOverlayTests {
    let english: [HelpOverlay.Section] = [
        ("Navigation", [("j/k", "down/up"), ("g/G", "top/bottom")]),
        ("Views", [(":", "command"), ("/", "filter"), ("?", "help")]),
        ("Actions", [("ctrl-d", "delete"), ("l", "logs")]),
    ]
    let russian: [HelpOverlay.Section] = [
        ("Навигация", [("j/k", "вниз/вверх"), ("g/G", "в начало/конец")]),
        ("Действия", [("ctrl-d", "удалить"), ("l", "логи")]),
    ]

    func render(
        _ sections: [HelpOverlay.Section], title: String = "Help", width: Int, height: Int,
        state: inout HelpOverlayState
    ) -> [String] {
        var buffer = Buffer(width: width, height: height)
        HelpOverlay(title: title, sections: sections).render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer.lines()
    }

    @Test("When wide, sections sit side by side in a centred box")
    func columns() {
        var state = HelpOverlayState()
        #expect(render(english, width: 70, height: 8, state: &state) == [
            "                                                                      ",
            "          ┌─ Help ────────────────────────────────────────┐           ",
            "          │ Navigation        Views        Actions        │           ",
            "          │ j/k  down/up      :  command   ctrl-d  delete │           ",
            "          │ g/G  top/bottom   /  filter    l       logs   │           ",
            "          │                   ?  help                     │           ",
            "          └───────────────────────────────────────────────┘           ",
            "                                                                      ",
        ])
    }

    @Test("When narrow, sections stack in one column")
    func stacked() {
        var state = HelpOverlayState()
        #expect(render(russian, title: "Справка", width: 30, height: 12, state: &state) == [
            "                              ",
            "  ┌─ Справка ──────────────┐  ",
            "  │ Навигация              │  ",
            "  │ j/k     вниз/вверх     │  ",
            "  │ g/G     в начало/конец │  ",
            "  │                        │  ",
            "  │ Действия               │  ",
            "  │ ctrl-d  удалить        │  ",
            "  │ l       логи           │  ",
            "  └────────────────────────┘  ",
            "                              ",
            "                              ",
        ])
    }

    @Test("At 20×6 Russian text is cut by display width inside the border")
    func russianSmall() {
        var state = HelpOverlayState()
        #expect(render(russian, title: "Справка", width: 20, height: 6, state: &state) == [
            "┌─ Справка ────────┐",
            "│ Навигация        │",
            "│ j/k     вниз/вв… │",
            "│ g/G     в начал… │",
            "│                  │",
            "└─────────────────▼┘",
        ])
    }

    @Test("At 20×6 the content scrolls, ▼ and ▲ show that more is hidden, and the end stops scrolling")
    func scrolling() {
        var state = HelpOverlayState()
        #expect(render(english, width: 20, height: 6, state: &state) == [
            "┌─ Help ───────────┐",
            "│ Navigation       │",
            "│ j/k     down/up  │",
            "│ g/G     top/bot… │",
            "│                  │",
            "└─────────────────▼┘",
        ])
        let scrolled = state.handle(.char("j"))
        #expect(scrolled)
        #expect(render(english, width: 20, height: 6, state: &state) == [
            "┌─ Help ──────────▲┐",
            "│ j/k     down/up  │",
            "│ g/G     top/bot… │",
            "│                  │",
            "│ Views            │",
            "└─────────────────▼┘",
        ])
        _ = state.handle(.end)
        #expect(render(english, width: 20, height: 6, state: &state) == [
            "┌─ Help ──────────▲┐",
            "│                  │",
            "│ Actions          │",
            "│ ctrl-d  delete   │",
            "│ l       logs     │",
            "└──────────────────┘",
        ])
        let before = state.offset
        _ = state.handle(.down)
        _ = render(english, width: 20, height: 6, state: &state)
        #expect(state.offset == before)
        _ = state.handle(.char("g"))
        #expect(state.offset == 0)
        let closes = state.handle(.escape)
        #expect(!closes, "Esc is left to the caller, which closes the overlay")
    }

    @Test("Tiny and empty areas draw nothing outside the area", arguments: [
        Rect(x: 2, y: 2, width: 1, height: 1), Rect(x: 2, y: 2, width: 0, height: 0), Rect(x: 1, y: 1, width: 3, height: 2),
        Rect(x: 0, y: 0, width: 5, height: 5),
    ])
    func tiny(area: Rect) {
        var buffer = Buffer(width: 5, height: 5)
        HelpOverlay(sections: english).render(in: area, buffer: &buffer)
        #expect(Monkey.firstCellDrawnOutside(area, buffer) == nil)
    }

    @Test("1×1 and 0×0 buffers")
    func tinyBuffers() {
        var state = HelpOverlayState()
        #expect(render(english, width: 1, height: 1, state: &state) == [" "])
        #expect(render(english, width: 0, height: 0, state: &state) == [])
        #expect(render([], width: 12, height: 3, state: &state) == [
            " ┌─ Help ─┐ ",
            " │        │ ",
            " └────────┘ ",
        ])
    }

    @Test("Monkey: random keys and sizes while scrolling never draw outside the area")
    func monkey() async {
        var state = HelpOverlayState()
        let sections = english + russian + english
        var steps = 0
        await Monkey.run(seed: 11) { key in
            steps += 1
            // Alt keys are not among the monkey's own keys.
            if case .char(let character) = key, steps % 11 == 0 { _ = state.handle(.alt(character)) }
            _ = state.handle(key)
        } render: { area, buffer in
            HelpOverlay(sections: sections).render(in: area, buffer: &buffer, state: &state)
        }
    }

    @Test("End and then down or page down before the first render neither overflows nor crashes")
    func endBeforeRender() {
        var state = HelpOverlayState()
        for key in [Key.end, .down, .pageDown, .up] {
            let used = state.handle(key)
            #expect(used)
        }
        #expect(state.offset > 0)
        _ = state.handle(.home)
        #expect(state.offset == 0)
    }
}
