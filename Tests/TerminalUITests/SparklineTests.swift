import Testing
import TerminalUI

@Suite("Sparkline")
struct SparklineTests {
    func render(_ sparkline: Sparkline, width: Int, height: Int) -> [String] {
        var buffer = Buffer(width: width, height: height)
        sparkline.render(in: buffer.area, buffer: &buffer)
        return buffer.lines()
    }

    @Test("Each value of 0…7 over a scale of 0…7 gets its own eighth block")
    func blockHeights() {
        let values: [Double?] = (0...7).map(Double.init)
        #expect(render(Sparkline(values: values, minimum: 0, maximum: 7), width: 8, height: 1) == ["▁▂▃▄▅▆▇█"])
        #expect(render(Sparkline(values: values), width: 8, height: 1) == ["▁▂▃▄▅▆▇█"])
    }

    @Test("Gaps and NaN are blank columns; values outside a fixed scale are clamped")
    func gaps() {
        let values: [Double?] = [0, nil, 7, .nan, 3.5, .infinity, -10, 20]
        #expect(render(Sparkline(values: values, minimum: 0, maximum: 7), width: 8, height: 1) == ["▁ █ ▅ ▁█"])
        #expect(render(Sparkline(values: [nil, nil]), width: 4, height: 1) == ["    "])
        #expect(render(Sparkline(values: []), width: 4, height: 1) == ["    "])
    }

    @Test("A flat series sits at the lowest level instead of dividing by zero")
    func flat() {
        #expect(render(Sparkline(values: [5, 5, 5]), width: 4, height: 1) == ["▁▁▁ "])
        #expect(render(Sparkline(values: [5, 5], minimum: 9, maximum: 1), width: 2, height: 2) == ["  ", "▁▁"])
        #expect(render(Sparkline(values: [2, 2], mode: .braille), width: 2, height: 1) == ["⣀ "])
    }

    @Test("Negative values are scaled like any others")
    func negative() {
        #expect(render(Sparkline(values: [-7, -3.5, 0]), width: 3, height: 1) == ["▁▅█"])
    }

    @Test("On several rows the lower rows are full blocks and the top one an eighth block")
    func multiRow() {
        // 0…15 over 3 rows is 24 steps: 0 is one step, 5 is 9 (a row and an eighth), 10 is 16, 15 is 24.
        let values: [Double?] = [0, 5, 10, 15]
        #expect(render(Sparkline(values: values), width: 4, height: 3) == [
            "   █",
            " ▁██",
            "▁███",
        ])
    }

    @Test("Braille draws two values a column, filled from the bottom in four dots a row")
    func braille() {
        let values: [Double?] = [0, 1, 2, 3, nil, 3]
        // 0…3 is 4 dots: 1, 2, 3 and 4 dots high; the gap leaves the left dot column empty.
        #expect(render(Sparkline(values: values, mode: .braille), width: 3, height: 1) == ["⣠⣾⢸"])
        #expect(render(Sparkline(values: [0, 7], mode: .braille), width: 1, height: 2) == ["⢸", "⣸"])
    }

    @Test("Only the most recent values that fit are drawn; capacity says how many that is")
    func capacity() {
        #expect(Sparkline.pointsPerColumn(.blocks) == 1)
        #expect(Sparkline.pointsPerColumn(.braille) == 2)
        #expect(Sparkline.capacity(width: 20, mode: .blocks) == 20)
        #expect(Sparkline.capacity(width: 20, mode: .braille) == 40)
        #expect(Sparkline.capacity(width: -3, mode: .braille) == 0)
        let values: [Double?] = [100, 0, 1, 2, 3]
        #expect(render(Sparkline(values: values), width: 4, height: 1) == ["▁▃▆█"])
    }

    @Test("The legend shows min, max and last in the caller's format, in the caller's words")
    func legend() {
        let values: [Double?] = [0.5, 2, nil, 1.25]
        let english = Sparkline(values: values, format: { "\($0)" })
        #expect(render(english, width: 30, height: 2) == [
            "▁█ ▅                          ",
            "min 0.5  max 2.0  last 1.25   ",
        ])
        let russian = Sparkline(values: values, format: { "\($0) ГБ" }, legendLabels: ("мин", "макс", "посл"))
        #expect(render(russian, width: 20, height: 6) == [
            " █                  ",
            " █                  ",
            " █ ▅                ",
            " █ █                ",
            "▁█ █                ",
            "мин 0.5 ГБ  макс 2.…",
        ])
        #expect(render(russian, width: 20, height: 1) == ["▁█ ▅                "])
    }

    @Test("Tiny and empty areas are drawn without crashing and without spilling over")
    func tiny() {
        let sparkline = Sparkline(values: [1, 2, 3], format: { "\($0)" })
        // One column holds only the last value, a flat series of one; the legend needs a second row.
        #expect(render(sparkline, width: 1, height: 1) == ["▁"])
        #expect(render(sparkline, width: 0, height: 0) == [])
        var buffer = Buffer(width: 4, height: 4)
        buffer.fill(buffer.area, with: Cell(symbol: "·"))
        Sparkline(values: [1, 2, 3, 4, 5], mode: .braille).render(in: Rect(x: 1, y: 1, width: 2, height: 1), buffer: &buffer)
        #expect(buffer.lines() == ["····", "·⣠⣾·", "····", "····"])
    }

    @Test("At every size from 0×0 to 40×8, in both modes, nothing is drawn outside the area")
    func everySize() {
        let values: [Double?] = (0..<100).map { $0 % 7 == 0 ? nil : Double($0 % 13) - 4 }
        for mode in [SparklineMode.blocks, .braille] {
            for width in 0...40 {
                for height in 0...8 {
                    let area = Rect(x: 1, y: 1, width: width, height: height)
                    var buffer = Buffer(width: width + 2, height: height + 2)
                    Sparkline(values: values, mode: mode, format: { "\($0)" }).render(in: area, buffer: &buffer)
                    #expect(Monkey.firstCellDrawnOutside(area, buffer) == nil)
                }
            }
        }
    }
}
