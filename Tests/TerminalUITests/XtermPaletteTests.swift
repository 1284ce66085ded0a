import Testing
@testable import TerminalUI

@Suite("Colours on terminals with fewer than 256 colours")
struct XtermPaletteTests {
    @Test("Palette colours map to the closest of the basic 8 or 16")
    func nearest() {
        #expect(XtermPalette.nearest(to: 196, among: 16) == 9)
        #expect(XtermPalette.nearest(to: 196, among: 8) == 1)
        #expect(XtermPalette.nearest(to: 231, among: 16) == 15)
        #expect(XtermPalette.nearest(to: 231, among: 8) == 7)
        #expect(XtermPalette.nearest(to: 16, among: 8) == 0)
        #expect(XtermPalette.nearest(to: 244, among: 16) == 8)
        #expect(XtermPalette.nearest(to: 28, among: 8) == 2)
    }
}
