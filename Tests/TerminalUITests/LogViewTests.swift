import Testing
@testable import TerminalUI

@Suite("Log view")
struct LogViewTests {
    func render(_ state: inout LogViewState, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        LogView().render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer
    }

    func log(_ lines: [String], maxLines: Int = 1000) -> LogViewState {
        var state = LogViewState(maxLines: maxLines)
        state.append(contentsOf: lines)
        return state
    }

    /// Presses a key the log view must use.
    func press(_ key: Key, _ state: inout LogViewState, sourceLocation: SourceLocation = #_sourceLocation) {
        let used = state.handle(key)
        #expect(used, "\(key) was not used", sourceLocation: sourceLocation)
    }

    let sample = [
        "07:00:01 INFO  модель загружена",
        "07:00:02 WARN  GPU memory at 91%",
        "07:00:03 INFO  Запрос обработан за 12 мс",
        "07:00:04 ERROR timeout talking to платформа",
        "07:00:05 INFO  ready",
    ]

    @Test("Following, the newest lines fill the bottom at 20×6; long lines are cut by display width")
    func followSnapshot() {
        var state = log(["старт"] + sample)
        #expect(render(&state, width: 20, height: 6).lines() == [
            "старт               ",
            "07:00:01 INFO  моде…",
            "07:00:02 WARN  GPU …",
            "07:00:03 INFO  Запр…",
            "07:00:04 ERROR time…",
            "07:00:05 INFO  ready",
        ])
        state.append("новая строка")
        #expect(render(&state, width: 20, height: 6).lines().last == "новая строка        ")
        #expect(state.isFollowing)
    }

    @Test("With fewer lines than rows the log starts at the top")
    func shortLog() {
        var state = log(["one", "два"])
        #expect(render(&state, width: 6, height: 3).lines() == ["one   ", "два   ", "      "])
    }

    @Test("Scrolling up stops following, new lines then leave the view still; End and G follow again")
    func follow() {
        var state = log((1...20).map { "line \($0)" })
        #expect(render(&state, width: 10, height: 3).lines() == ["line 18   ", "line 19   ", "line 20   "])
        press(.up, &state)
        #expect(!state.isFollowing)
        #expect(render(&state, width: 10, height: 3).lines() == ["line 17   ", "line 18   ", "line 19   "])
        state.append("line 21")
        #expect(render(&state, width: 10, height: 3).lines() == ["line 17   ", "line 18   ", "line 19   "])
        press(.char("k"), &state)
        press(.pageUp, &state)
        #expect(render(&state, width: 10, height: 3).lines()[0] == "line 14   ")
        press(.char("j"), &state)
        press(.pageDown, &state)
        #expect(render(&state, width: 10, height: 3).lines()[0] == "line 17   ")
        press(.char("g"), &state)
        #expect(render(&state, width: 10, height: 3).lines()[0] == "line 1    ")
        press(.up, &state)
        #expect(render(&state, width: 10, height: 3).lines()[0] == "line 1    ")
        press(.char("G"), &state)
        #expect(state.isFollowing)
        #expect(render(&state, width: 10, height: 3).lines() == ["line 19   ", "line 20   ", "line 21   "])
        press(.home, &state)
        press(.end, &state)
        #expect(state.isFollowing)
        for _ in 0..<30 { _ = state.handle(.down) }
        #expect(render(&state, width: 10, height: 3).lines() == ["line 19   ", "line 20   ", "line 21   "])
    }

    @Test("Scrolling down past the end stops at the last screenful")
    func scrollingDownStops() {
        var state = log((1...5).map { "line \($0)" })
        _ = state.handle(.char("g"))
        for _ in 0..<10 { _ = state.handle(.pageDown) }
        #expect(render(&state, width: 10, height: 3).lines() == ["line 3    ", "line 4    ", "line 5    "])
        #expect(!state.isFollowing)
    }

    @Test("Wrapping by display width keeps every character; w toggles it")
    func wrapping() {
        var state = log(["Ошибка: 漢字 timeout", "ok"])
        press(.char("w"), &state)
        #expect(state.isWrapping)
        #expect(render(&state, width: 8, height: 4).lines() == ["Ошибка: ", "漢字 tim", "eout    ", "ok      "])
        #expect(render(&state, width: 8, height: 2).lines() == ["eout    ", "ok      "])
        _ = state.handle(.up)
        #expect(render(&state, width: 8, height: 2).lines() == ["漢字 tim", "eout    "])
        press(.char("w"), &state)
        #expect(render(&state, width: 8, height: 2).lines() == ["Ошибка:…", "ok      "])
        #expect(LogView.wrap("漢字漢", width: 3) == ["漢", "字", "漢"])
        #expect(LogView.wrap("abc", width: 0) == ["abc"])
        #expect(LogView.wrap("", width: 5) == [""])
    }

    @Test("/ types a search; matches are highlighted ignoring case, in Cyrillic too; n and N move between them")
    func search() {
        var state = log(["Ошибка диска", "ok", "ещё ОШИБКА и ошибка", "ok", "ok"])
        _ = state.handle(.char("g"))
        press(.char("/"), &state)
        for character in "ошибка" { press(.char(character), &state) }
        var buffer = render(&state, width: 20, height: 3)
        #expect(buffer.lines() == ["Ошибка диска        ", "ok                  ", "/ошибка             "])
        press(.enter, &state)
        #expect(state.searchQuery == "ошибка")
        buffer = render(&state, width: 20, height: 3)
        #expect(buffer.lines() == ["Ошибка диска        ", "ok                  ", "ещё ОШИБКА и ошибка "])
        let highlighted = { (y: Int) in (0..<20).filter { buffer[$0, y].style.modifiers.contains(.reverse) } }
        #expect(highlighted(0) == Array(0..<6))
        #expect(highlighted(1) == [])
        #expect(highlighted(2) == Array(4..<10) + Array(13..<19))
        #expect(state.currentMatch == 0)
        #expect(buffer[0, 0].style.modifiers.contains(.bold))
        #expect(!buffer[4, 2].style.modifiers.contains(.bold))

        press(.char("n"), &state)
        #expect(state.currentMatch == 2)
        press(.char("n"), &state)
        #expect(state.currentMatch == 0)
        press(.char("N"), &state)
        #expect(state.currentMatch == 2)
        press(.escape, &state)
        #expect(state.searchQuery == "")
        let used = state.handle(.escape)
        #expect(!used, "Esc with no search is left to the caller")
    }

    @Test("A match off screen is scrolled into view and following stops")
    func searchScrolls() {
        var state = log(["needle here"] + (1...50).map { "line \($0)" })
        _ = render(&state, width: 12, height: 4)
        state.search("NEEDLE")
        #expect(!state.isFollowing)
        #expect(render(&state, width: 12, height: 4).lines()[0] == "needle here ")
        state.search("nothing")
        #expect(state.currentMatch == nil)
        _ = state.handle(.char("/"))
        _ = state.handle(.char("x"))
        press(.escape, &state)
        #expect(state.searchInput == nil)
        #expect(state.searchQuery == "nothing")
    }

    @Test("Memory stays bounded by lines and by bytes over a million appends, and drops are counted")
    func boundedMemory() {
        var state = LogViewState(maxLines: 1000, maxBytes: 20_000)
        for number in 0..<1_000_000 {
            state.append("line \(number) Ошибка")
        }
        #expect(state.lineCount <= 1000)
        #expect(state.byteCount <= 20_000)
        #expect(state.lineCount + state.droppedLineCount == 1_000_000)
        #expect(state.line(at: state.lineCount - 1) == "line 999999 Ошибка")
        #expect(state.lineCount > 500)

        var byLines = LogViewState(maxLines: 3, maxBytes: 1 << 20)
        byLines.append("a\nb\nc\nd\ne")
        #expect(byLines.lineCount == 3)
        #expect(byLines.droppedLineCount == 2)
        #expect((0..<3).map { byLines.line(at: $0) } == ["c", "d", "e"])

        var byBytes = LogViewState(maxLines: 100, maxBytes: 10)
        byBytes.append("ёёё")
        byBytes.append("abcd")
        byBytes.append("ёёё")
        #expect(byBytes.byteCount == 10)
        #expect(byBytes.droppedLineCount == 1)
        byBytes.append("a line longer than the whole budget")
        #expect(byBytes.line(at: 0) == "a line lon")
        #expect(byBytes.lineCount == 1)
        byBytes.clear()
        #expect(byBytes.lineCount == 0)
        #expect(byBytes.byteCount == 0)
        #expect(byBytes.droppedLineCount == 4)
    }

    @Test("A viewer scrolled to lines that are then dropped moves to the oldest kept line")
    func scrolledPastDropped() {
        var state = LogViewState(maxLines: 5)
        state.append(contentsOf: (1...5).map { "line \($0)" })
        _ = state.handle(.char("g"))
        state.append(contentsOf: (6...8).map { "line \($0)" })
        #expect(render(&state, width: 8, height: 2).lines() == ["line 4  ", "line 5  "])
    }

    @Test("Tiny and empty areas draw nothing outside the area", arguments: [
        Rect(x: 1, y: 1, width: 1, height: 1), Rect(x: 2, y: 2, width: 0, height: 0), Rect(x: 0, y: 4, width: 5, height: 1),
    ])
    func tiny(area: Rect) {
        var state = log(sample)
        state.isWrapping = true
        _ = state.handle(.char("/"))
        var buffer = Buffer(width: 5, height: 5)
        LogView().render(in: area, buffer: &buffer, state: &state)
        #expect(Monkey.firstCellDrawnOutside(area, buffer) == nil)
    }

    @Test("Monkey: random keys, appends and sizes never draw outside the area")
    func monkey() async {
        var state = LogViewState(maxLines: 200, maxBytes: 8_000)
        var count = 0
        await Monkey.run(seed: 7, steps: 50_000, renderEvery: 25) { key in
            count += 1
            if count % 3 == 0 {
                state.append("строка \(count) 漢字 🚀 line \(count % 97)\(count % 5 == 0 ? "\nsecond\tpart" : "")")
            }
            // Alt keys are not among the monkey's own keys.
            if case .char(let character) = key, count % 11 == 0 { _ = state.handle(.alt(character)) }
            _ = state.handle(key)
        } render: { area, buffer in
            LogView().render(in: area, buffer: &buffer, state: &state)
        }
        #expect(state.lineCount <= 200)
        #expect(state.byteCount <= 8_000)
    }
}
