import Client
import Dashboards
import Foundation
import Model
import TerminalUI
import Testing
@testable import Cabinet

/// The screens above the list as state machines: keys and platform answers in, a rendered
/// buffer out. No terminal, no server; every screen in Russian and English and at 20×6.
@Suite("Cabinet screens")
struct ScreenTests {
    static let now = screenTestsNow

    static let teams = [
        Team(slug: "cii", name: "ЦИИ", members: [TeamMember(login: "ikrupnov", role: .owner), TeamMember(login: "tester", role: .developer)]),
        Team(slug: "sp4", name: "СП4", members: [TeamMember(login: "dpetrov", role: .maintainer)]),
    ]
    static let templates = [
        TemplateSummary(slug: "empty", name: "Без шаблона", components: []),
        TemplateSummary(slug: "ml-component-box", name: "ML-компонент + ящик",
                        components: [.init(kind: .dataBox, name: "model"), .init(kind: .mlComponent, name: "inference")]),
    ]
    static let components = [
        Component(name: "model", spec: .dataBox(DataBoxSpec(s3DefaultStorage: S3DefaultStorage(capacity: "2G"))),
                  status: Status(phase: .deployed, reason: "Ready", message: "Проверка готовности пройдена", time: now)),
        Component(name: "inference", spec: .mlComponent(MLComponentSpec(image: ImageReference(existingImageName: "tesseract:5"), modelBox: "model")),
                  status: Status(phase: .failed, reason: "CrashLoopBackOff", message: "exit 1", time: now)),
    ]
    static let grants = [
        AccessGrant(id: 1, subject: .user("dpetrov"), role: .viewer, createdAt: now, createdBy: "ikrupnov"),
        AccessGrant(id: 2, subject: .team("sp4"), role: .developer, createdAt: now, createdBy: "ikrupnov"),
    ]
    static let events = [
        Event(id: 2, time: now, application: "tesseract-ocr", component: "inference", type: .warning, reason: "CrashLoopBackOff",
              message: "Процесс завершился с кодом 1", actor: "platform"),
        Event(id: 1, time: now.addingTimeInterval(-60), application: "tesseract-ocr", component: "inference", type: .normal,
              reason: "Created", message: "Компонент создан", actor: "ikrupnov"),
    ]

    private func app(_ language: Language = .en, width: Int = 120, height: Int = 30) -> CabinetApp {
        var app = listedApp(language)
        _ = app.update(.resize(width: width, height: height))
        for (resource, value) in [(Resource.teams, ResourceValue.teams(Self.teams)), (.templates, .templates(Self.templates))] {
            _ = app.receive(.resourceFetched(resource, .success(Tagged(value)), at: Self.now))
        }
        return app
    }

    // MARK: - Create application

