import Foundation
import Platform
import Testing

@Suite("Platform API over HTTP: cached answers follow every write, unknown methods get 405")
struct ResponseCacheTests {
    @Test("a read answered from the cache changes as soon as any write commits: app, component, event, quota")
    func cachedReadsFollowWrites() async throws {
        try await withPlatform { platform in
            let token = platform.token
            // Warm the cache for each resource, then write, then read again.
            let list = try await get(platform, "/v1/applications?limit=200", token: token)
            let quota = try await get(platform, "/v1/teams/cii/quota", token: token)
            let events = try await get(platform, "/v1/events?limit=5", token: token)
            #expect(try await get(platform, "/v1/applications?limit=200", token: token).etag == list.etag, "a repeat is served unchanged")

            let created = try await send(platform, .post, "/v1/applications",
                                         json: ["name": "Кэш", "slug": "cache-probe", "team": "cii", "template": "ml-component-box"], token: token)
            #expect(created.status == 201)
            let listAfter = try await get(platform, "/v1/applications?limit=200", token: token)
            #expect(listAfter.etag != list.etag)
            #expect(listAfter.text.contains("cache-probe"))
            #expect(try await get(platform, "/v1/teams/cii/quota", token: token).etag != quota.etag, "quota usage moved")
            #expect(try await get(platform, "/v1/events?limit=5", token: token).text.contains("cache-probe"))
            #expect(try await get(platform, "/v1/events?limit=5", token: token).etag != events.etag)

            let components = try await get(platform, "/v1/applications/cache-probe/components", token: token)
            let added = try await send(platform, .post, "/v1/applications/cache-probe/components",
                                       json: ["name": "extra-box", "kind": "DataBox", "spec": ["s3DefaultStorage": ["capacity": "1G"]]], token: token)
            #expect(added.status == 201)
            let componentsAfter = try await get(platform, "/v1/applications/cache-probe/components", token: token)
            #expect(componentsAfter.etag != components.etag)
            #expect(componentsAfter.text.contains("extra-box"))

            let app = try await get(platform, "/v1/applications/cache-probe", token: token)
            #expect(try await send(platform, .patch, "/v1/applications/cache-probe", json: ["name": "Кэш 2"], token: token).status == 200)
            let renamed = try await send(platform, .get, "/v1/applications/cache-probe", token: token, ifNoneMatch: app.etag)
            #expect(renamed.status == 200, "the old tag no longer matches")
            #expect(renamed.json["name"] as? String == "Кэш 2")
            #expect(try await send(platform, .get, "/v1/applications/cache-probe", token: token, ifNoneMatch: renamed.etag).status == 304)

            #expect(try await send(platform, .delete, "/v1/applications/cache-probe", token: token).status == 204)
            #expect(try await get(platform, "/v1/applications/cache-probe", token: token).status == 404)
            #expect(try await get(platform, "/v1/applications/cache-probe/components", token: token).status == 404)
            #expect(!(try await get(platform, "/v1/applications?limit=200", token: token).text.contains("cache-probe")))
        }
    }

    @Test("a token's owner sees its own token list; a revoked token's list is never served from the cache")
    func tokensAreNotServedStale() async throws {
        try await withPlatform(demo: false) { platform in
            let made = try await send(platform, .post, "/v1/me/tokens", json: ["name": "ci"], token: platform.token)
            let secret = try #require(made.json["secret"] as? String)
            let id = try #require((made.json["token"] as? [String: Any])?["id"])
            let before = try await get(platform, "/v1/me/tokens", token: secret)
            #expect(before.status == 200)
            #expect(try await send(platform, .delete, "/v1/me/tokens/\(id)", token: platform.token).status == 204)
            #expect(try await get(platform, "/v1/me/tokens", token: secret).status == 401, "revoked at once, cache or not")
            #expect(!(try await get(platform, "/v1/me/tokens", token: platform.token).text.contains("\"ci\"")))
        }
    }

    @Test("a declared path with an undeclared method answers 405 with Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await withPlatform(demo: false) { platform in
            let put = try await send(platform, .put, "/v1/applications", token: platform.token)
            #expect(put.status == 405)
            #expect(put.contentType == "application/problem+json")
            #expect(put.headers[.allow] == "GET, POST")
            let templated = try await send(platform, .post, "/v1/applications/anything", token: platform.token)
            #expect(templated.status == 405)
            #expect(templated.headers[.allow] == "DELETE, GET, PATCH")
            // The set of routes is public, so 405 does not wait for a token.
            #expect(try await send(platform, .delete, "/v1/teams").status == 405)
            #expect(try await send(platform, .get, "/v1/nothing-here", token: platform.token).status == 404)
            #expect(try await send(platform, .get, "/v1/applications", token: platform.token).status == 200)
        }
    }
}
