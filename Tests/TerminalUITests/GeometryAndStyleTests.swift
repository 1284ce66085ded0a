import Testing
import TerminalUI

@Suite("Rect and Style")
struct GeometryAndStyleTests {
    @Test("Intersections of rectangles that meet, and of ones that do not")
    func intersection() {
        let screen = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(screen.intersection(Rect(x: 70, y: 20, width: 20, height: 10)) == Rect(x: 70, y: 20, width: 10, height: 4))
        #expect(screen.intersection(Rect(x: 90, y: 0, width: 5, height: 5)).isEmpty)
    }

    @Test("Splitting into rows and columns clamps to the rectangle")
    func splitting() {
        let area = Rect(x: 2, y: 3, width: 10, height: 5)
        #expect(area.rows(top: 1) == (Rect(x: 2, y: 3, width: 10, height: 1), Rect(x: 2, y: 4, width: 10, height: 4)))
        #expect(area.rows(bottom: 2) == (Rect(x: 2, y: 3, width: 10, height: 3), Rect(x: 2, y: 6, width: 10, height: 2)))
        #expect(area.rows(top: 9).1.height == 0)
        #expect(area.rows(bottom: 9).0.height == 0)
        #expect(area.columns(left: 4) == (Rect(x: 2, y: 3, width: 4, height: 5), Rect(x: 6, y: 3, width: 6, height: 5)))
        #expect(area.columns(right: 3).1 == Rect(x: 9, y: 3, width: 3, height: 5))
        #expect(area.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 3))
        #expect(area.inset(by: 4).isEmpty)
    }

    @Test("A patch replaces colours it sets and adds its modifiers")
    func patching() {
        let text = Style(fg: .indexed(2), bg: .indexed(0), modifiers: .bold)
        let highlight = Style(bg: .indexed(4), modifiers: .reverse)
        #expect(text.patched(with: highlight) == Style(fg: .indexed(2), bg: .indexed(4), modifiers: [.bold, .reverse]))
    }
}
