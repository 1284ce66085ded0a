/// The xterm 256-colour palette as RGB, to pick the closest basic colour on terminals with fewer colours.
enum XtermPalette {
    /// The palette index among the first `count` (8 or 16) colours that looks most like `index`.
    static func nearest(to index: UInt8, among count: Int) -> Int {
        let target = rgb(index)
        let candidates = 0..<min(max(count, 1), basic.count)
        return candidates.min { distance(basic[$0], target) < distance(basic[$1], target) } ?? 0
    }

    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            return basic[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        default:
            let gray = 8 + 10 * (Int(index) - 232)
            return (gray, gray, gray)
        }
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// xterm's default values for the 16 basic colours.
    private static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
