/// Colours and modifiers of a cell.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var modifiers: Modifiers

    public init(fg: Color = .default, bg: Color = .default, modifiers: Modifiers = []) {
        self.fg = fg
        self.bg = bg
        self.modifiers = modifiers
    }

    /// The style a terminal of `depth` can show, readable: where the palette is the basic 8 or 16,
    /// colours brought down may meet (a dark grey becomes black, 0, which on most terminals is the
    /// background; a pale text and its pale background become the same white). Text never goes on
    /// colour 0 of the background then: black text on the default background becomes the
    /// terminal's default text colour, and text the colour of its own background becomes black
    /// on light backgrounds and white on dark ones.
    public func downgraded(to depth: ColorDepth) -> Style {
        var style = Style(fg: fg.downgraded(to: depth), bg: bg.downgraded(to: depth), modifiers: modifiers)
        guard depth == .ansi8 || depth == .ansi16 else { return style }
        switch (style.fg, style.bg) {
        case (.indexed(0), .default):
            style.fg = .default
        case (.indexed(let text), .indexed(let back)) where text == back:
            style.fg = Self.darkBasic.contains(back) ? .indexed(7) : .indexed(0)
        default:
            break
        }
        return style
    }

    /// The basic colours white text reads on.
    private static let darkBasic: Set<UInt8> = [0, 1, 4, 5, 8]

    /// Layers `other` on top: its non-default colours replace ours and its modifiers are added,
    /// so a highlight can be applied over text that already has its own colours.
    public func patched(with other: Style) -> Style {
        Style(
            fg: other.fg == .default ? fg : other.fg,
            bg: other.bg == .default ? bg : other.bg,
            modifiers: modifiers.union(other.modifiers))
    }
}
