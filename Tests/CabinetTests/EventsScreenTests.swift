import Client
import Foundation
import Model
@testable import TerminalUI
import Testing
@testable import Cabinet

extension Command {
    /// The work of each `.run` in the command, batches flattened; a tick's message as if its
    /// time had come.
    var runs: [@Sendable () async -> Message?] {
        switch operation {
        case .run(let work): [work]
        case .batch(let commands): commands.flatMap(\.runs)
        case .tick(_, _, let message): [{ message() }]
        case .quit, .exec, .cancelTick: []
        }
    }
}

/// The Events screen with its stream as a state machine: the stream's updates arrive as messages
/// (no server), keys change the filters, and a rendered buffer shows what the user would see.
@Suite("Events screen: live stream and filters")
struct EventsScreenTests {
    static let now = screenTestsNow

    static func event(_ id: Int64, application: String = "tesseract-ocr", reason: String = "Created", message: String? = nil) -> Event {
        Event(id: id, time: now.addingTimeInterval(Double(id)), application: application, component: nil, type: .normal,
              reason: reason, message: message ?? "event \(id)", actor: "tester")
    }

    private func app(_ language: Language = .en, admin: Bool = true) -> CabinetApp {
        var app = listedApp(language)
        let me = Me(user: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: admin), teams: [])
        _ = app.receive(.resourceFetched(.me, .success(Tagged(.me(me))), at: Self.now))
        return app
    }

    private func command(_ line: String, _ app: inout CabinetApp) {
        _ = app.update(.key(.char(":")))
        for character in line { _ = app.update(.key(.char(character))) }
        _ = app.update(.key(.enter))
    }

    private var screen: (CabinetApp) -> EventsScreen? { { $0.stack.last as? EventsScreen } }

    /// Opens :events with two events fetched and the stream accepted.
    private func liveEvents(_ language: Language = .en, admin: Bool = true) -> CabinetApp {
        var app = app(language, admin: admin)
        command("events", &app)
        #expect(app.feed.status == .connecting)
        let resource = screen(app)!.resource
        let opened = app.receive(.resourceFetched(resource, .success(Tagged(.events([Self.event(2), Self.event(1)]))), at: Self.now))
        #expect(opened != nil, "the fetched list opens the stream")
        _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.connected))))
        return app
    }

    @Test("a streamed event appears at the top with no key pressed; the header says live; the title says whose events",
          arguments: Language.allCases)
    func live(language: Language) {
        var app = liveEvents(language)
        #expect(app.feed.status == .live)
        var text = render(app)
        #expect(text.contains(language == .ru ? "● в реальном времени" : "● live"), "\(text)")
        #expect(text.contains(language == .ru ? "События: все приложения" : "Events: all applications"))
        _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.event(Self.event(3, application: "qwen-vl", message: "Только что"))))))
        text = render(app)
        let lines = text.split(separator: "\n")
        let first = lines.firstIndex { $0.contains("Только что") }
        let older = lines.firstIndex { $0.contains("event 2") }
        #expect(first != nil && older != nil && first! < older!, "\(text)")
        // The same event twice (a resumed stream) is shown once.
        _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.event(Self.event(3, application: "qwen-vl", message: "Только что"))))))
        #expect(render(app).components(separatedBy: "Только что").count == 2)

        let mine = liveEvents(language, admin: false)
        #expect(render(mine).contains(language == .ru ? "События: мои приложения" : "Events: my applications"))
    }

    /// The platform writes its events' words in English; the code and parameters it sends with
    /// them are what the Russian cabinet words them from. Words with no code are shown as sent.
    @Test("an event with a code is worded in the cabinet's language; one without is shown as the platform wrote it", arguments: Language.allCases)
    func wordedFromItsCode(language: Language) {
        var app = liveEvents(language)
        var coded = Self.event(3, message: "Application coded created from template empty")
        coded.code = "application_created"
        coded.parameters = ["slug": "coded", "template": "empty"]
        _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.event(coded)))))
        var unknown = Self.event(4, message: "Quota raised to 20")
        unknown.code = "quota_raised"
        _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.event(unknown)))))
        let text = render(app, width: 160)
        #expect(text.contains(language == .ru ? "Приложение coded создано по шаблону empty" : "Application coded created from template empty"), "\(text)")
        #expect(text.contains("Quota raised to 20"))
    }

    @Test("a stale stream's updates are ignored once the filter changed; leaving the screen closes the stream")
    func staleAndClosed() {
        var app = liveEvents()
        let old = app.feed.generation
        _ = app.update(.key(.char("/")))
        #expect(app.feed.generation != old)
        #expect(app.feed.status == .connecting)
        _ = app.receive(.feed(.update(generation: old, .success(.event(Self.event(9, message: "from the old stream"))))))
        #expect(!render(app).contains("from the old stream"))
        _ = app.update(.key(.escape))
        #expect(app.stack.isEmpty)
        #expect(app.feed.status == .idle)
        #expect(app.feed.resource == nil)
    }

    @Test("at most 1,000 events are kept, the newest")
    func bounded() {
        var app = liveEvents()
        let resource = screen(app)!.resource
        for id in Int64(3)...1_010 {
            _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.event(Self.event(id))))))
        }
        let events = app.store[resource]?.events ?? []
        #expect(events.count == EventsFeed.maximumEvents)
        #expect(events.first?.id == 1_010)
        #expect(events.last?.id == 11)
    }

    @Test("a dropped stream goes offline in the top bar, says it reconnects and polls, and comes back live", arguments: Language.allCases)
    func dropped(language: Language) {
        var app = liveEvents(language)
        let retry = app.receive(.feed(.update(generation: app.feed.generation, .failure(.unreachable("Connection refused")))))
        #expect(retry != nil, "a retry is scheduled")
        let text = render(app)
        #expect(text.contains(language == .ru ? "○ переподключение, опрос" : "○ reconnecting, polling"), "\(text)")
        #expect(!text.contains("Connection refused"), "the transport's English is not shown")
        #expect(text.contains(Catalog.offlineStatus.text(in: language)), "\(text)")
        #expect(text.contains(Catalog.offline.text(in: language)))
        _ = app.receive(.feed(.retryDue(generation: app.feed.generation)))
        _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.connected))))
        #expect(app.feed.status == .live)
        #expect(render(app).contains(Catalog.online.text(in: language)))
    }

    @Test("a list fetched while events stream in keeps the streamed ones newer than it")
    func fetchKeepsStreamed() {
        var app = liveEvents()
        let resource = screen(app)!.resource
        _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.event(Self.event(3))))))
        _ = app.receive(.resourceFetched(resource, .success(Tagged(.events([Self.event(2), Self.event(1)]))), at: Self.now))
        #expect(app.store[resource]?.events?.map(\.id) == [3, 2, 1])
    }

    @Test("t cycles the period, a chooses the application from a list, / the type; the header shows each", arguments: Language.allCases)
    func filters(language: Language) {
        var app = liveEvents(language)
        _ = app.update(.key(.char("t")))
        #expect(screen(app)?.window == .minutes15)
        #expect(screen(app)?.resource == .platformEvents(type: nil, application: nil, window: .minutes15))
        #expect(render(app).contains(language == .ru ? "Период: 15 мин" : "Period: 15 min"))
        for _ in 0..<3 { _ = app.update(.key(.char("t"))) }
        #expect(screen(app)?.window == .week)
        _ = app.update(.key(.char("t")))
        #expect(screen(app)?.window == .all)

        _ = app.update(.key(.char("a")))
        var text = render(app)
        let slugs = sampleApplications().map(\.slug).sorted()
        for slug in slugs { #expect(text.contains(slug), "\(slug)\n\(text)") }
        // Esc closes the list, not the screen.
        _ = app.update(.key(.escape))
        #expect(screen(app) != nil && screen(app)?.picker == nil)
        _ = app.update(.key(.char("a")))
        _ = app.update(.key(.down))
        _ = app.update(.key(.down))
        _ = app.update(.key(.enter))
        #expect(screen(app)?.application == slugs[1])
        text = render(app)
        #expect(text.contains("\(language == .ru ? "Приложение" : "Application"): \(slugs[1])"), "\(text)")
        #expect(text.contains(language == .ru ? "События: \(slugs[1])" : "Events: \(slugs[1])"))
        #expect(app.feed.resource == .platformEvents(type: nil, application: slugs[1]))
        // Back to all applications.
        _ = app.update(.key(.char("a")))
        _ = app.update(.key(.home))
        _ = app.update(.key(.enter))
        #expect(screen(app)?.application == nil)
    }

    @Test("the status bar names the period and application keys; ? lists them")
    func hintsAndHelp() {
        var app = liveEvents()
        let text = render(app, width: 200)
        #expect(text.contains("t period") && text.contains("a application"), "\(text)")
        _ = app.update(.key(.char("?")))
        let help = render(app)
        #expect(help.contains("events period") && help.contains("one application's events"), "\(help)")
    }

    @Test("the cache file follows the stream, written at most once a second, so the next start paints the streamed events")
    func cacheThrottled() async throws {
        let directory = temporaryDirectory("events-cache")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = JSONCache(directory: directory)
        let resource = Resource.platformEvents(type: nil)
        var store = ResourceStore()
        store.fetched(resource, Tagged(.events([Self.event(1)])), at: Self.now)
        var feed = EventsFeed()
        let client = PlatformClient(endpoint: PlatformEndpoint(url: URL(string: "http://127.0.0.1:9")!, token: "t"))
        _ = feed.follow(resource, store: store, client: client)
        var connection = ConnectionState.connecting
        func stream(_ id: Int64, at offset: TimeInterval) -> Command<EventsFeed.Message>? {
            feed.receive(.update(generation: feed.generation, .success(.event(Self.event(id)))), store: &store, connection: &connection,
                         cache: cache, client: client, now: Self.now.addingTimeInterval(offset))
        }
        // Each event asks for the next update; the first also writes the file, the second schedules
        // the next write, the third finds it scheduled.
        let first = try #require(stream(2, at: 0)).runs
        #expect(first.count == 2)
        #expect(try #require(stream(3, at: 0.2)).runs.count == 2)
        #expect(try #require(stream(4, at: 0.4)).runs.count == 1)
        _ = await first[1]()
        guard case .hit(let saved, _) = cache.load(Tagged<ResourceValue>.self, key: resource.cacheKey) else {
            Issue.record("nothing cached")
            return
        }
        #expect(saved.value.events?.map(\.id) == [2, 1])
        // The scheduled write writes what has come since.
        let due = try #require(feed.receive(.saveDue(generation: feed.generation), store: &store, connection: &connection,
                                            cache: cache, client: client, now: Self.now.addingTimeInterval(1.1))).runs
        #expect(due.count == 1)
        _ = await due[0]()
        guard case .hit(let later, _) = cache.load(Tagged<ResourceValue>.self, key: resource.cacheKey) else { return }
        #expect(later.value.events?.map(\.id) == [4, 3, 2, 1])
    }

    @Test("with a period chosen, events that have aged out of it go as new ones stream in")
    func agedOut() {
        let resource = Resource.platformEvents(type: nil, window: .minutes15)
        var store = ResourceStore()
        let old = Event(id: 1, time: Self.now.addingTimeInterval(-20 * 60), application: "ocr", component: nil, type: .normal,
                        reason: "Created", message: "old", actor: "t")
        let recent = Event(id: 2, time: Self.now.addingTimeInterval(-5 * 60), application: "ocr", component: nil, type: .normal,
                           reason: "Created", message: "recent", actor: "t")
        store.fetched(resource, Tagged(.events([recent, old])), at: Self.now)
        var feed = EventsFeed()
        let client = PlatformClient(endpoint: PlatformEndpoint(url: URL(string: "http://127.0.0.1:9")!, token: "t"))
        _ = feed.follow(resource, store: store, client: client)
        var connection = ConnectionState.connecting
        let new = Event(id: 3, time: Self.now, application: "ocr", component: nil, type: .normal, reason: "Created", message: "new", actor: "t")
        _ = feed.receive(.update(generation: feed.generation, .success(.event(new))), store: &store, connection: &connection,
                         cache: JSONCache(directory: temporaryDirectory("unused")), client: client, now: Self.now)
        #expect(store[resource]?.events?.map(\.id) == [3, 2])
    }
}
