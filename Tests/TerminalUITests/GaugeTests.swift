import Testing
import TerminalUI

@Suite("Gauge")
struct GaugeTests {
    func render(_ gauge: Gauge, width: Int, height: Int = 1) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        gauge.render(in: buffer.area, buffer: &buffer)
        return buffer
    }

    @Test("Label, a bar to the eighth of a column, and the percentage")
    func snapshot() {
        let gauge = Gauge(used: 3.5, of: 8, label: "3.5 of 8 vCPU")
        // 30 columns: 13 label + space, 12 bar, space, "44%"; 3.5/8 of 12 columns is 5 and 2/8.
        #expect(render(gauge, width: 30).lines() == ["3.5 of 8 vCPU █████▎······ 44%"])
        #expect(Gauge(used: 3.5, of: 8).level == .normal)
    }

    @Test("At 20×6 the Russian label is cut to leave the bar room; only the first row is drawn")
    func russian() {
        let buffer = render(Gauge(used: 12, of: 16, label: "12 из 16 ГБ памяти"), width: 20, height: 6)
        #expect(buffer.lines() == ["12 из 16 Г… ███· 75%"] + Array(repeating: String(repeating: " ", count: 20), count: 5))
    }

    @Test("Warning and critical styles start at their thresholds")
    func levels() {
        #expect(Gauge(used: 79, of: 100).level == .normal)
        #expect(Gauge(used: 80, of: 100).level == .warning)
        #expect(Gauge(used: 95, of: 100).level == .critical)
        #expect(Gauge(used: 5, of: 10, warningThreshold: 0.5, criticalThreshold: 0.9).level == .warning)
        let styles = GaugeStyles()
        #expect(render(Gauge(used: 1, of: 10), width: 10)[0, 0].style == styles.normal)
        #expect(render(Gauge(used: 9, of: 10), width: 10)[0, 0].style == styles.warning)
        #expect(render(Gauge(used: 10, of: 10), width: 10)[0, 0].style == styles.critical)
    }

    @Test("Over the limit the bar is full, the percentage true and the style critical")
    func overLimit() {
        let gauge = Gauge(used: 10, of: 8, label: "10 of 8")
        #expect(gauge.level == .critical)
        #expect(render(gauge, width: 20).lines() == ["10 of 8 ███████ 125%"])
    }

    @Test("A zero limit: nothing used is 0 %, anything used is over it; negative and NaN use is none")
    func zeroLimit() {
        #expect(render(Gauge(used: 0, of: 0), width: 10).lines() == ["······· 0%"])
        #expect(Gauge(used: 0, of: 0).level == .normal)
        #expect(render(Gauge(used: 1, of: 0), width: 10).lines() == ["████ >100%"])
        #expect(Gauge(used: 1, of: 0).level == .critical)
        #expect(Gauge(used: -3, of: 8).percentText == "0%")
        #expect(Gauge(used: .nan, of: 8).percentText == "0%")
    }

    @Test("Narrow rows keep the percentage first, then the bar; tiny areas do not spill over")
    func narrow() {
        let gauge = Gauge(used: 4, of: 8, label: "4 of 8 GPU")
        #expect(render(gauge, width: 8).lines() == ["██·· 50%"])
        #expect(render(gauge, width: 3).lines() == ["50%"])
        #expect(render(gauge, width: 2).lines() == ["5…"])
        #expect(render(gauge, width: 1).lines() == ["…"])
        #expect(render(gauge, width: 0, height: 0).lines() == [])
    }

    @Test("At every size from 0×0 to 40×3 and any usage, nothing is drawn outside the area")
    func everySize() {
        for used in [-1.0, 0, 3.5, 8, 100, .nan, .infinity] {
            for width in 0...40 {
                for height in 0...3 {
                    let area = Rect(x: 1, y: 1, width: width, height: height)
                    var buffer = Buffer(width: width + 2, height: height + 2)
                    Gauge(used: used, of: 8, label: "\(used) из 8 vCPU").render(in: area, buffer: &buffer)
                    #expect(Monkey.firstCellDrawnOutside(area, buffer) == nil)
                }
            }
        }
    }
}
