/// A column of a `Table`: its header title, how wide it may be, and how its text is aligned.
public struct TableColumn: Sendable {
    public enum Width: Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// At least `min` columns, plus a share of the spare width proportional to `weight`, up to
        /// `max` when given (what a capped column cannot take goes to the others).
        case flex(min: Int, max: Int? = nil, weight: Int)

        var minimum: Int {
            switch self {
            case .fixed(let width): max(width, 0)
            case .flex(let minimum, _, _): max(minimum, 0)
            }
        }

        var maximum: Int? {
            switch self {
            case .fixed(let width): max(width, 0)
            case .flex(let minimum, let maximum, _): maximum.map { Swift.max($0, minimum, 0) }
            }
        }

        var weight: Int {
            switch self {
            case .fixed: 0
            case .flex(_, _, let weight): max(weight, 0)
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
