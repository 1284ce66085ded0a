import Client
import Foundation
import Model
import Platform
import TerminalUI
import Testing
@testable import Cabinet

@Suite("Corrupt cache files", .serialized)
struct CorruptCacheTests {
    /// Truncations of a real cache file at 25 lengths and 25 seeded blobs of random bytes.
    private static func corruptions(of valid: Data) -> [Data] {
        var state: UInt64 = 0x5EED
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let truncated = (0..<25).map { valid.prefix(valid.count * $0 / 25) }
        let random = (0..<25).map { index in Data((0..<(index * 37 % 400)).map { _ in next() }) }
        return truncated.map { Data($0) } + random
    }

    @Test("50 starts, each over corrupted or truncated files of every screen: each is reported, rebuilt from the platform, and nothing crashes")
    func fiftyStarts() async throws {
        let platform = try await PlatformServer.start(PlatformConfiguration(
            dataDirectory: temporaryDirectory("platform"), demo: true,
            localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)))
        defer { Task { await platform.stop() } }
        let validCache = JSONCache(directory: temporaryDirectory("valid"))
        try validCache.save(Tagged(ResourceValue.teams([Team(slug: "cii", name: "ЦИИ")]), etag: "\"x\""), key: "teams")
        let valid = try Data(contentsOf: validCache.url(for: "teams"))
        let keys = ["applications", "applications.head", "teams", "quota.cii", "quota.sp4", ApplicationDraft.cacheKey]

        for (number, bytes) in Self.corruptions(of: valid).enumerated() {
            let cache = JSONCache(directory: temporaryDirectory("corrupt-\(number)"))
            try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
            for key in keys { try bytes.write(to: key == "applications" ? cache.linesURL(for: key) : cache.url(for: key)) }

            let backend = MemoryBackend(width: 120, height: 30)
            backend.push(.key(.char(":")), .key(.char("q")), .key(.char("u")), .key(.char("o")), .key(.char("t")), .key(.char("a")),
                         .key(.char("s")), .key(.enter))
            let app = await runCabinet(CabinetApp(environment: environment(url: platform.url, token: platform.token, cache: cache)), backend: backend) { app in
                guard case .platform = app.origin, app.store.entry(.quota(team: "cii"))?.fromCache == false,
                      app.store.entry(.quota(team: "sp4"))?.fromCache == false else { return false }
                return true
            }
            #expect(app.stack.last is QuotaScreen, "start \(number)")
            guard case .platform = app.origin else { Issue.record("start \(number): the list never came"); continue }
            #expect(app.notice?.hasPrefix("Cache ignored and will be rewritten: ") == true, "start \(number): \(app.notice ?? "no notice")")
            guard case .hit = cache.loadList([ApplicationPages.Page].self, of: Application.self, key: "applications"),
                  case .hit = cache.load(Tagged<ResourceValue>.self, key: "teams"),
                  case .hit = cache.load(Tagged<ResourceValue>.self, key: "quota.cii") else {
                Issue.record("start \(number): the cache was not rebuilt")
                continue
            }
        }
    }
}
