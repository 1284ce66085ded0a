/// How a `Sparkline` turns values into glyphs.
public enum SparklineMode: Sendable {
    /// One value per column, eighth blocks `▁▂▃▄▅▆▇█`: readable on any terminal font.
    case blocks
    /// Two values per column in braille dots, four dots high per row: twice the history in the same width.
    case braille
}
