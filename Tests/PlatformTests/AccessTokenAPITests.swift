import Foundation
import GRDB
import Model
import Testing
@testable import Platform

@Suite("Platform API over HTTP: personal access tokens")
struct AccessTokenAPITests {
    @Test("a token is shown once, works as a bearer token, is listed without its secret, and stops working when revoked")
    func lifecycle() async throws {
        try await withPlatform { platform in
            let created = try await send(platform, .post, "/v1/me/tokens", json: ["name": "ноутбук", "expiresInDays": 30], token: platform.token)
            #expect(created.status == 201)
            let secret = try #require(created.json["secret"] as? String)
            #expect(secret.hasPrefix("smo_") && secret.count > 40)
            let id = try #require((created.json["token"] as? [String: Any])?["id"] as? Int)

            let me = try await get(platform, "/v1/me", token: secret)
            #expect(me.status == 200)
            #expect(me.json["login"] as? String == "tester")

            let list = try await get(platform, "/v1/me/tokens", token: secret)
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["name"] as? String == "ноутбук")
            #expect(items.first?["lastUsedAt"] is String, "use is recorded")
            #expect(items.first?["expiresAt"] is String)
            #expect(!list.text.contains(secret))

            #expect(try await send(platform, .delete, "/v1/me/tokens/\(id)", token: platform.token).status == 204)
            #expect(try await get(platform, "/v1/me", token: secret).status == 401)
            #expect(try await send(platform, .delete, "/v1/me/tokens/\(id)", token: platform.token).status == 404)
        }
    }

    @Test("bad names and expiries are refused naming the field", arguments: [
        (#"{"name":"   "}"#, "name"),
        (#"{"name":"x","expiresInDays":0}"#, "expiresInDays"),
        (#"{"name":"x","expiresInDays":5000}"#, "expiresInDays"),
        // 101 code points as sent, 100 once trimmed: schemathesis found this one.
        ("{\"name\":\" \u{97}\(String(repeating: "*", count: 99))\"}", "name"),
    ])
    func refused(json: String, field: String) async throws {
        let body = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        try await withPlatform(demo: false) { platform in
            let response = try await send(platform, .post, "/v1/me/tokens", json: body, token: platform.token)
            #expect(response.status == 400)
            #expect(response.fieldErrors.first?.field == field)
        }
    }

    @Test("the store keeps only a hash; an expired token and another user's token do not work for the caller")
    func storage() async throws {
        let store = try PlatformStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-tokens-\(UUID().uuidString)"))
        try await store.ensureUser(User(login: "anna", name: "Анна", email: "anna@hse.ru"))
        try await store.ensureUser(User(login: "ivan", name: "Иван", email: "ivan@hse.ru"))
        let now = Date()
        let (token, secret) = try await store.createAccessToken(login: "anna", name: "ci", expiresAt: now.addingTimeInterval(3600), at: now)
        let stored = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT hash FROM access_tokens") }
        #expect(stored.count == 1 && stored[0] != secret && !stored[0].contains(secret))
        #expect(try await store.user(forAccessToken: secret, at: now)?.login == "anna")
        #expect(try await store.user(forAccessToken: secret, at: now.addingTimeInterval(7200)) == nil, "expired")
        #expect(try await store.user(forAccessToken: secret + "x", at: now) == nil)
        await #expect(throws: StoreError.notFound("token \(token.id)")) {
            try await store.revokeAccessToken(id: token.id, login: "ivan")
        }
        #expect(try await store.user(forAccessToken: secret, at: now) != nil, "ivan could not revoke anna's token")
    }
}
