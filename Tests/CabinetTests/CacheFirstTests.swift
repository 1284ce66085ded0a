import Client
import Foundation
import Model
import Platform
import Synchronization
import TerminalUI
import Testing
import TestSupport
@testable import Cabinet

private func startDemoPlatform() async throws -> RunningPlatform {
    try await PlatformServer.start(PlatformConfiguration(
        dataDirectory: temporaryDirectory("platform"), demo: true,
        localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)))
}

@Suite("Cabinet paints from the cache, then from the platform", .serialized)
struct CacheFirstTests {
    @Test("a second start paints the cached list while the platform has not answered yet")
    func cachedListBeforePlatformAnswers() async throws {
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        let savedAt = Date(timeIntervalSince1970: 1_720_440_780)
        try cache.saveList(sampleApplications(), header: [ApplicationPages.Page](), key: "applications", savedAt: savedAt)
        let stalled = try LoopbackListener(.silent)
        defer { stalled.close() }

        let backend = MemoryBackend(width: 120, height: 20)
        let app = await runCabinet(CabinetApp(environment: environment(url: stalled.url, cache: cache)), backend: backend) {
            if case .cache = $0.origin { return true } else { return false }
        }
        let screen = backend.screen.text
        #expect(screen.contains("Tesseract OCR"))
        #expect(screen.contains("Классификатор обращений"))
        #expect(screen.contains("connecting… · data from \(DateText(language: .en).time(savedAt))"))
        // The platform has not answered: the list came from the cache alone. The request reaches
        // it on libcurl's own thread, which under load may come after the cache's paint.
        #expect(app.connectionState == .connecting)
        let deadline = ContinuousClock.now + .seconds(10)
        while stalled.requests.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(stalled.requests.count == 1)
    }

    @Test("with the platform stopped, the cached list stays and the top bar says offline with the data's age")
    func offlineWithCache() async throws {
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        try cache.saveList(sampleApplications(), header: [ApplicationPages.Page](), key: "applications", savedAt: Date(timeIntervalSince1970: 1_720_440_780))
        // Nothing listens on port 1 here.
        let gone = URL(string: "http://127.0.0.1:1")!

        let backend = MemoryBackend(width: 120, height: 20)
        let app = await runCabinet(CabinetApp(environment: environment(url: gone, cache: cache, language: .ru)), backend: backend) {
            if case .offline = $0.connectionState, case .cache = $0.origin { return true } else { return false }
        }
        let screen = backend.screen.text
        #expect(screen.contains("Tesseract OCR"))
        #expect(screen.contains("○ Нет соединения с платформой · данные от \(DateText(language: .ru).time(Date(timeIntervalSince1970: 1_720_440_780)))"))
        #expect(app.list.applications.count == 3)
    }

    @Test("online: the platform's list replaces the cache's and is written back to the cache")
    func onlineRefreshWritesCache() async throws {
        let platform = try await startDemoPlatform()
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        try cache.saveList(sampleApplications(count: 1), header: [ApplicationPages.Page](), key: "applications")

        let backend = MemoryBackend(width: 120, height: 20)
        let app = await runCabinet(CabinetApp(environment: environment(url: platform.url, token: platform.token, cache: cache)), backend: backend) { app in
            guard case .platform = app.origin, case .hit(let cached, _) = cache.loadList([ApplicationPages.Page].self, of: Application.self, key: "applications") else { return false }
            return cached.items.count > 1
        }
        await platform.stop()
        let screen = backend.screen.text
        #expect(screen.contains("● online"))
        #expect(screen.contains("Проверка эссе"))
        #expect(screen.contains("appeals-classifier"))
        guard case .hit(let cached, _) = cache.loadList([ApplicationPages.Page].self, of: Application.self, key: "applications") else {
            Issue.record("the cache was not written"); return
        }
        #expect(cached.items.map(\.slug) == app.list.applications.map(\.slug))
        #expect(cached.items.contains { $0.slug == "tesseract-ocr" })
    }

    @Test("a corrupt cache is reported in the status bar, the list still comes from the platform, and the file is repaired")
    func corruptCache() async throws {
        let platform = try await startDemoPlatform()
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
        try Data([0xDE, 0xAD, 0xBE, 0xEF]).write(to: cache.linesURL(for: "applications"))

        let backend = MemoryBackend(width: 140, height: 20)
        _ = await runCabinet(CabinetApp(environment: environment(url: platform.url, token: platform.token, cache: cache)), backend: backend) { app in
            guard case .platform = app.origin, case .hit = cache.loadList([ApplicationPages.Page].self, of: Application.self, key: "applications") else { return false }
            return true
        }
        await platform.stop()
        let screen = backend.screen.text
        #expect(screen.contains("Cache ignored and will be rewritten: applications.jsonl"))
        #expect(screen.contains("Tesseract OCR"))
    }

