/// A terminal colour: the terminal's own default, an entry of the xterm 256-colour palette, or a
/// 24-bit colour for terminals that show them (others get the nearest palette entry, see `downgraded(to:)`).
public enum Color: Equatable, Hashable, Sendable {
    case `default`
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The closest colour a terminal of `depth` can show: 24-bit colours go to the nearest entry of the
    /// 6×6×6 cube or grey ramp, palette entries to the nearest of the basic 16, or of the basic 8; with no
    /// colour at all everything is the terminal's default.
    public func downgraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .truecolor):
            return self
        case (_, .none):
            return .default
        case (.rgb(let red, let green, let blue), _):
            return Color.indexed(XtermPalette.nearestIndex(red: red, green: green, blue: blue)).downgraded(to: depth)
        case (.indexed, .palette256):
            return self
        case (.indexed(let index), .ansi16):
            return index < 16 ? self : .indexed(UInt8(XtermPalette.nearest(to: index, among: 16)))
        case (.indexed(let index), .ansi8):
            return index < 8 ? self : .indexed(UInt8(XtermPalette.nearest(to: index, among: 8)))
        }
    }
}
