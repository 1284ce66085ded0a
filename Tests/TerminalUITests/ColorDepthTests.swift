import Testing

@testable import TerminalUI

@Suite("Colour depth")
struct ColorDepthTests {
    @Test("Depth comes from NO_COLOR, COLORTERM and the terminal's colour count")
    func detection() {
        #expect(ColorDepth.detect(environment: [:], terminalColors: 256) == .palette256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 16) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 8) == .ansi8)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 2) == .none)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 0) == .none)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 1 << 24) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "24bit"], terminalColors: 8) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "yes"], terminalColors: 256) == .palette256)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 0) == .none)
        #expect(
            ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalColors: 256) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256) == .palette256)
    }

    @Test("24-bit colours go to the nearest entry of the 6×6×6 cube or the grey ramp")
    func nearestPaletteEntry() {
        #expect(Color.rgb(255, 0, 0).downgraded(to: .palette256) == .indexed(196))
        #expect(Color.rgb(0, 95, 135).downgraded(to: .palette256) == .indexed(24))
        #expect(Color.rgb(250, 10, 5).downgraded(to: .palette256) == .indexed(196))
        #expect(Color.rgb(128, 128, 128).downgraded(to: .palette256) == .indexed(244))
        #expect(Color.rgb(18, 18, 18).downgraded(to: .palette256) == .indexed(233))
        #expect(Color.rgb(0, 0, 0).downgraded(to: .palette256) == .indexed(16))
        #expect(Color.rgb(255, 255, 255).downgraded(to: .palette256) == .indexed(231))
        #expect(Color.rgb(255, 128, 0).downgraded(to: .palette256) == .indexed(208))
    }

    @Test("Every cube and grey-ramp entry maps back to itself")
    func paletteRoundTrip() {
        for index in UInt8(16)...255 {
            let (red, green, blue) = XtermPalette.rgb(index)
            #expect(Color.rgb(UInt8(red), UInt8(green), UInt8(blue)).downgraded(to: .palette256) == .indexed(index))
        }
    }

    @Test("Fewer colours: nearest of the basic 16, then of the basic 8, then none")
    func fewerColours() {
        let red = Color.rgb(255, 0, 0)
        #expect(red.downgraded(to: .truecolor) == red)
        #expect(red.downgraded(to: .ansi16) == .indexed(9))
        #expect(red.downgraded(to: .ansi8) == .indexed(1))
        #expect(red.downgraded(to: .none) == .default)
        #expect(Color.indexed(231).downgraded(to: .ansi16) == .indexed(15))
        #expect(Color.indexed(231).downgraded(to: .ansi8) == .indexed(7))
        #expect(Color.indexed(12).downgraded(to: .ansi16) == .indexed(12))
        #expect(Color.indexed(3).downgraded(to: .ansi8) == .indexed(3))
        #expect(Color.indexed(24).downgraded(to: .palette256) == .indexed(24))
        #expect(Color.indexed(24).downgraded(to: .none) == .default)
        for depth in ColorDepth.allCases {
            #expect(Color.default.downgraded(to: depth) == .default)
        }
    }

    /// On the basic 8 or 16 colours, dark greys become black (0) and pale tints the same white:
    /// text must stay readable whatever the theme asked for.
    @Test("brought down to 8 or 16 colours, no text is black on the default background or the colour of its own background", arguments: [ColorDepth.ansi8, .ansi16])
    func readableOnBasicColours(depth: ColorDepth) {
        let colours: [Color] = [.default] + (0...255).map { Color.indexed(UInt8($0)) } + [.rgb(40, 40, 40), .rgb(250, 250, 250)]
        var changed = 0
        for fg in colours {
            for bg in colours {
                let shown = Style(fg: fg, bg: bg).downgraded(to: depth)
                let plain = (fg.downgraded(to: depth), bg.downgraded(to: depth))
                if shown.fg != plain.0 { changed += 1 }
                #expect(!(shown.fg == .indexed(0) && shown.bg == .default), "\(fg) on \(bg)")
                if case .indexed = shown.fg { #expect(shown.fg != shown.bg, "\(fg) on \(bg) at \(depth)") }
                #expect(shown.bg == plain.1, "the background is the theme's")
            }
        }
        #expect(changed > 0)
        // Elsewhere nothing changes: 256 colours keep what the theme says.
        #expect(Style(fg: .indexed(16), bg: .default).downgraded(to: .palette256) == Style(fg: .indexed(16), bg: .default))
    }
}
