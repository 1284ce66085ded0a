import Testing
import TerminalUI

@Suite("Tabs")
struct TabsTests {
    let tabs = Tabs([
        Tabs.Item("ML-компоненты", count: 3), Tabs.Item("Эксперименты", count: 12), Tabs.Item("Logs"),
    ])

    func render(selected: Int, width: Int, height: Int = 1) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        tabs.render(in: buffer.area, buffer: &buffer, state: TabsState(selected: selected))
        return buffer
    }

    @Test("All titles with their counts fit in a wide line; the selected one is highlighted")
    func wide() {
        let buffer = render(selected: 1, width: 50)
        #expect(buffer.lines() == [" ML-компоненты (3) │ Эксперименты (12) │ Logs     "])
        #expect(buffer[22, 0].style.modifiers.contains(.reverse))
        #expect(!buffer[2, 0].style.modifiers.contains(.reverse))
    }

    @Test("When narrow the longest titles are cut first, counts kept; then only the selected tab shows")
    func narrow() {
        #expect(render(selected: 0, width: 40).lines() == [" ML-компон… (3) │ Эксперим… (12) │ Logs "])
        #expect(render(selected: 0, width: 20, height: 6).lines()[0] == "  ML-компонен… (3) ›")
        #expect(render(selected: 1, width: 20).lines() == ["‹ Эксперимен… (12) ›"])
        #expect(render(selected: 2, width: 12).lines() == ["‹ Logs      "])
        #expect(render(selected: 1, width: 1).lines() == ["…"])
        #expect(render(selected: 1, width: 0, height: 0).lines() == [])
    }

    @Test("Tab/right and BackTab/left move, wrapping at both ends; other keys are not used")
    func keys() {
        var state = TabsState()
        var used = state.handle(.backTab, count: 3)
        #expect(used && state.selected == 2)
        used = state.handle(.tab, count: 3)
        #expect(used && state.selected == 0)
        _ = state.handle(.right, count: 3)
        _ = state.handle(.left, count: 3)
        #expect(state.selected == 0)
        used = state.handle(.enter, count: 3)
        #expect(!used && state.selected == 0)
        used = state.handle(.char("l"), count: 3, next: [.char("l")], previous: [.char("h")])
        #expect(used && state.selected == 1)
    }

    @Test("Monkey: 50,000 random keys and sizes never draw outside the area")
    func monkey() async {
        var state = TabsState()
        await Monkey.run(seed: 6, step: { _ = state.handle($0, count: 3) }) { area, buffer in
            tabs.render(in: area, buffer: &buffer, state: state)
        }
    }
}
