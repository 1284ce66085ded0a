import Foundation

/// The time range and step of a range query, chosen so that the answer has no more points than the
/// panel can draw: a chart `columns` wide that draws `pointsPerColumn` values in each column (one for
/// block sparklines, two for braille).
///
/// Start and end are multiples of the step. VictoriaMetrics rounds unaligned bounds outwards to
/// cache its answers, which would add a point; aligned bounds come back as asked from both backends.
public struct QueryWindow: Equatable, Sendable {
    public let start: Date
    public let end: Date
    /// Whole seconds, at least one.
    public let step: Int

    /// The points a series without gaps has in this window.
    public var pointCount: Int {
        Int((end.timeIntervalSince1970 - start.timeIntervalSince1970) / Double(step)) + 1
    }

    /// The last `range` seconds before `end`, in at most `maxPoints` points (at least one).
    public init(range: Int, endingAt end: Date, maxPoints: Int, minimumStep: Int = 1) {
        let range = max(range, 1)
        let points = max(maxPoints, 1)
        let intervals = max(points - 1, 1)
        var step = max((range + intervals - 1) / intervals, minimumStep, 1)
        if points == 1 { step = max(range, minimumStep) }
        let endSeconds = Int(end.timeIntervalSince1970.rounded(.down))
        let alignedEnd = endSeconds - ((endSeconds % step) + step) % step
        let steps = points == 1 ? 0 : range / step
        self.start = Date(timeIntervalSince1970: TimeInterval(alignedEnd - steps * step))
        self.end = Date(timeIntervalSince1970: TimeInterval(alignedEnd))
        self.step = step
    }

    /// The window for a chart `columns` wide that draws `pointsPerColumn` values per column.
    public init(range: Int, endingAt end: Date, columns: Int, pointsPerColumn: Int, minimumStep: Int = 1) {
        self.init(range: range, endingAt: end, maxPoints: max(columns, 1) * max(pointsPerColumn, 1), minimumStep: minimumStep)
    }

    /// The step as PromQL writes a duration: `90s`.
    public var stepText: String { "\(step)s" }
}
