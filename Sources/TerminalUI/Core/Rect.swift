/// A rectangle of terminal cells; `x`/`y` is the top-left corner, sizes may be zero.
public struct Rect: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var right: Int { x + width }
    public var bottom: Int { y + height }

    /// The overlap of two rectangles; an empty rectangle (never a negative size) when they do not meet.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        return Rect(
            x: left, y: top,
            width: max(0, min(right, other.right) - left),
            height: max(0, min(bottom, other.bottom) - top))
    }

    /// The rectangle shrunk by `by` cells on every side, e.g. the inside of a border.
    public func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }

    /// The first `top` rows and the rest; `top` is clamped to the rectangle.
    public func rows(top: Int) -> (Rect, Rect) {
        let count = min(max(top, 0), max(height, 0))
        return (
            Rect(x: x, y: y, width: width, height: count),
            Rect(x: x, y: y + count, width: width, height: max(height, 0) - count)
        )
    }

    /// The rest and the last `bottom` rows; `bottom` is clamped to the rectangle.
    public func rows(bottom: Int) -> (Rect, Rect) {
        rows(top: max(height, 0) - min(max(bottom, 0), max(height, 0)))
    }

    /// The first `left` columns and the rest; `left` is clamped to the rectangle.
    public func columns(left: Int) -> (Rect, Rect) {
        let count = min(max(left, 0), max(width, 0))
        return (
            Rect(x: x, y: y, width: count, height: height),
            Rect(x: x + count, y: y, width: max(width, 0) - count, height: height)
        )
    }

    /// The rest and the last `right` columns; `right` is clamped to the rectangle.
    public func columns(right: Int) -> (Rect, Rect) {
        columns(left: max(width, 0) - min(max(right, 0), max(width, 0)))
    }
}