    @Test("after going offline the cabinet reconnects by itself once the platform is back")
    func reconnects() async throws {
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        let data = temporaryDirectory("platform")
        let user = User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)
        // Find a free port, then leave it closed: the first attempts are refused.
        let probe = try LoopbackListener(.silent)
        let port = probe.port
        probe.close()
        let url = URL(string: "http://127.0.0.1:\(port)")!
        let starter = Task {
            try await Task.sleep(for: .milliseconds(600))
            return try await PlatformServer.start(PlatformConfiguration(
                dataDirectory: data, port: port, demo: true, localUser: user, localToken: "fixed-token-for-this-test"))
        }
        let backend = MemoryBackend(width: 120, height: 20)
        let sawOffline = Atomic<Bool>(false)
        let app = await runCabinet(CabinetApp(environment: environment(url: url, token: "fixed-token-for-this-test", cache: cache)), backend: backend) { app in
            if case .offline = app.connectionState { sawOffline.store(true, ordering: .relaxed) }
            if case .online = app.connectionState { return true }
            return false
        }
        let platform = try await starter.value
        await platform.stop()
        let wentOffline = sawOffline.load(ordering: .relaxed)
        #expect(wentOffline)
        guard case .online = app.connectionState else { Issue.record("did not reconnect: \(app.connectionState)"); return }
        #expect(backend.screen.text.contains("Tesseract OCR"))
    }

    @Test("pages visited online are browsable offline after a restart, from their own cache files")
    func pagesFromCacheOffline() async throws {
        let platform = try await startDemoPlatform()
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        // Online: open Tesseract OCR's page (the last row), then its ML component's page.
        let online = MemoryBackend(width: 120, height: 30)
        _ = await runCabinet(CabinetApp(environment: environment(url: platform.url, token: platform.token, cache: cache)),
                             backend: online, until: Self.walkToInference(backend: online, offline: false))
        await platform.stop()

        // Offline: the same way in, painted from the cache files, with the top bar saying so.
        let offline = MemoryBackend(width: 120, height: 30)
        let app = await runCabinet(CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:1")!, cache: cache)),
                                   backend: offline, until: Self.walkToInference(backend: offline, offline: true))
        // Drawn from the state the condition saw (the terminal's last frame may be one behind).
        var frame = Buffer(width: 120, height: 30)
        app.view(into: &frame)
        let screen = frame.text
        #expect(app.stack.last is ComponentScreen)
        #expect(screen.contains("Applications › Tesseract OCR › inference"))
        #expect(screen.contains("kind: MLComponent"))
        #expect(screen.contains("○ Platform unreachable · data from"))
    }

    @Test("offline, the Access tab paints the grants from their own cache file, with the data's age")
    func grantsFromCache() async throws {
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        let savedAt = Date(timeIntervalSince1970: 1_720_440_780)
        try cache.saveList(sampleApplications(), header: [ApplicationPages.Page](), key: "applications", savedAt: savedAt)
        try cache.save(Tagged(ResourceValue.grants(ScreenTests.grants)), key: "grants.tesseract-ocr", savedAt: savedAt)
        let backend = MemoryBackend(width: 120, height: 30)
        let step = Atomic<Int>(0)
        let keys = UncheckedBox(backend)
        let grants = Resource.grants(application: "tesseract-ocr")
        let app = await runCabinet(CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:1")!, cache: cache)), backend: backend) { app in
            switch step.load(ordering: .relaxed) {
            case 0 where app.list.selected?.slug == "tesseract-ocr":
                // Enter opens the page, S-Tab goes to its Access and security tab.
                keys.value.push(.key(.enter), .key(.backTab))
                step.store(1, ordering: .relaxed)
            case 1 where (app.stack.last as? ApplicationScreen)?.tab == .access:
                if case .offline = app.connectionState { return app.store.entry(grants)?.fromCache == true }
            default: break
            }
            return false
        }
        var frame = Buffer(width: 120, height: 30)
        app.view(into: &frame)
        let screen = frame.text
        #expect(screen.contains("User dpetrov"), "\(screen)")
        #expect(screen.contains("Team sp4"))
        #expect(screen.contains("○ Platform unreachable · data from \(DateText(language: .en).time(savedAt))"))
    }

    /// A condition for `runCabinet` that walks list → Tesseract OCR → inference → Манифест as
    /// each step's data arrives (it runs on the runtime's thread, which owns the backend), and
    /// holds once the manifest is shown: fetched when online, from the cache when offline.
    private static func walkToInference(backend: MemoryBackend, offline: Bool) -> @Sendable (CabinetApp) -> Bool {
        let step = Atomic<Int>(0)
        let keys = UncheckedBox(backend)
        let manifest = Resource.manifest(application: "tesseract-ocr", component: "inference")
        return { app in
            switch step.load(ordering: .relaxed) {
            case 0 where app.stack.isEmpty && app.list.applications.contains { $0.slug == "tesseract-ocr" }:
                keys.value.push(.key(.char("G")), .key(.enter))
                step.store(1, ordering: .relaxed)
            case 1 where (app.stack.last as? ApplicationScreen)?.slug == "tesseract-ocr" && app.store[.components(application: "tesseract-ocr")] != nil:
                keys.value.push(.key(.enter), .key(.tab))
                step.store(2, ordering: .relaxed)
            case 2 where (app.stack.last as? ComponentScreen)?.tab == .manifest:
                if offline {
                    if case .offline = app.connectionState { return app.store[manifest] != nil }
                    return false
                }
                return app.store.entry(manifest)?.fromCache == false
                    && app.store.entry(.applicationEvents(application: "tesseract-ocr", component: "inference"))?.fromCache == false
            default: break
            }
            return false
        }
    }
}
