/// Where text sits inside a column wider than the text.
public enum Alignment: Sendable {
    case left, right
}
