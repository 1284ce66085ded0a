import Testing
import TerminalUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test("ASCII, Cyrillic, CJK, combining marks and emoji take the columns a terminal gives them")
    func widths() {
        #expect(DisplayWidth.of("models") == 6)
        #expect(DisplayWidth.of("Приложения") == 10)
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("🇷🇺") == 2)
        #expect(DisplayWidth.of("a\tb") == 2)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("Text that is too long is cut to the width and ends with an ellipsis")
    func truncation() {
        #expect(DisplayWidth.truncate("training", to: 5) == "trai…")
        #expect(DisplayWidth.truncate("Приложения", to: 5) == "Прил…")
        #expect(DisplayWidth.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(DisplayWidth.truncate("漢字漢字", to: 4) == "漢…")
        #expect(DisplayWidth.truncate("cafe\u{301}s", to: 4) == "caf…")
        #expect(DisplayWidth.truncate("🚀🚀🚀", to: 4) == "🚀…")
        #expect(DisplayWidth.truncate("models", to: 1) == "…")
    }

    @Test("Text that fits is left alone; no width means no text")
    func truncationLimits() {
        #expect(DisplayWidth.truncate("Приложения", to: 10) == "Приложения")
        #expect(DisplayWidth.truncate("models", to: 0) == "")
        #expect(DisplayWidth.truncate("models", to: -3) == "")
    }

    @Test("Padding gives exactly the requested number of columns")
    func padding() {
        #expect(DisplayWidth.pad("ok", to: 5) == "ok   ")
        #expect(DisplayWidth.pad("Приложения", to: 12) == "Приложения  ")
        #expect(DisplayWidth.pad("漢字漢字", to: 4) == "漢… ")
        #expect(DisplayWidth.pad("🚀", to: 3) == "🚀 ")
        #expect(DisplayWidth.pad("models", to: 0) == "")
    }
}
