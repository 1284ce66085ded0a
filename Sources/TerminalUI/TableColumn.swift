/// A column of a `Table`: its header title, how wide it may be, and how its text is aligned.
public struct TableColumn: Sendable {
    public enum Width: Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// At least `min` columns, plus a share of the spare width proportional to `weight`.
        case flex(min: Int, weight: Int)

        var minimum: Int {
            switch self {
            case .fixed(let width): max(width, 0)
            case .flex(let minimum, _): max(minimum, 0)
            }
        }

        var weight: Int {
            switch self {
            case .fixed: 0
            case .flex(_, let weight): max(weight, 0)
            }
        }
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment

    public init(_ title: String, width: Width, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}
