import Client
import Foundation
import Model
import Platform
import Testing
import TestSupport
@testable import Cabinet

/// What is deleted on the platform does not live on in the cache: a 404 removes the entry it was
/// the answer for. (Deleting from this cabinet is followed end to end in CabinetJourneyTests.)
@Suite("Cache: what the platform no longer has goes", .serialized)
struct CacheForgetTests {
    private func loadOnce(_ resource: Resource, cache: JSONCache, url: URL, token: String) async {
        var loader = ResourceLoader()
        let client = PlatformClient(endpoint: PlatformEndpoint(url: url, token: token),
                                    transport: CurlTransport(connectTimeout: .seconds(5), totalTimeout: .seconds(5)))
        let command = loader.load([resource], refresh: false, isOnline: true, isLive: { _ in false },
                                  from: .init(cache: cache, client: client, refreshInterval: .seconds(30)))
        for work in command?.runs ?? [] { _ = await work() }
    }

    @Test("a cached resource the platform answers 404 for is removed from the cache; the same with the platform unreachable stays")
    func notFoundRemoves() async throws {
        let platform = try await PlatformServer.start(PlatformConfiguration(
            dataDirectory: temporaryDirectory("platform"), demo: true,
            localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)))
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        let gone = Resource.components(application: "deleted-elsewhere")
        let alive = Resource.components(application: "tesseract-ocr")
        for resource in [gone, alive] { try cache.save(Tagged(ResourceValue.components([])), key: resource.cacheKey) }

        await loadOnce(gone, cache: cache, url: platform.url, token: platform.token)
        await loadOnce(alive, cache: cache, url: platform.url, token: platform.token)
        #expect(!FileManager.default.fileExists(atPath: cache.url(for: gone.cacheKey).path), "the 404's entry is gone")
        guard case .hit(let fresh, _) = cache.load(Tagged<ResourceValue>.self, key: alive.cacheKey) else {
            Issue.record("the live application's entry was lost"); await platform.stop(); return
        }
        #expect(fresh.value.components?.isEmpty == false, "and it holds the platform's answer")
        await platform.stop()

        // Offline says nothing of existence: the copy is what the user has.
        try cache.save(Tagged(ResourceValue.components([])), key: gone.cacheKey)
        await loadOnce(gone, cache: cache, url: URL(string: "http://127.0.0.1:1")!, token: "t")
        #expect(FileManager.default.fileExists(atPath: cache.url(for: gone.cacheKey).path))
    }

    @Test("the keys of an application and of a component are told apart by their parts, not by prefix")
    func keyMatching() {
        let keys = [
            "application.ocr", "components.ocr", "events.ocr", "events.ocr.model", "events-platform.all.ocr",
            "events-platform.Warning.ocr.15m", "manifest.ocr.model", "logs.ocr.model", "grants.ocr",
        ]
        for key in keys { #expect(Resource.cacheKey(key, concerns: "ocr"), "\(key)") }
        for key in ["application.ocr-2", "components.ocr-2", "events.ocr-2.model", "events-platform.all", "events-platform.all.ocr-2",
                    "applications", "me", "teams", "quota.ocr", "draft.create"] {
            #expect(!Resource.cacheKey(key, concerns: "ocr"), "\(key)")
        }
        #expect(Resource.cacheKey("manifest.ocr.model", concerns: "ocr", component: "model"))
        #expect(Resource.cacheKey("logs.ocr.model", concerns: "ocr", component: "model"))
        #expect(!Resource.cacheKey("logs.ocr.model-2", concerns: "ocr", component: "model"))
        #expect(!Resource.cacheKey("components.ocr", concerns: "ocr", component: "model"), "the application's list stays, and is fetched again")
        // Every key the cabinet makes for an application is one it forgets with it.
        let resources: [Resource] = [
            .application(slug: "ocr"), .components(application: "ocr"), .applicationEvents(application: "ocr", component: nil),
            .applicationEvents(application: "ocr", component: "model"), .platformEvents(type: nil, application: "ocr"),
            .platformEvents(type: .warning, application: "ocr", window: .day), .manifest(application: "ocr", component: "model"),
            .logs(application: "ocr", component: "model"), .grants(application: "ocr"),
        ]
        for resource in resources { #expect(Resource.cacheKey(resource.cacheKey, concerns: "ocr"), "\(resource.cacheKey)") }
        #expect(!Resource.cacheKey(Resource.platformEvents(type: nil).cacheKey, concerns: "ocr"))
    }

    @Test("removeAll takes exactly the matching entries")
    func removeAll() throws {
        let cache = JSONCache(directory: temporaryDirectory("cache"))
        for key in ["application.a", "application.b", "me"] { try cache.save(Tagged(ResourceValue.manifest(key)), key: key) }
        #expect(cache.removeAll { $0.hasSuffix(".a") } == ["application.a"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path)) == ["application.b.json", "me.json"])
    }
}
