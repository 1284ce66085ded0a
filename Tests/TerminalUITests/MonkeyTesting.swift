import Testing
import TerminalUI
import TestSupport

/// Random keys and window sizes thrown at a widget: after each step the widget is drawn into a buffer
/// larger than its area, and nothing may appear outside the area.
enum Monkey {
    static let specialKeys: [Key] =
        [.enter, .escape, .backspace, .tab, .backTab, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
         .insert, .delete, .function(1), .function(5), .function(12)]
        + "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }

    static let cyrillic = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
    static let wide = Array("漢字模型日本語中文한국어")
    static let emoji: [Character] = ["🚀", "❤️", "🇷🇺", "👍🏽", "👩‍💻", "\u{301}", "\u{200D}", "\t"]

    static func key(_ random: inout SplitMix64) -> Key {
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1: .char(Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random))))
        case 2, 3: .char(cyrillic.randomElement(using: &random)!)
        case 4: .char(wide.randomElement(using: &random)!)
        case 5: .char(emoji.randomElement(using: &random)!)
        default: specialKeys.randomElement(using: &random)!
        }
    }

    /// Runs `steps` random keys, each followed by a random area from 0×0 to 200×60; the widget is drawn
    /// every `renderEvery` steps. `step` handles a key; `render` draws into an area of the buffer.
    /// Every few hundred steps it yields, so that a long run does not hold a thread of the
    /// cooperative pool for seconds while tests of other suites wait for one.
    static func run(
        seed: UInt64, steps: Int = 50_000, renderEvery: Int = 25,
        step: (Key) -> Void, render: (Rect, inout Buffer) -> Void
    ) async {
        var random = SplitMix64(seed: seed)
        for number in 0..<steps {
            if number % 250 == 0 { await Task.yield() }
            step(key(&random))
            let area = Rect(
                x: 2, y: 2, width: Int.random(in: 0...200, using: &random), height: Int.random(in: 0...60, using: &random))
            guard number % renderEvery == 0 else { continue }
            var buffer = Buffer(width: area.width + 4, height: area.height + 4)
            render(area, &buffer)
            if let cell = firstCellDrawnOutside(area, buffer) {
                Issue.record("step \(number): cell \(cell) outside \(area) was drawn")
                return
            }
        }
    }

    static func firstCellDrawnOutside(_ area: Rect, _ buffer: Buffer) -> (x: Int, y: Int)? {
        for y in 0..<buffer.area.height {
            let columns: [Int] =
                y >= area.y && y < area.bottom
                ? Array(0..<area.x) + Array(area.right..<buffer.area.width) : Array(0..<buffer.area.width)
            if let x = columns.first(where: { buffer[$0, y] != .blank }) { return (x, y) }
        }
        return nil
    }
}
