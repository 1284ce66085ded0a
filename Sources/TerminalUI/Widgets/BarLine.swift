/// The layout shared by `TopBar` and `StatusBar`: left segments from the left edge, right segments
/// against the right edge, one space between segments. On a narrow line the right side wins, except
/// that the left keeps at least `minimumLeftWidth` columns of its first segment.
struct BarLine {
    var left: [BarSegment]
    var right: [BarSegment]
    var minimumLeftWidth: Int
    var style: Style

    func render(in area: Rect, buffer: inout Buffer) {
        let row = area.intersection(buffer.area).rows(top: 1).0
        guard !row.isEmpty else { return }
        buffer.fill(row, with: Cell(symbol: " ", style: style))
        let leftWidth = width(of: left)
        let rightWidth = width(of: right)
        let keptLeft = min(leftWidth, max(minimumLeftWidth, 0), row.width)
        let gap = leftWidth > 0 && rightWidth > 0 ? 1 : 0
        let rightRoom = min(rightWidth, max(0, row.width - keptLeft - (keptLeft > 0 ? gap : 0)))
        let leftRoom = min(leftWidth, max(0, row.width - rightRoom - (rightRoom > 0 ? gap : 0)))
        draw(left, x: row.x, y: row.y, room: leftRoom, buffer: &buffer)
        draw(right, x: row.right - rightRoom, y: row.y, room: rightRoom, buffer: &buffer)
    }

    private func width(of segments: [BarSegment]) -> Int {
        segments.reduce(0) { $0 + DisplayWidth.of($1.text) } + max(segments.count - 1, 0)
    }

    /// The segments in `room` columns; the last one that fits only partly ends in "…".
    private func draw(_ segments: [BarSegment], x: Int, y: Int, room: Int, buffer: inout Buffer) {
        var used = 0
        for (index, segment) in segments.enumerated() {
            if index > 0 { used += 1 }
            let left = room - used
            guard left > 0 else { return }
            let text = DisplayWidth.truncate(segment.text, to: left)
            let segmentStyle = segment.style.map { style.patched(with: $0) } ?? style
            used += buffer.setString(x: x + used, y: y, text, style: segmentStyle, maxWidth: left)
        }
    }
}
