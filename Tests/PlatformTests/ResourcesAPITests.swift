import Foundation
import GRDB
import Model
import Testing
@testable import Platform

private func items(_ response: RawResponse) -> [[String: Any]] {
    response.json["items"] as? [[String: Any]] ?? []
}

@Suite("Platform API over HTTP: me, teams, templates, applications, components, events")
struct ResourcesAPITests {
    @Test("/v1/me is the caller with their team roles")
    func me() async throws {
        try await withPlatform { platform in
            let me = try await get(platform, "/v1/me", token: platform.token)
            #expect(me.status == 200)
            #expect(me.json["login"] as? String == "tester")
            #expect(me.json["isAdmin"] as? Bool == true)
            let teams = try #require(me.json["teams"] as? [[String: String]])
            #expect(teams.contains(["team": "cii", "role": "owner"]))
        }
    }

    @Test("teams come with members and roles; templates with the built-ins first")
    func teamsAndTemplates() async throws {
        try await withPlatform { platform in
            let teams = items(try await get(platform, "/v1/teams", token: platform.token))
            #expect(teams.compactMap { $0["slug"] as? String } == ["cii", "sp4"])
            let cii = try #require(teams.first)
            #expect((cii["members"] as? [[String: String]])?.contains(["login": "ikrupnov", "role": "owner"]) == true)

            let templates = items(try await get(platform, "/v1/templates", token: platform.token))
            #expect(templates.compactMap { $0["name"] as? String } == ["Без шаблона", "ML-компонент + ящик"])
            let kinds = (templates[1]["components"] as? [[String: String]])?.compactMap { $0["kind"] }
            #expect(kinds == ["DataBox", "MLComponent"])
        }
    }

    @Test("creating from each template makes the application with the template's components, pending, with events by the caller",
          arguments: [("empty", 0, 0), ("ml-component-box", 1, 1)])
    func create(template: String, ml: Int, boxes: Int) async throws {
        try await withPlatform { platform in
            let created = try await send(platform, .post, "/v1/applications", json: [
                "name": "Распознавание рукописей", "team": "cii", "template": template,
                "description": "Рукописные анкеты абитуриентов",
            ], token: platform.token)
            #expect(created.status == 201)
            #expect(created.json["slug"] as? String == "raspoznavanie-rukopisei")
            #expect(created.json["author"] as? String == "tester")
            #expect(created.json["namespace"] as? String == "pu-tester-pa-raspoznavanie-rukopisei")
            let counts = try #require(created.json["components"] as? [String: Int])
            #expect(counts["mlComponents"] == ml && counts["dataBoxes"] == boxes)

            let components = items(try await get(platform, "/v1/applications/raspoznavanie-rukopisei/components", token: platform.token))
            #expect(components.count == ml + boxes)
            for component in components {
                #expect((component["status"] as? [String: Any])?["phase"] as? String == "pending")
            }
            if template == "ml-component-box" {
                let box = try #require(components.first { $0["kind"] as? String == "DataBox" })
                #expect(box["spec"] as? [String: [String: String]] == ["s3DefaultStorage": [:]])
                let model = try #require(components.first { $0["kind"] as? String == "MLComponent" })
                #expect((model["spec"] as? [String: Any])?["servicePort"] as? Int == 8002)
            }
            let events = items(try await get(platform, "/v1/applications/raspoznavanie-rukopisei/events", token: platform.token))
            #expect(events.count == 1 + ml + boxes)
            #expect(events.allSatisfy { $0["actor"] as? String == "tester" && $0["reason"] as? String == "Created" })

            let listed = items(try await get(platform, "/v1/applications", token: platform.token))
            #expect(listed.first?["slug"] as? String == "raspoznavanie-rukopisei")
        }
    }

