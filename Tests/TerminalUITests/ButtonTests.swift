import Testing
import TerminalUI

@Suite("Button")
struct ButtonTests {
    func render(_ button: Button, width: Int, height: Int = 1) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        button.render(in: buffer.area, buffer: &buffer)
        return buffer
    }

    @Test("Drawn in brackets, reversed when focused, cut keeping the brackets when narrow")
    func snapshots() {
        let focused = render(Button("Создать", isFocused: true), width: 20, height: 6)
        #expect(focused.lines()[0] == "[ Создать ]         ")
        #expect(focused[0, 0].style.modifiers.contains(.reverse))
        #expect(render(Button("Create"), width: 8).lines() == ["[ Cre… ]"])
        #expect(render(Button("Create"), width: 1).lines() == ["…"])
        #expect(render(Button("Create"), width: 0, height: 0).lines() == [])
        #expect(Button("Создать").width == 11)
    }
}
