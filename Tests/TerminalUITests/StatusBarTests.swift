import Testing
import TerminalUI

@Suite("Status bar")
struct StatusBarTests {
    func render(_ bar: StatusBar, width: Int, height: Int = 1) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        bar.render(in: buffer.area, buffer: &buffer)
        return buffer
    }

    @Test("Hints on the right win on narrow lines, but the mode label keeps its minimum")
    func snapshots() {
        let bar = StatusBar(
            left: [BarSegment("NORMAL", style: Style(modifiers: .bold)), BarSegment("3 приложения")],
            right: [BarSegment("? помощь"), BarSegment("q выход")], minimumLeftWidth: 6)
        #expect(render(bar, width: 40).lines() == ["NORMAL 3 приложения     ? помощь q выход"])
        #expect(render(bar, width: 20, height: 6).lines()[0] == "NORMAL ? помощь q в…")
        #expect(render(bar, width: 1).lines() == ["…"])
        #expect(render(bar, width: 0, height: 0).lines() == [])
        #expect(render(bar, width: 40)[0, 0].style.modifiers.contains(.bold))
    }
}
