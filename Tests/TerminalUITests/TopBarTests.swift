import Testing
import TerminalUI

@Suite("Top bar")
struct TopBarTests {
    let bar = TopBar(
        left: [BarSegment("SmartMLOps"), BarSegment("Приложения")], right: [BarSegment("prod"), BarSegment("ivan@corp")],
        minimumLeftWidth: 5)

    func render(width: Int, height: Int = 1) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        bar.render(in: buffer.area, buffer: &buffer)
        return buffer
    }

    @Test("Left segments at the left, right ones at the right; when narrow the right keeps priority")
    func snapshots() {
        #expect(render(width: 40).lines() == ["SmartMLOps Приложения     prod ivan@corp"])
        #expect(render(width: 20, height: 6).lines()[0] == "Smar… prod ivan@corp")
        #expect(render(width: 12).lines() == ["Smar… prod …"])
        #expect(render(width: 1).lines() == ["…"])
        #expect(render(width: 0, height: 0).lines() == [])
        #expect(render(width: 40)[0, 0].style.modifiers.contains(.reverse))
    }
}