    @Test("n opens Создание приложения with the web cabinet's fields, a 0/1000 counter and Создать / Отмена", arguments: Language.allCases)
    func createForm(language: Language) {
        var app = app(language)
        _ = app.update(.key(.char("n")))
        let text = render(app)
        let words = language == .ru
            ? ["Приложения › Создание приложения", "Заполните все необходимые поля для создания приложения", "Команда", "Шаблон",
               "Название приложения", "Описание приложения", "Введите описание модели и критерии оценки", "0/1000", "Создать", "Отмена"]
            : ["Applications › Create application", "Fill in all required fields to create the application", "Team", "Template",
               "Application name", "Application description", "Describe the model and how it is evaluated", "0/1000", "Create", "Cancel"]
        for word in words { #expect(text.contains(word), "\(word)\n\(text)") }
        #expect(text.contains(language == .ru ? "Без шаблона" : "No template"), "the first template is chosen")
    }

    @Test("the slug follows the name until edited, is checked as you type, and q types a q instead of quitting")
    func slugAndValidation() throws {
        var app = app(.ru)
        _ = app.update(.key(.char("n")))
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        type("Распознавание qr", into: &app)
        var screen = try #require(app.stack.last as? CreateApplicationScreen)
        #expect(screen.draft.slug == "raspoznavanie-qr")
        #expect(render(app).contains("raspoznavanie-qr"))
        _ = app.update(.key(.tab))
        type("_", into: &app)
        screen = try #require(app.stack.last as? CreateApplicationScreen)
        #expect(screen.draft.slugEdited)
        #expect(render(app).contains("Только строчные латинские буквы, цифры и дефис"))
        _ = app.update(.key(.backspace))
        #expect(!render(app).contains("Только строчные"))
    }

    @Test("a 1001st character of the description is refused and the field says why; a deleted one takes the reason away", arguments: Language.allCases)
    func fieldFull(language: Language) throws {
        var app = app(language)
        _ = app.update(.key(.char("n")))
        for _ in 0..<4 { _ = app.update(.key(.tab)) }
        type(String(repeating: "a", count: 1000), into: &app)
        let reason = language == .ru ? "Не больше 1000 символов: поле заполнено" : "At most 1000 characters: the field is full"
        #expect(!render(app).contains(reason), "full is not yet refused")
        type("b", into: &app)
        let screen = try #require(app.stack.last as? CreateApplicationScreen)
        #expect(screen.draft.description == String(repeating: "a", count: 1000), "the 1001st is not taken")
        var text = render(app)
        #expect(text.contains(reason) && text.contains("1000/1000"), "\(text)")
        _ = app.update(.key(.backspace))
        text = render(app)
        #expect(!text.contains(reason) && text.contains("999/1000"), "\(text)")
    }

    @Test("Esc leaves the form and n brings the draft back; a created application replaces the form with its page")
    func draftAndCreation() throws {
        var app = app()
        _ = app.update(.key(.char("n")))
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        type("Speech to text", into: &app)
        _ = app.update(.key(.escape))
        #expect(app.stack.isEmpty)
        #expect(app.draft?.name == "Speech to text")
        _ = app.update(.key(.char("n")))
        #expect(render(app).contains("speech-to-text"))

        // Tab from the team to the buttons (template, name, slug, description, buttons) and press Создать.
        for _ in 0..<5 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        let screen = try #require(app.stack.last as? CreateApplicationScreen)
        #expect(screen.submitting)
        #expect(render(app).contains("Creating…"))
        _ = app.update(.key(.char("x")))
        #expect((app.stack.last as? CreateApplicationScreen)?.draft.name == "Speech to text", "keys wait while the platform is asked")

        let new = NewApplication(name: "Speech to text", slug: "speech-to-text", description: "", team: "cii", template: "empty")
        _ = app.receive(.actionFinished(.createApplication(new), .failure(.rejected(
            status: 409, title: "Conflict", detail: nil, fields: ["slug": "speech-to-text is taken"]))))
        #expect(render(app).contains("speech-to-text is taken"), "the platform's error under its field")

        // The failure focused the slug: description, then the buttons.
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        var created = sampleApplications(count: 1)[0]
        created.slug = "speech-to-text"
        created.name = "Speech to text"
        _ = app.receive(.actionFinished(.createApplication(new), .success(.application(created))))
        #expect(app.stack.last is ApplicationScreen)
        #expect(app.draft == nil, "the draft goes once the application exists")
    }

    @Test("in forms the keymap's cancel key leaves (C-g under emacs, F10 under mc), while letters are typed")
    func formCancelKeys() {
        for (name, cancel) in [("emacs", Key.ctrl("g")), ("mc", Key.function(10))] {
            let keymap = KeymapLoader(shippedDirectory: shippedKeymapDirectory, userDirectory: nil).load(name).keymap
            var app = CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:9")!, cache: JSONCache(directory: temporaryDirectory("unused")),
                                                          keymap: keymap), now: Self.now)
            _ = app.update(.resize(width: 120, height: 30))
            _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
            _ = app.update(.key(name == "emacs" ? .char("+") : .function(7)))
            #expect(app.stack.last is CreateApplicationScreen, "\(name)")
            _ = app.update(.key(.tab))
            _ = app.update(.key(.tab))
            type("q+g", into: &app)
            #expect((app.stack.last as? CreateApplicationScreen)?.draft.name == "q+g", "\(name)")
            _ = app.update(.key(cancel))
            #expect(app.stack.isEmpty, "\(name)")
        }
    }

    /// Not "waits" and then nothing: a create pressed offline is clearly not sent, and nothing is
    /// sent behind the user's back when the platform answers again; the form and its text stay.
    @Test("offline, the form keeps what was typed and Создать says it was not sent; back online, it is sent when pressed again", arguments: Language.allCases)
    func offlineCreate(language: Language) {
        var app = app(language)
        _ = app.receive(.applicationsFetched(.failure(.unreachable("connection refused")), at: Self.now))
        _ = app.update(.key(.char("n")))
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        type("Офлайн", into: &app)
        for _ in 0..<3 { _ = app.update(.key(.tab)) }
        #expect(app.update(.key(.enter)) == nil, "nothing goes to the platform")
        var text = render(app)
        #expect(text.contains(language == .ru ? "Нет соединения с платформой: действие недоступно" : "Platform unreachable: not sent, try again once it answers"))
        #expect(!text.contains("waits"))
        #expect(text.contains("Офлайн"))
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
        text = render(app)
        #expect(text.contains("Офлайн") && !text.contains(language == .ru ? "Создание…" : "Creating…"), "not sent by itself")
        #expect(app.update(.key(.enter)) != nil, "pressed again online, it goes")
        #expect(render(app).contains(language == .ru ? "Создание" : "Creating"))
    }

    /// A terminal as small as 20×6 leaves one row under the form's title: it must be the focused
    /// field's input, showing what is typed, in every form.
    @Test("at 20×6 the focused field shows what is typed: the create form and a component's form", arguments: Language.allCases)
    func typedTextAtTheSmallestSize(language: Language) {
        var app = app(language, width: 20, height: 6)
        _ = app.update(.key(.char("n")))
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        type("Abc", into: &app)
        #expect(render(app, width: 20, height: 6).contains("Abc"), "\(render(app, width: 20, height: 6))")
        _ = app.update(.key(.tab))
        type("-x", into: &app)
        #expect(render(app, width: 20, height: 6).contains("-x"), "the slug: \(render(app, width: 20, height: 6))")

        var page = self.app(language, width: 20, height: 6)
        _ = page.update(.key(.enter))
        feed(&page, .components(application: "tesseract-ocr"), .components(Self.components))
        _ = page.update(.key(.char("n")))
        type("Zz9", into: &page)
        #expect(render(page, width: 20, height: 6).contains("Zz9"), "\(render(page, width: 20, height: 6))")
    }

    /// The status line is the platform's latest status message: worded from its code like the
    /// events, its reason too, so the Russian page says nothing in the platform's English.
    @Test("a component's status line is in the cabinet's language on the application page and the component page", arguments: Language.allCases)
    func statusLineWorded(language: Language) throws {
        var app = app(language)
        _ = app.update(.key(.enter))
        var serving = Self.components
        let index = try #require(serving.firstIndex { $0.name == "inference" })
        serving[index].status = Status(phase: .deployed, reason: "Deployed", message: "Serving on 127.0.0.1:8002", time: Self.now,
                                   code: "serving", parameters: ["port": "8002"])
        feed(&app, .components(application: "tesseract-ocr"), .components(serving))
        let expected = language == .ru ? "Развернуто: Работает на 127.0.0.1:8002" : "Deployed: Serving on 127.0.0.1:8002"
        #expect(render(app, width: 160).contains(expected), "\(render(app, width: 160))")
        _ = app.update(.key(.enter))
        #expect(render(app, width: 160).contains(expected), "the component page: \(render(app, width: 160))")
    }

    // MARK: - Application page

    @Test("Enter opens the application page: header, tabs, sub-tabs with counts, the empty state", arguments: Language.allCases)
    func applicationPage(language: Language) {
        var app = app(language)
        _ = app.update(.key(.enter))
        feed(&app, .components(application: "tesseract-ocr"), .components(Self.components))
        var text = render(app)
        let words = language == .ru
            ? ["Приложения › Tesseract OCR", "Tesseract OCR · tesseract-ocr", "● Развернуто", "Обновлен 8 июля 2024", "Автор: ikrupnov",
               "Компоненты", "Настройки", "Доступы и безопасность", "ML-компоненты (1)", "Пайплайны (0)", "Ящики (1)", "API-компоненты (0)",
               "+ Добавить ML-компонент", "inference", "✖ Ошибка развертывания"]
            : ["Applications › Tesseract OCR", "● Deployed", "Updated 8 July 2024", "Author: ikrupnov", "Components", "Settings",
               "Access and security", "ML components (1)", "Pipelines (0)", "Boxes (1)", "API components (0)", "+ Add ML component", "inference"]
        for word in words { #expect(text.contains(word), "\(word)\n\(text)") }
        _ = app.update(.key(.right))
        text = render(app)
        #expect(text.contains(language == .ru ? "Пока пусто" : "Nothing here yet"))
        #expect(text.contains(language == .ru ? "Когда будут добавлены Пайплайны, они будут отображаться здесь" : "Pipelines will appear here once added"))
        _ = app.update(.key(.escape))
        #expect(app.stack.isEmpty)
    }

    @Test("a component form fitted to its kind checks references before sending, and sends a valid one")
    func componentForm() throws {
        var app = app()
        _ = app.update(.key(.enter))
        feed(&app, .components(application: "tesseract-ocr"), .components(Self.components))
        _ = app.update(.key(.char("n")))
        var text = render(app)
        for label in ["+ Add ML component", "Component name", "Image", "Service port", "Model box", "8002", "Run command (local)", "Working directory"] {
            #expect(text.contains(label), "\(label)")
        }
        type("ocr", into: &app)
        _ = app.update(.key(.tab))
        type("python:3.11", into: &app)
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        type("nobox", into: &app)
        for _ in 0..<6 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        text = render(app)
        #expect(text.contains("No such component among Boxes: nobox"), "\(text)")
        // The failure focused the box field: fix the name and send.
        for _ in 0..<5 { _ = app.update(.key(.backspace)) }
        type("model", into: &app)
        for _ in 0..<4 { _ = app.update(.key(.tab)) }
        type("python3 service.py", into: &app)
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        let page = try #require(app.stack.last as? ApplicationScreen)
        #expect(page.editor?.submitting == true)
        if case .mlComponent(let spec)? = page.editor?.build(others: Self.components).spec {
            #expect(spec.run?.command == "python3 service.py", "the run command goes into spec.run")
        } else {
            Issue.record("not an ML component")
        }
    }

    @Test("d on a component asks for its name; Settings edits the name and deletes with the slug typed")
    func deleteAndSettings() throws {
        var app = app(.ru)
        _ = app.update(.key(.enter))
        feed(&app, .components(application: "tesseract-ocr"), .components(Self.components))
        _ = app.update(.key(.char("d")))
        #expect(app.confirmation?.action == .deleteComponent(application: "tesseract-ocr", name: "inference"))
        #expect(render(app).contains("Компонент inference будет удалён"))
        _ = app.update(.key(.escape))
        #expect(app.confirmation == nil)

        _ = app.update(.key(.tab))
        var text = render(app)
        #expect(text.contains("Сохранить"))
        #expect(text.contains("Удалить приложение"))
        // Tab to the buttons, then right to Удалить приложение.
        for _ in 0..<3 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.right))
        _ = app.update(.key(.enter))
        #expect(app.confirmation?.action == .deleteApplication(slug: "tesseract-ocr"))
        type("tesseract", into: &app)
        _ = app.update(.key(.enter))
        text = render(app)
        #expect(app.confirmation != nil, "a wrong name does not delete")
        type("-ocr", into: &app)
        _ = app.update(.key(.enter))
        #expect(app.confirmation == nil)
        _ = app.receive(.actionFinished(.deleteApplication(slug: "tesseract-ocr"), .success(.deleted)))
        #expect(app.stack.isEmpty, "the deleted application's page closes")
        #expect(!app.list.applications.contains { $0.slug == "tesseract-ocr" })
        #expect(render(app).contains("Удалено: tesseract-ocr"))
    }

    @Test("the application page's tabs are a ring: Tab goes through the Settings form, past its last button, to Access and security")
    func tabsAreARing() {
        var app = app(.en)
        _ = app.update(.key(.enter))
        func tab() -> ApplicationScreen.Tab? { (app.stack.last as? ApplicationScreen)?.tab }
        _ = app.update(.key(.tab))
        #expect(tab() == .settings)
        var presses = 0
        while tab() == .settings, presses < 20 {
            _ = app.update(.key(.tab))
            presses += 1
        }
        #expect(tab() == .access)
        #expect(presses > 3, "Tab first moves through the form's fields and buttons")
        #expect(render(app).contains("Grant access"))
        _ = app.update(.key(.tab))
        #expect(tab() == .components)
        _ = app.update(.key(.backTab))
        #expect(tab() == .access)
        _ = app.update(.key(.backTab))
        #expect(tab() == .settings)
        _ = app.update(.key(.backTab))
        #expect(tab() == .components, "BackTab on the form's first field leaves it")
    }

    @Test("Settings offers the teams by name once they arrive, even when the page came first")
    func settingsTeamsArriveLater() {
        var app = CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:9")!, cache: JSONCache(directory: temporaryDirectory("unused"))),
                             now: Self.now)
        _ = app.update(.resize(width: 120, height: 30))
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.tab))
        #expect(render(app).contains("cii"))
        #expect(!render(app).contains("ЦИИ (cii)"))
        feed(&app, .teams, .teams(Self.teams))
        #expect(render(app).contains("ЦИИ (cii)"))
    }

    @Test("a component page whose events know of a later change than its header asks for the status again at once, once per change, and the other way round")
    func headerAndEventsAgree() {
        var app = app()
        let components = Resource.components(application: "tesseract-ocr")
        let events = Resource.applicationEvents(application: "tesseract-ocr", component: "inference")
        _ = app.update(.key(.enter))
        feed(&app, components, .components(Self.components))
        _ = app.update(.key(.enter))
        // The page asks for both when it opens; both answer, and they agree.
        feed(&app, components, .components(Self.components))
        feed(&app, events, .events(Self.events))
        #expect(!app.store.inFlight.contains(components), "the header and the events agree: nothing to ask")

        // The deployment moved on between the two answers: the events have Deployed, the header not.
        let deployed = Event(id: 3, time: Self.now.addingTimeInterval(5), application: "tesseract-ocr", component: "inference",
                             type: .normal, reason: "Deployed", message: "Serving on 127.0.0.1:41234", actor: "platform")
        feed(&app, events, .events([deployed] + Self.events))
        #expect(app.store.inFlight.contains(components), "the status is asked again at once")
        // An answer from before the change, then the same events again: not asked a second time.
        feed(&app, components, .components(Self.components))
        feed(&app, events, .events([deployed] + Self.events))
        #expect(!app.store.inFlight.contains(components), "once per change")

        var updated = Self.components
        updated[1].status = Status(phase: .deployed, reason: "Deployed", message: "Serving on 127.0.0.1:41234", time: deployed.time)
        feed(&app, components, .components(updated))
        #expect(render(app).contains("● Deployed"))
        #expect(!app.store.inFlight.contains(events), "they agree again")

        // The other way: the header knows of a change the events do not show yet.
        updated[1].status = Status(phase: .failed, reason: "CrashLoopBackOff", message: "exit 1", time: deployed.time.addingTimeInterval(10))
        feed(&app, components, .components(updated))
        #expect(app.store.inFlight.contains(events), "the events are asked again at once")
    }

    @Test("the component page shows События, Манифест, the process's Логи as they grow, and opens its dashboard from Метрики", arguments: Language.allCases)
    func componentPage(language: Language) {
        var app = app(language)
        _ = app.update(.key(.enter))
        feed(&app, .components(application: "tesseract-ocr"), .components(Self.components))
        _ = app.update(.key(.enter))
        feed(&app, .applicationEvents(application: "tesseract-ocr", component: "inference"), .events(Self.events))
        feed(&app, .manifest(application: "tesseract-ocr", component: "inference"), .manifest("apiVersion: unified-platform.cs.hse.ru/v1\nkind: MLComponent\n"))
        var text = render(app)
        let words = language == .ru
            ? ["Приложения › Tesseract OCR › inference", "Статус", "Время", "Действие", "CrashLoopBackOff", "Процесс завершился с кодом 1", "8 июля 2024"]
            : ["Applications › Tesseract OCR › inference", "Status", "Time", "Action", "CrashLoopBackOff", "8 July 2024"]
        for word in words { #expect(text.contains(word), "\(word)\n\(text)") }
        _ = app.update(.key(.tab))
        text = render(app)
        #expect(text.contains("kind: MLComponent"))
        _ = app.update(.key(.tab))
        let logs = Resource.logs(application: "tesseract-ocr", component: "inference")
        #expect(app.stack.last?.resources(in: app.context).contains(logs) == true, "the Логи tab asks for the log")
        feed(&app, logs, .logs([]))
        #expect(render(app).contains(language == .ru ? "Лог пуст: платформа не запускала этот компонент" : "The log is empty: the platform has not run this component"))
        feed(&app, logs, .logs(["[smartmlops] starting `python3 service.py` on 127.0.0.1:41234", "inference service listening on 127.0.0.1:41234"]))
        text = render(app)
        #expect(text.contains("inference service listening on 127.0.0.1:41234"), "\(text)")
        feed(&app, logs, .logs(["[smartmlops] starting `python3 service.py` on 127.0.0.1:41234", "inference service listening on 127.0.0.1:41234",
                                "predict: 1 inputs -> 2 outputs"]))
        #expect(render(app).contains("predict: 1 inputs -> 2 outputs"), "a new line appears while the tab is open")
        _ = app.update(.key(.char("/")))
        type("quit predict", into: &app)
        _ = app.update(.key(.enter))
        #expect((app.stack.last as? ComponentScreen)?.log.searchQuery == "quit predict", "a search takes every key, q included")
        _ = app.update(.key(.escape))
        _ = app.update(.key(.tab))
        #expect(render(app).contains(language == .ru ? "Enter — дашборд компонента" : "Enter opens the component's dashboard"))
        _ = app.update(.key(.enter))
        #expect(app.dashboard == nil)
        #expect(render(app).contains(language == .ru ? "Метрики не настроены: запустите с --metrics-url" : "No metrics configured: start with --metrics-url"),
                "without metrics it says how to get them")
    }

    /// At 120×30, the list, then Tesseract OCR's page, then its inference component's.
    private func openInference(_ app: inout CabinetApp) {
        _ = app.update(.resize(width: 120, height: 30))
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
        _ = app.update(.key(.enter))
        feed(&app, .components(application: "tesseract-ocr"), .components(Self.components))
        _ = app.update(.key(.enter))
    }

    @Test("the Логи tab's keys are the keymap's [log] section: a remapped wrap key wraps, f follows, ? lists them, and the status bar names them")
    func logKeysFromTheKeymap() throws {
        var keymap = shippedKeymap
        keymap.bind(.char("w"), to: Keymap.unbound, mode: "log")
        keymap.bind(.char("W"), to: "wrap", mode: "log")
        let cache = JSONCache(directory: temporaryDirectory("unused"))
        var app = CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:9")!, cache: cache, language: .ru, keymap: keymap), now: Self.now)
        openInference(&app)
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        feed(&app, .logs(application: "tesseract-ocr", component: "inference"), .logs((1...80).map { "line \($0)" }))
        func log() throws -> LogViewState { try #require((app.stack.last as? ComponentScreen)?.log) }
        #expect(try log().isFollowing)
        _ = app.update(.key(.char("w")))
        #expect(try !log().isWrapping, "w is unbound in this keymap")
        _ = app.update(.key(.char("W")))
        #expect(try log().isWrapping, "W is its wrap")
        _ = app.update(.key(.char("g")))
        #expect(try !log().isFollowing, "goto_top leaves the end")
        _ = app.update(.key(.char("f")))
        #expect(try log().isFollowing, "f follows again")
        #expect(render(app).contains("/ поиск  f следить  W перенос"), "\(render(app))")
        _ = app.update(.key(.char("?")))
        let help = render(app)
        for line in ["/ +поиск", "n +следующее совпадение", "N +предыдущее совпадение", "f +следить", "W +перенос"] {
            #expect(help.range(of: line, options: .regularExpression) != nil, "\(line)\n\(help)")
        }
        #expect(!help.contains("фильтр"), "on the log / searches, so the help says so instead of filter")
    }

    @Test("on a dashboard ? lists its keys from the [dashboard] section; the top bar says where the user is and the status bar how to leave", arguments: Language.allCases)
    func dashboardHelp(language: Language) throws {
        var environment = environment(url: URL(string: "http://127.0.0.1:9")!, cache: JSONCache(directory: temporaryDirectory("unused")), language: language)
        environment.dashboards = DashboardLoader(shippedDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("dashboards").path, userDirectory: nil).loadAll().dashboards
        environment.metrics = MetricsClient(baseURL: URL(string: "http://127.0.0.1:1")!)
        var app = CabinetApp(environment: environment, now: Self.now)
        _ = app.update(.resize(width: 120, height: 30))
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
        _ = app.update(.key(.char(":")))
        type("dashboards", into: &app)
        _ = app.update(.key(.enter))
        #expect(app.dashboard != nil)
        var text = render(app)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains(language == .ru ? "Приложения › Дашборды:" : "Applications › Dashboards:") == true, "\(text)")
        #expect(lines.last?.contains(language == .ru ? "q/F10 закрыть дашборд" : "q/F10 close the dashboard") == true, "\(text)")
        #expect(lines.last?.contains(language == .ru ? "n создать" : "n new") == false, "not the list's keys")
        _ = app.update(.key(.char("?")))
        text = render(app)
        for line in language == .ru ? ["период: 15 минут", "панель во весь экран и обратно"] : ["range: 15 minutes", "the panel full screen and back"] {
            #expect(text.contains(line), "\(line)\n\(text)")
        }
        _ = app.update(.key(.char("1")))
        #expect(app.dashboard?.range == .hour, "keys scroll the help, they do not reach the dashboard beneath")
        _ = app.update(.key(.char("?")))
        #expect(app.help == nil && app.dashboard != nil, "? closes the help and leaves the dashboard open")
        _ = app.update(.key(.char("1")))
        #expect(app.dashboard?.range == .fifteenMinutes)
    }

    @Test("with metrics, Enter on Метрики opens the component dashboard for that component; Esc closes it", arguments: Language.allCases)
    func componentDashboard(language: Language) throws {
        var environment = environment(url: URL(string: "http://127.0.0.1:9")!, cache: JSONCache(directory: temporaryDirectory("unused")), language: language)
        let loader = DashboardLoader(shippedDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("dashboards").path, userDirectory: nil)
        environment.dashboards = loader.loadAll().dashboards
        environment.metrics = MetricsClient(baseURL: URL(string: "http://127.0.0.1:1")!)
        var app = CabinetApp(environment: environment, now: Self.now)
        openInference(&app)
        for _ in 0..<3 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        let open = try #require(app.dashboard)
        #expect(open.dashboard.name == "component")
        #expect(open.variables.component == "inference")
        #expect(open.variables.app == "tesseract-ocr")
        #expect(open.variables.namespace?.hasPrefix("pu-") == true && open.variables.namespace?.hasSuffix("-pa-tesseract-ocr") == true)
        #expect(render(app).contains("vCPU"), "its panels are drawn in the cabinet's frame")
        _ = app.update(.key(.escape))
        #expect(app.dashboard == nil)
        #expect(app.stack.last is ComponentScreen, "back where it was opened")
        // From the list, :dashboards opens the developer dashboard of the selected application.
        _ = app.update(.key(.escape))
        _ = app.update(.key(.escape))
        _ = app.update(.key(.char(":")))
        type("dashboards", into: &app)
        _ = app.update(.key(.enter))
        #expect(app.dashboard?.dashboard.name == "developer")
        _ = app.update(.key(.char("q")))
        #expect(app.dashboard == nil, "q closes the dashboard, not the cabinet")
    }

    // MARK: - Quotas, teams, events, the command line

    @Test(":quotas shows a gauge per resource and team, in the resource's unit", arguments: Language.allCases)
    func quotas(language: Language) {
        var app = app(language)
        _ = app.update(.key(.char(":")))
        type("quotas", into: &app)
        _ = app.update(.key(.enter))
        #expect(app.stack.last is QuotaScreen)
        feed(&app, .quota(team: "cii"), .quota(QuotaReport(team: "cii", readings: [
            .init(resource: .cpu, hard: 16_000, used: 1_500), .init(resource: .memory, hard: 64 << 30, used: 8 << 30),
            .init(resource: .gpu, hard: 2, used: 2), .init(resource: .storage, hard: nil, used: 3_000_000_000),
            .init(resource: .apps, hard: 20, used: 5), .init(resource: .components, hard: 60, used: 12),
        ])))
        let text = render(app)
        let words = language == .ru
            ? ["Приложения › Квоты", "ЦИИ (cii)", "CPU", "1.5 / 16 ядер", "8 / 64 ГиБ", "2 / 2", "100%", "3 ГБ · без ограничения", "5 / 20", "25%"]
            : ["Applications › Quotas", "1.5 / 16 cores", "8 / 64 GiB", "3 GB · unlimited", "5 / 20", "25%"]
        for word in words { #expect(text.contains(word), "\(word)\n\(text)") }
    }

    @Test(":teams lists members and roles; :events lists the platform's events and the filter key cycles the type", arguments: Language.allCases)
    func teamsAndEvents(language: Language) {
        var app = app(language)
        _ = app.update(.key(.char(":")))
        type("teams", into: &app)
        _ = app.update(.key(.enter))
        var text = render(app)
        for word in ["ikrupnov", "dpetrov", language == .ru ? "Владелец" : "Owner", language == .ru ? "Сопровождающий" : "Maintainer"] {
            #expect(text.contains(word), "\(word)")
        }
        _ = app.update(.key(.char(":")))
        type("ev", into: &app)
        _ = app.update(.key(.tab))
        _ = app.update(.key(.enter))
        #expect(app.stack.count == 1 && app.stack.last is EventsScreen)
        feed(&app, .platformEvents(type: nil), .events(Self.events))
        text = render(app)
        #expect(text.contains("tesseract-ocr"))
        #expect(text.contains("Компонент создан"))
        _ = app.update(.key(.char("/")))
        let screen = app.stack.last as? EventsScreen
        #expect(screen?.type == .warning)
        #expect(render(app).contains(language == .ru ? "Тип событий: Внимание" : "Event type: Warning"))

        _ = app.update(.key(.char(":")))
        type("events qwen-vl", into: &app)
        _ = app.update(.key(.enter))
        let one = app.stack.last as? EventsScreen
        #expect(one?.resource == .platformEvents(type: nil, application: "qwen-vl"))
        #expect(render(app).contains(language == .ru ? "Приложения › События: qwen-vl" : "Applications › Events: qwen-vl"))
    }

    @Test("an unknown command says which ones there are; :q quits")
    func commandLine() {
        var app = app()
        _ = app.update(.key(.char(":")))
        type("frobnicate", into: &app)
        _ = app.update(.key(.enter))
        #expect(render(app).contains("No such command: frobnicate"))
        _ = app.update(.key(.char(":")))
        type("q", into: &app)
        #expect(app.update(.key(.enter)) != nil)
    }

    @Test(":lang switches the language for the session: crumbs, tabs, dates and a form left half-edited, whose text stays")
    func switchLanguage() {
        var app = app(.en)
        _ = app.update(.key(.enter))
        func tab() -> ApplicationScreen.Tab? { (app.stack.last as? ApplicationScreen)?.tab }
        _ = app.update(.key(.tab))
        #expect(tab() == .settings)
        type(" 2", into: &app)
        while tab() == .settings { _ = app.update(.key(.tab)) }
        #expect(tab() == .access)

        _ = app.update(.key(.char(":")))
        type("lang ru", into: &app)
        _ = app.update(.key(.enter))
        var text = render(app)
        for word in ["Приложения › Tesseract OCR", "Обновлен 8 июля 2024", "Настройки", "Доступы и безопасность", "Язык: русский (ru)"] {
            #expect(text.contains(word), "\(word)\n\(text)")
        }
        #expect(!text.contains("Applications"))

        // Back on Settings: its labels are Russian now, and the edit made in English is still there.
        _ = app.update(.key(.backTab))
        #expect(tab() == .settings)
        text = render(app)
        #expect(text.contains("Название приложения"), "\(text)")
        #expect(text.contains("Tesseract OCR 2"), "\(text)")
        #expect(text.contains("Сохранить"))

        _ = app.update(.key(.escape))
        _ = app.update(.key(.char(":")))
        type("lang de", into: &app)
        _ = app.update(.key(.enter))
        text = render(app)
        #expect(text.contains("Нет такого языка: de (ru, en)"), "\(text)")
        #expect(text.contains("8 июля 2024"), "the language stays as it was")
    }

    @Test(":theme NAME repaints with that theme for the session; an unknown name lists the themes and changes nothing")
    func switchTheme() async throws {
        var app = app(.en)
        let loader = ThemeLoader(shippedDirectory: shippedThemeDirectory, userDirectory: nil)
        var environment = app.environment
        environment.themes = loader
        environment.themeNames = loader.available().map(\.name)
        app = CabinetApp(environment: environment, now: Self.now)
        _ = app.update(.resize(width: 120, height: 30))
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
        func topBar() -> Style {
            var buffer = Buffer(width: 120, height: 30)
            app.view(into: &buffer)
            return buffer[0, 0].style
        }
        let before = topBar()
        #expect(before == shippedTheme.style(for: "ui.topbar.accent"))

        _ = app.update(.key(.char(":")))
        type("theme nope", into: &app)
        let refused = app.update(.key(.enter))
        #expect(refused == nil, "nothing is read for a theme that is not there")
        #expect(render(app).contains("No such theme: nope (basic16, default, high-contrast, light, mono)"))
        #expect(topBar() == before)

        _ = app.update(.key(.char(":")))
        type("theme light", into: &app)
        let answer = app.update(.key(.enter))
        let command = try #require(answer)
        for work in command.runs {
            if let message = await work() { _ = app.receive(message) }
        }
        let light = loader.load("light").theme
        #expect(topBar() == light.style(for: "ui.topbar.accent"))
        #expect(topBar() != before)
        #expect(render(app).contains("Theme: light"))

        _ = app.update(.key(.char(":")))
        type("theme", into: &app)
        _ = app.update(.key(.enter))
        #expect(render(app).contains("Theme: light. Themes: basic16, default"))
    }

    @Test("? on the application page lists its mode's keys from the keymap")
    func helpPerScreen() {
        var app = app()
        _ = app.update(.key(.enter))
        _ = app.update(.key(.char("?")))
        let text = render(app, height: 40)
        #expect(text.contains("Applications › Tesseract OCR"))
        #expect(text.contains("delete (asks first)"))
        #expect(text.contains("command line"))
    }

    @Test("a heartbeat that finds no platform turns the top bar offline; the data stays")
    func heartbeatOffline() {
        var app = app(.ru)
        #expect(render(app).contains("● в сети"))
        _ = app.receive(.heartbeat(.unreachable("Couldn't connect to server")))
        let text = render(app)
        #expect(text.contains("○ Нет соединения с платформой · данные от"))
        #expect(text.contains("Tesseract OCR"))
    }

    @Test("offline, the top bar gives the age of what the open screen shows, not of the list")
    func dataAgeOfScreen() {
        var app = app()
        _ = app.update(.key(.enter))
        let older = Self.now.addingTimeInterval(-3 * 3600)
        _ = app.receive(.resourceCached(.components(application: "tesseract-ocr"), .hit(Tagged(.components(Self.components)), savedAt: older)))
        _ = app.receive(.applicationsFetched(.failure(.unreachable("refused")), at: Self.now))
        let expected = "○ Platform unreachable · data from \(DateText(language: .en).time(older))"
        #expect(render(app).contains(expected))
        _ = app.update(.key(.escape))
        #expect(render(app).contains("○ Platform unreachable · data from \(DateText(language: .en).time(Self.now))"))
    }

    @Test("offline, a heartbeat that is answered fetches the list at once instead of waiting for the next retry")
    func heartbeatReconnects() {
        var app = app()
        _ = app.receive(.heartbeat(nil))
        #expect(!app.fetching, "online, an answered heartbeat fetches nothing")
        _ = app.receive(.applicationsFetched(.failure(.unreachable("refused")), at: Self.now))
        #expect(!app.fetching)
        _ = app.receive(.heartbeat(nil))
        #expect(app.fetching, "offline, an answered heartbeat fetches the list")
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
        #expect(render(app).contains("● online"))
    }

    @Test("the top bar names the user the platform knows (the token's), not the local login")
    func userFromPlatform() {
        var app = app()
        #expect(render(app).contains("· test · tester"))
        feed(&app, .me, .me(Me(user: User(login: "ikrupnov", name: "Иван Крупнов", email: "i@hse.ru"), teams: [])))
        #expect(render(app).contains("· test · ikrupnov"))
    }

    @Test("offline, delete on the list says why it is unavailable")
    func offlineDelete() {
        var app = app(.ru)
        _ = app.receive(.applicationsFetched(.failure(.unreachable("refused")), at: Self.now))
        _ = app.update(.key(.char("d")))
        #expect(app.confirmation == nil)
        #expect(render(app).contains("Нет соединения с платформой: действие недоступно"))
    }
}