    @Test("bad input is refused field by field, and nothing is created", arguments: [
        (["name": "X", "slug": "Bad_Slug", "team": "cii", "template": "empty"], "slug"),
        (["name": "X", "slug": "x" + String(repeating: "y", count: 40), "team": "cii", "template": "empty"], "slug"),
        (["name": "   ", "slug": "ok-slug", "team": "cii", "template": "empty"], "name"),
        (["name": "X", "slug": "ok-slug", "team": "no-such-team", "template": "empty"], "team"),
        (["name": "X", "slug": "ok-slug", "team": "cii", "template": "no-such-template"], "template"),
        (["name": "X", "slug": "ok-slug", "team": "cii", "template": "empty", "description": String(repeating: "я", count: 1001)], "description"),
    ])
    func invalid(body: [String: String], field: String) async throws {
        try await withPlatform { platform in
            let before = items(try await get(platform, "/v1/applications", token: platform.token)).count
            let response = try await send(platform, .post, "/v1/applications", json: body, token: platform.token)
            #expect(response.status == 400)
            #expect(response.contentType == "application/problem+json")
            #expect(response.fieldErrors.contains { $0.field == field }, "\(response.fieldErrors)")
            #expect(items(try await get(platform, "/v1/applications", token: platform.token)).count == before)
        }
    }

    @Test("a taken slug is a 409 naming the slug; a body that is not the schema is a 400")
    func conflictAndMalformed() async throws {
        try await withPlatform { platform in
            let taken = try await send(platform, .post, "/v1/applications",
                                       json: ["name": "Tesseract OCR", "team": "cii", "template": "empty"], token: platform.token)
            #expect(taken.status == 409)
            #expect(taken.fieldErrors.first?.field == "slug")
            let malformed = try await send(platform, .post, "/v1/applications", json: ["team": 42], token: platform.token)
            #expect(malformed.status == 400)
            #expect(malformed.contentType == "application/problem+json")
        }
    }

    @Test("the team's app quota refuses the application that would exceed it, naming the quota")
    func appQuota() async throws {
        try await withPlatform { platform in
            let existing = items(try await get(platform, "/v1/applications", token: platform.token)).filter { $0["team"] as? String == "cii" }.count
            let allowed = DemoData.quota(for: "cii")[.apps]! - Int64(existing)
            for i in 0..<allowed {
                let ok = try await send(platform, .post, "/v1/applications", json: ["name": "Quota \(i)", "team": "cii", "template": "empty"], token: platform.token)
                #expect(ok.status == 201)
            }
            let refused = try await send(platform, .post, "/v1/applications", json: ["name": "One too many", "team": "cii", "template": "empty"], token: platform.token)
            #expect(refused.status == 422)
            #expect(refused.json["title"] as? String == "Quota exceeded: apps")
            #expect(refused.fieldErrors.first?.field == "quota.apps")
            #expect(try await get(platform, "/v1/applications/one-too-many", token: platform.token).status == 404)
        }
    }

