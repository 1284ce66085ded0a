import Foundation
import Testing
import TerminalUI

@Suite("Toast")
struct ToastTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    func render(_ state: ToastState, width: Int, height: Int, at time: Date) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        Toast(maxWidth: 20).render(in: buffer.area, buffer: &buffer, state: state, now: time)
        return buffer
    }

    @Test("Shown at the bottom-right until it expires")
    func lifetime() {
        var state = ToastState()
        #expect(!state.isVisible(at: now))
        state.show("Сохранено", at: now, for: 3)
        #expect(state.isVisible(at: now.addingTimeInterval(2.9)))
        #expect(!state.isVisible(at: now.addingTimeInterval(3)))
        #expect(render(state, width: 20, height: 6, at: now).lines() == [
            "                    ",
            "                    ",
            "                    ",
            "       ┌───────────┐",
            "       │ Сохранено │",
            "       └───────────┘",
        ])
        #expect(render(state, width: 20, height: 6, at: now.addingTimeInterval(5)).lines().allSatisfy { $0.allSatisfy { $0 == " " } })
        #expect(render(state, width: 1, height: 1, at: now).lines() == [" "])
        #expect(render(state, width: 0, height: 0, at: now).lines() == [])
    }
}
