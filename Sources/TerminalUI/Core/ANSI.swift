/// SGR escape sequences for printing styled text outside the full-screen UI (theme previews).
public enum ANSI {
    public static let reset = "\u{1B}[0m"

    /// The sequence that turns `style` on, with colours brought down to `depth`.
    public static func sgr(_ style: Style, depth: ColorDepth) -> String {
        var codes: [String] = []
        if style.modifiers.contains(.bold) { codes.append("1") }
        if style.modifiers.contains(.dim) { codes.append("2") }
        if style.modifiers.contains(.italic) { codes.append("3") }
        if style.modifiers.contains(.underline) { codes.append("4") }
        if style.modifiers.contains(.reverse) { codes.append("7") }
        let shown = style.downgraded(to: depth)
        codes += colour(shown.fg, foreground: true)
        codes += colour(shown.bg, foreground: false)
        return codes.isEmpty ? "" : "\u{1B}[\(codes.joined(separator: ";"))m"
    }

    private static func colour(_ color: Color, foreground: Bool) -> [String] {
        switch color {
        case .default:
            return []
        case .indexed(let index) where index < 8:
            return [String((foreground ? 30 : 40) + Int(index))]
        case .indexed(let index) where index < 16:
            return [String((foreground ? 90 : 100) + Int(index) - 8)]
        case .indexed(let index):
            return [foreground ? "38" : "48", "5", String(index)]
        case .rgb(let red, let green, let blue):
            return [foreground ? "38" : "48", "2", String(red), String(green), String(blue)]
        }
    }
}
