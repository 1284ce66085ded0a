import Testing
import TerminalUI

@Suite("Display width wrapping")
struct DisplayWidthWrapTests {
    @Test("Lines break at spaces, long words are cut, and no line is wider than the width")
    func wrapping() {
        #expect(DisplayWidth.wrap("Модель для распознавания лиц", width: 12) == ["Модель для", "распознавани", "я лиц"])
        #expect(DisplayWidth.wrap("漢字モデル abc", width: 5) == ["漢字", "モデ", "ル", "abc"])
        #expect(DisplayWidth.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(DisplayWidth.wrap("漢", width: 1) == ["…"])
        #expect(DisplayWidth.wrap("text", width: 0) == [])
        for width in 1...12 {
            for line in DisplayWidth.wrap("fraud-detector 漢字 🚀 Распознавание лиц", width: width) {
                #expect(DisplayWidth.of(line) <= width)
            }
        }
    }
}
