/// The xterm 256-colour palette as RGB, to pick the closest basic colour on terminals with fewer colours.
enum XtermPalette {
    /// The palette index among the first `count` (8 or 16) colours that looks most like `index`.
    static func nearest(to index: UInt8, among count: Int) -> Int {
        let target = rgb(index)
        let candidates = 0..<min(max(count, 1), basic.count)
        return candidates.min { distance(basic[$0], target) < distance(basic[$1], target) } ?? 0
    }

    /// The entry of the 6×6×6 cube or the grey ramp (16...255) closest to a 24-bit colour; the basic
    /// 16 are left out because terminals often redefine them.
    static func nearestIndex(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let target = (Int(red), Int(green), Int(blue))
        let cube = (cubeStep(target.0), cubeStep(target.1), cubeStep(target.2))
        let cubeIndex = 16 + 36 * cube.0 + 6 * cube.1 + cube.2
        let average = (target.0 + target.1 + target.2) / 3
        let grayStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grayIndex = 232 + grayStep
        let cubeDistance = distance(rgb(UInt8(cubeIndex)), target)
        let grayDistance = distance(rgb(UInt8(grayIndex)), target)
        return UInt8(grayDistance < cubeDistance ? grayIndex : cubeIndex)
    }

    /// The cube level (0...5) nearest to a channel value; the levels are 0, 95, 135, 175, 215, 255.
    private static func cubeStep(_ value: Int) -> Int {
        if value < 48 { return 0 }
        if value < 115 { return 1 }
        return (value - 35) / 40
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
