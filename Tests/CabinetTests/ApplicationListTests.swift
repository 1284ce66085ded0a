import Client
import Foundation
import Model
import TerminalUI
import Testing
@testable import Cabinet

/// The screen as a state machine: messages in, a rendered buffer out. No terminal, no server.
@Suite("Applications screen")
struct ApplicationListTests {
    private func app(_ language: Language = .en, width: Int = 120, height: Int = 20) -> CabinetApp {
        let unreachable = URL(string: "http://127.0.0.1:9")!
        var app = CabinetApp(environment: environment(url: unreachable, cache: JSONCache(directory: temporaryDirectory("unused")), language: language),
                             now: Date(timeIntervalSince1970: 1_720_440_780))
        _ = app.update(.resize(width: width, height: height))
        return app
    }

    private func render(_ app: CabinetApp, width: Int = 120, height: Int = 20) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        app.view(into: &buffer)
        return buffer
    }

    private func selectedRow(_ buffer: Buffer) -> String? {
        let selected = shippedTheme.style(for: "ui.table.selected").bg
        return (0..<buffer.area.height).first { buffer[0, $0].style.bg == selected }.map { buffer.lines()[$0] }
    }

    @Test("the table shows name, slug, team, status, components by kind, update time and author")
    func columns() {
        var app = app()
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Date(timeIntervalSince1970: 1_720_440_780)))
        let lines = render(app).lines()
        #expect(lines[1].hasPrefix("Name"))
        for header in ["Slug", "Team", "Status", "ML/P/B/API", "Updated", "Author"] { #expect(lines[1].contains(header)) }
        let row = lines[2]
        for cell in ["Tesseract OCR", "tesseract-ocr", "cii", "● Deployed", "1/0/1/0", "July 2024", "ikrupnov"] {
            #expect(row.contains(cell), "\(cell) in \(row)")
        }
        #expect(lines[3].contains("✖ Deploy failed"))
    }

    @Test("Russian: the web cabinet's words and dates")
    func russian() {
        var app = app(.ru)
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Date(timeIntervalSince1970: 1_720_440_780)))
        let text = render(app).text
        for word in ["Приложения", "Название", "Команда", "Статус", "Автор", "● Развернуто", "✖ Ошибка развертывания", "● в сети", "июля 2024"] {
            #expect(text.contains(word), "\(word)")
        }
        #expect(text.contains("q/F10 выход"))
        #expect(text.contains("↓/j выбор"))
    }

    @Test("j and k (and the arrows) move the selection; it stops at both ends")
    func movement() {
        var app = app()
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Date()))
        #expect(selectedRow(render(app))?.contains("Tesseract OCR") == true)
        _ = app.update(.key(.char("j")))
        #expect(selectedRow(render(app))?.contains("Классификатор обращений") == true)
        _ = app.update(.key(.down))
        _ = app.update(.key(.down))
        #expect(selectedRow(render(app))?.contains("Распознавание речи") == true)
        _ = app.update(.key(.char("k")))
        _ = app.update(.key(.up))
        _ = app.update(.key(.up))
        #expect(selectedRow(render(app))?.contains("Tesseract OCR") == true)
        _ = app.update(.key(.char("G")))
        #expect(selectedRow(render(app))?.contains("Распознавание речи") == true)
    }

    @Test("moving through a long list scrolls so the selection stays on screen, and back up without jumping")
    func scrolling() {
        var app = app(height: 10)
        _ = app.receive(.applicationsFetched(.success(sampleApplications(count: 40)), at: Date()))
        for _ in 0..<20 { _ = app.update(.key(.char("j"))) }
        let down = render(app, height: 10)
        #expect(selectedRow(down)?.contains("Проверка эссе 24") == false)
        #expect(selectedRow(down) != nil)
        let rowsBefore = down.lines()
        _ = app.update(.key(.char("k")))
        let up = render(app, height: 10)
        #expect(selectedRow(up) != nil)
        // One step up inside the visible page moves the highlight, not the page.
        #expect(up.lines()[2...] == rowsBefore[2...] || up.lines()[2] == rowsBefore[2])
    }

    @Test("a selection survives a refresh by slug, even when the order changes")
    func selectionKept() {
        var app = app()
        let apps = sampleApplications()
        _ = app.receive(.applicationsFetched(.success(apps), at: Date()))
        _ = app.update(.key(.char("j")))
        _ = app.receive(.applicationsFetched(.success(apps.reversed()), at: Date()))
        #expect(app.list.selected?.slug == apps[1].slug)
    }

    @Test("q quits; other keys do not")
    func quit() {
        var app = app()
        #expect(app.update(.key(.char("x"))) == nil)
        #expect(app.update(.key(.char("q"))) != nil)
    }

    @Test("keys come from the active keymap: under mc, F10 quits and q does not; hints show mc's keys")
    func keymaps() throws {
        let mc = KeymapLoader(shippedDirectory: shippedKeymapDirectory, userDirectory: nil).load("mc")
        #expect(mc.problems.isEmpty)
        var app = CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:9")!, cache: JSONCache(directory: temporaryDirectory("unused")),
                                                      keymap: mc.keymap))
        _ = app.update(.resize(width: 120, height: 20))
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Date()))
        #expect(app.update(.key(.char("q"))) == nil)
        #expect(app.update(.key(.function(10))) != nil)
        var buffer = Buffer(width: 120, height: 20)
        app.view(into: &buffer)
        #expect(buffer.lines()[19].contains("F10 quit"))
    }

    @Test("? opens a help screen generated from the active keymap; Esc closes it")
    func help() throws {
        var app = app(.ru, width: 100, height: 24)
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Date()))
        _ = app.update(.key(.char("?")))
        #expect(app.help != nil)
        let text = render(app, width: 100, height: 40).text
        #expect(text.contains("Справка"))
        #expect(text.contains("up k"))
        #expect(text.contains("выше"))
        #expect(text.contains("q F10"))
        _ = app.update(.key(.char("j")))
        #expect(app.list.selected?.slug == "tesseract-ocr", "keys scroll the help, not the list")
        _ = app.update(.key(.escape))
        #expect(app.help == nil)
        #expect(!render(app, width: 100, height: 24).text.contains("Справка"))

        var mc = CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:1")!, cache: JSONCache(directory: temporaryDirectory("unused")),
                                                     language: .en, keymap: KeymapLoader(shippedDirectory: shippedKeymapDirectory, userDirectory: nil).load("mc").keymap))
        _ = mc.update(.resize(width: 100, height: 24))
        _ = mc.update(.key(.function(1)))
        let mcText = { var buffer = Buffer(width: 100, height: 24); mc.view(into: &buffer); return buffer.text }()
        #expect(mcText.contains("F10"))
        #expect(!mcText.contains("q F10"))
    }

    @Test("an empty platform shows the empty state, not a blank screen")
    func empty() {
        var app = app(.ru)
        _ = app.receive(.applicationsFetched(.success([]), at: Date()))
        let text = render(app).text
        #expect(text.contains("Пока пусто"))
        #expect(text.contains("Когда будут созданы приложения, они будут отображаться здесь"))
    }

    @Test("before any data arrives the screen says it is loading")
    func loading() {
        #expect(render(app()).text.contains("Loading…"))
    }

    @Test("/ narrows the list as you type (substring, else fuzzy), Enter keeps the filter, Esc clears it", arguments: Language.allCases)
    func filter(language: Language) {
        var app = app(language)
        _ = app.receive(.applicationsFetched(.success(sampleApplications(count: 5)), at: Date()))
        _ = app.update(.key(.char("/")))
        for character in "рчи" { _ = app.update(.key(.char(character))) }
        var text = render(app).text
        #expect(text.contains("Распознавание речи"), "fuzzy: р…ч…и")
        #expect(!text.contains("Tesseract OCR"))
        #expect(text.contains("/рчи"))
        #expect(text.contains("1/5"))
        _ = app.update(.key(.enter))
        #expect(app.list.query == "рчи")
        #expect(app.list.selected?.name == "Распознавание речи")
        _ = app.update(.key(.char("/")))
        for _ in 0..<3 { _ = app.update(.key(.backspace)) }
        for character in "zzz" { _ = app.update(.key(.char(character))) }
        text = render(app).text
        #expect(text.contains(language == .ru ? "Ничего не найдено: Esc сбрасывает фильтр" : "Nothing matches: Esc clears the filter"))
        _ = app.update(.key(.escape))
        #expect(app.list.query.isEmpty)
        #expect(render(app).text.contains("Tesseract OCR"))
    }

    @Test("s sorts by the next column each press, ascending then descending, marked in the header")
    func sorting() {
        var app = app()
        _ = app.receive(.applicationsFetched(.success(sampleApplications(count: 5)), at: Date()))
        _ = app.update(.key(.char("s")))
        #expect(app.list.visible.map(\.name) == sampleApplications(count: 5).map(\.name).sorted { $0.lowercased() < $1.lowercased() })
        #expect(render(app).lines()[1].contains("▲"))
        _ = app.update(.key(.char("s")))
        #expect(app.list.visible.first?.name == "Распознавание речи")
        #expect(render(app).lines()[1].contains("▼"))
        _ = app.update(.key(.char("s")))
        #expect(app.list.sort == Table.Sort(column: 1, ascending: true))
        #expect(app.list.visible.first?.slug == "klassifikator-obrashchenii")
    }
}