    @Test("storage is the sum of data-box capacities and its quota is enforced")
    func storageQuota() async throws {
        let store = try PlatformStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-store-\(UUID().uuidString)"))
        try await store.ensureUser(User(login: "u", name: "U", email: "u@localhost"))
        try await store.insert(team: Team(slug: "lab", name: "Lab", members: [TeamMember(login: "u", role: .owner)]),
                               quota: [.storage: 1_500_000_000])
        _ = try await store.createApplication(NewApplication(name: "First", team: "lab", template: "ml-component-box"), author: "u", at: Date())
        await #expect(throws: StoreError.quotaExceeded(team: "lab", resource: .storage, hard: 1_500_000_000, used: 1_000_000_000, requested: 2_000_000_000)) {
            _ = try await store.createApplication(NewApplication(name: "Second", team: "lab", template: "ml-component-box"), author: "u", at: Date())
        }
        // The refused application left nothing behind.
        #expect(try await store.application(slug: "second") == nil)
        let components = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM components") }
        #expect(components == 2)
    }

    @Test("an application can be read, renamed, moved, and deleted with everything it had")
    func lifecycle() async throws {
        try await withPlatform { platform in
            let path = "/v1/applications/tesseract-ocr"
            #expect(try await get(platform, path, token: platform.token).json["name"] as? String == "Tesseract OCR")

            let renamed = try await send(platform, .patch, path, json: ["name": "Tesseract OCR 5", "team": "sp4"], token: platform.token)
            #expect(renamed.status == 200)
            #expect(renamed.json["name"] as? String == "Tesseract OCR 5")
            #expect(renamed.json["team"] as? String == "sp4")

            let tooLong = try await send(platform, .patch, path, json: ["description": String(repeating: "x", count: 1001)], token: platform.token)
            #expect(tooLong.status == 400)
            #expect(try await get(platform, path, token: platform.token).json["description"] as? String != String(repeating: "x", count: 1001))

            let updates = items(try await get(platform, "\(path)/events?limit=1", token: platform.token))
            #expect(updates.first?["reason"] as? String == "Updated")
            #expect(updates.first?["actor"] as? String == "tester")

            #expect(try await send(platform, .delete, path, token: platform.token).status == 204)
            #expect(try await get(platform, path, token: platform.token).status == 404)
            #expect(try await get(platform, "\(path)/components", token: platform.token).status == 404)
            #expect(try await get(platform, "\(path)/events", token: platform.token).status == 404)
            #expect(try await send(platform, .delete, path, token: platform.token).status == 404)
            #expect(!items(try await get(platform, "/v1/applications", token: platform.token)).contains { $0["slug"] as? String == "tesseract-ocr" })
        }
    }

    @Test("deleting an application removes its components and events from the database")
    func cascade() async throws {
        let store = try PlatformStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-store-\(UUID().uuidString)"))
        let user = User(login: "u", name: "U", email: "u@localhost")
        try await DemoData.seedIfEmpty(store, localUser: user, now: Date())
        try await store.deleteApplication(slug: "tesseract-ocr")
        let orphans = try await store.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM components WHERE application_id NOT IN (SELECT id FROM applications))
                     + (SELECT COUNT(*) FROM events WHERE application_id NOT IN (SELECT id FROM applications))
                """)
        }
        #expect(orphans == 0)
    }

    @Test("events filter by type and component, and page with a cursor")
    func events() async throws {
        try await withPlatform { platform in
            let path = "/v1/applications/appeals-classifier/events"
            let warnings = items(try await get(platform, "\(path)?type=warning", token: platform.token))
            #expect(!warnings.isEmpty)
            #expect(warnings.allSatisfy { $0["type"] as? String == "warning" })
            #expect(warnings.first?["reason"] as? String == "CrashLoopBackOff")

            let classifier = items(try await get(platform, "\(path)?component=classifier", token: platform.token))
            #expect(classifier.map { $0["reason"] as? String } == ["CrashLoopBackOff", "Deploying", "Created"])

            let all = items(try await get(platform, path, token: platform.token)).compactMap { $0["id"] as? Int }
            var paged: [Int] = []
            var cursor: String?
            repeat {
                let page = try await get(platform, "\(path)?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: platform.token)
                paged += items(page).compactMap { $0["id"] as? Int }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil && paged.count <= all.count
            #expect(paged == all)
            #expect(all == all.sorted(by: >))

            let future = try await get(platform, "\(path)?since=2999-01-01T00:00:00Z", token: platform.token)
            #expect(items(future).isEmpty)
            #expect(try await get(platform, "\(path)?cursor=abc", token: platform.token).status == 400)
            #expect(try await get(platform, "\(path)?limit=501", token: platform.token).status == 400)
            #expect(try await get(platform, "\(path)?type=fatal", token: platform.token).status == 400)
        }
    }
}

@Suite("Schema migrations")
struct MigrationTests {
    @Test("a database at each earlier schema version upgrades with its data intact", arguments: ["v1", "v2-team-templates", "v3-access-tokens", "v4-grants", "v5-stored-namespaces", "v6-event-codes"])
    func fromEarlier(version: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("platform.sqlite").path)
        try PlatformSchema.migrator.migrate(queue, upTo: version)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO teams(slug, name) VALUES ('cii', 'ЦИИ')")
        }
        try queue.close()

        let store = try PlatformStore(directory: directory)
        #expect(try await store.teams().map(\.slug) == ["cii"])
        let applied = try await store.pool.read { db in try PlatformSchema.migrator.appliedMigrations(db) }
        #expect(applied == ["v1", "v2-team-templates", "v3-access-tokens", "v4-grants", "v5-stored-namespaces", "v6-event-codes", "v7-status-codes"])
    }

    @Test("an empty directory gets the whole schema")
    func fromEmpty() async throws {
        let store = try PlatformStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-migrate-\(UUID().uuidString)"))
        let tables = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == [
            "access_tokens", "applications", "components", "events", "grants", "quotas", "team_events", "team_members", "teams",
            "templates", "users",
        ])
        let journal = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }
}
