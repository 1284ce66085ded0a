/// How many colours a terminal shows, from none (NO_COLOR, or a monochrome terminal) to 24-bit.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    case none = 0
    case ansi8
    case ansi16
    case palette256
    case truecolor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The depth to draw with, given the environment and the number of colours the terminal
    /// description (terminfo `colors`) claims. NO_COLOR with any non-empty value turns colour off
    /// (no-color.org); COLORTERM=truecolor or 24bit raises a colour terminal to 24-bit, as terminals
    /// say so there rather than in terminfo.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminalColors < 8 { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" || terminalColors >= 1 << 24 { return .truecolor }
        if terminalColors >= 256 { return .palette256 }
        if terminalColors >= 16 { return .ansi16 }
        return .ansi8
    }
}
