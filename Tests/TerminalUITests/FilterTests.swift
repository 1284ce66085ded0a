import Testing
import TerminalUI

@Suite("Filter")
struct FilterTests {
    func render(_ state: inout FilterState, count: (matching: Int, total: Int)? = nil, width: Int, height: Int = 1) -> [String] {
        var buffer = Buffer(width: width, height: height)
        Filter(count: count).render(in: buffer.area, buffer: &buffer, state: &state)
        return buffer.lines()
    }

    @Test("Substring matches ignore case, in English and in Russian")
    func substring() {
        #expect(Filter.matches("fraud-detector", query: "DETECT"))
        #expect(Filter.matches("Распознавание лиц", query: "ЛИЦ"))
        #expect(Filter.matches("anything", query: ""))
        #expect(!Filter.matches("logs", query: "logsx"))
    }

    @Test("Fuzzy matches take the query's characters in order, and only in order")
    func fuzzy() {
        #expect(Filter.matches("fraud-detector", query: "frdt"))
        #expect(Filter.matches("Распознавание лиц", query: "рспл"))
        #expect(!Filter.matches("fraud-detector", query: "tdrf"))
        #expect(!Filter.matches("", query: "a"))
    }

    @Test("Scores rank a prefix over a word start over a substring over a fuzzy match")
    func scores() throws {
        let prefix = try #require(Filter.score("logs-api", query: "log"))
        let wordStart = try #require(Filter.score("api-logs", query: "log"))
        let inside = try #require(Filter.score("catalogs", query: "log"))
        let fuzzy = try #require(Filter.score("large-object-graph", query: "log"))
        #expect(prefix > wordStart)
        #expect(wordStart > inside)
        #expect(inside > fuzzy)
        #expect(Filter.score("ab", query: "abc") == nil)
        let tight = try #require(Filter.score("frd-x", query: "frd"))
        let loose = try #require(Filter.score("f-r-d", query: "frd"))
        #expect(tight > loose)
    }

    @Test("Typing changes the query for live filtering; Enter applies it, Esc clears it")
    func events() {
        var state = FilterState()
        #expect(state.handle(.char("м")) == .changed("м"))
        #expect(state.handle(.char("л")) == .changed("мл"))
        #expect(state.handle(.left) == .edited)
        #expect(state.handle(.enter) == .applied("мл"))
        #expect(state.handle(.up) == .ignored)
        #expect(state.handle(.escape) == .cancelled)
        #expect(state.query == "")
    }

    @Test("The line shows the prompt, the query and, with room, the match count")
    func snapshot() {
        var state = FilterState(query: "модель")
        #expect(render(&state, count: (12, 340), width: 30) == ["/модель                 12/340"])
        #expect(render(&state, count: (12, 340), width: 20, height: 6) == [
            "/модель       12/340", "                    ", "                    ", "                    ",
            "                    ", "                    ",
        ])
        #expect(render(&state, width: 1) == ["/"])
        #expect(render(&state, width: 0, height: 0) == [])
    }

    @Test("Monkey: random keys and sizes never draw outside the area")
    func monkey() async {
        var state = FilterState()
        var matching = 0
        var steps = 0
        await Monkey.run(seed: 5) { key in
            steps += 1
            // Alt keys are not among the monkey's own keys.
            if case .char(let character) = key, steps % 11 == 0 { _ = state.handle(.alt(character)) }
            if case .changed(let query) = state.handle(key) {
                matching = Filter.matches("Распознавание лиц fraud-detector 漢字", query: query) ? 1 : 0
            }
        } render: { area, buffer in
            Filter(count: (matching, 1)).render(in: area, buffer: &buffer, state: &state)
        }
    }
}
