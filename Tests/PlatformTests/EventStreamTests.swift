import Foundation
import Model
import Platform
import Testing
import TestSupport

/// The SSE stream read by the real curl command-line client, as a script or a proxy-bound
/// cabinet would read it.
@Suite("Platform API over HTTP: the event stream")
struct EventStreamTests {
    private func latestID(_ platform: RunningPlatform) async throws -> Int {
        let items = try #require(try await get(platform, "/v1/events?limit=1", token: platform.token).json["items"] as? [[String: Any]])
        return try #require(items.first?["id"] as? Int)
    }

    @Test("Last-Event-ID resumes right after that event, oldest first, each event typed and complete")
    func resume() async throws {
        try await withPlatform { platform in
            let latest = try await latestID(platform)
            let reader = try SSEReader(platform, token: platform.token, lastEventID: latest - 3)
            defer { reader.stop() }
            let received = await reader.events(through: latest)
            #expect(received.map(\.id) == [latest - 2, latest - 1, latest])
            for event in received {
                #expect(event.data["id"] as? Int == event.id)
                #expect(event.data["type"] as? String == event.type)
                #expect(event.data["application"] is String && event.data["time"] is String)
            }
        }
    }

    @Test("a change made while the stream is open arrives on it")
    func live() async throws {
        try await withPlatform { platform in
            let latest = try await latestID(platform)
            let reader = try SSEReader(platform, token: platform.token, lastEventID: latest)
            defer { reader.stop() }
            let created = try await send(platform, .post, "/v1/applications", json: ["name": "Live", "team": "sp4", "template": "empty"], token: platform.token)
            #expect(created.status == 201)
            let newest = try await latestID(platform)
            let received = await reader.events(through: newest)
            #expect(received.contains { $0.data["application"] as? String == "live" && $0.data["reason"] as? String == "Created" })
            #expect(received.allSatisfy { $0.id > latest })
        }
    }

    /// A cabinet leaving the Events screen closes its connection; the server must stop polling the
    /// store for it then, not at its next keep-alive write 15 s later.
    @Test("a stream ends on the server as soon as its client leaves, not at the next keep-alive")
    func endsWithItsClient() async throws {
        try await withPlatform { platform in
            #expect(try await openStreams(platform) == 0)
            // No Last-Event-ID: it starts after the latest event, and nothing happens meanwhile.
            let reader = try SSEReader(platform, token: platform.token, seconds: 3)
            #expect(try await waitForOpenStreams(platform, 1, timeout: .seconds(10)) != nil, "the open stream is counted")
            #expect(await reader.waitForEnd(10))
            let ended = try await waitForOpenStreams(platform, 0, timeout: .seconds(5))
            #expect(ended != nil, "still streaming 5 s after curl left (the keep-alive comes every 15 s)")
        }
    }

    @Test("the stream can be narrowed to one application; a bad Last-Event-ID is a 400")
    func filterAndBadHeader() async throws {
        try await withPlatform { platform in
            // The replay ends at a change made now: an edit of tesseract-ocr, the newest event.
            #expect(try await send(platform, .patch, "/v1/applications/tesseract-ocr", json: ["description": "sentinel"], token: platform.token).status == 200)
            let newest = try await latestID(platform)
            let reader = try SSEReader(platform, token: platform.token, path: "/v1/events/stream?application=tesseract-ocr", lastEventID: 0)
            defer { reader.stop() }
            let received = await reader.events(through: newest)
            #expect(received.count > 1 && received.last?.id == newest)
            #expect(received.allSatisfy { $0.data["application"] as? String == "tesseract-ocr" })

            let bad = try ChildProcess(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(platform.token)",
                                        "-H", "Last-Event-ID: abc", platform.url.absoluteString + "/v1/events/stream"],
                                       environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
            #expect(await bad.output() == "400")
        }
    }

    /// A deleted application takes its events with it, and a membership or grant has none of an
    /// application: without `changed`, a cabinet would not hear of them until its next refresh.
    @Test("a stream of every event says `changed` when what its caller may see changes: an admin of every such write, a member only of their own view")
    func changedWithoutAnEvent() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-changed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(demo: false, directory: directory) { platform in
            let store = try PlatformStore(directory: directory)
            for login in ["vera", "xenia", "root"] {
                try await store.ensureUser(User(login: login, name: login, email: "\(login)@hse.ru", isAdmin: login == "root"))
            }
            try await store.insert(team: Team(slug: "own", name: "Own", members: [TeamMember(login: "vera", role: .owner)]), quota: [:])
            try await store.insert(team: Team(slug: "beta", name: "Beta", members: [TeamMember(login: "xenia", role: .owner)]), quota: [:])
            _ = try await store.createApplication(NewApplication(name: "Beta app", slug: "beta-app", team: "beta", template: "empty"),
                                                  author: "xenia", at: Date())
            var tokens: [String: String] = [:]
            for login in ["vera", "xenia", "root"] {
                tokens[login] = try await store.createAccessToken(login: login, name: "t", expiresAt: nil, at: Date()).secret
            }
            let admin = try SSEReader(platform, token: tokens["root"]!)
            let member = try SSEReader(platform, token: tokens["vera"]!)
            defer { admin.stop(); member.stop() }
            #expect(try await waitForOpenStreams(platform, 2, timeout: .seconds(10)) != nil)

            // Another team's application deleted: the admin hears of it, vera (who never saw it) does not.
            #expect(try await send(platform, .delete, "/v1/applications/beta-app", token: tokens["xenia"]!).status == 204)
            #expect(await admin.waitUntil(10) { $0.contains("event: changed") }, "the admin told: \(admin.text)")
            // Vera's own new application: one `changed` (her view grew) with its Created event.
            let created = try await send(platform, .post, "/v1/applications", json: ["name": "Mine", "team": "own", "template": "empty"],
                                         token: tokens["vera"]!)
            #expect(created.status == 201)
            #expect(await member.waitUntil(10) { $0.contains(#""application":"mine""#) && $0.contains("Created") }, "\(member.text)")
            #expect(member.text.components(separatedBy: "event: changed").count - 1 == 1, "told once, of her own view only: \(member.text)")
            #expect(await admin.waitUntil(10) { $0.components(separatedBy: "event: changed").count - 1 == 2 }, "\(admin.text)")
        }
    }

    /// The cabinet words an event in its user's language from these, as it does a refusal.
    @Test("events carry a code and parameters, listed and streamed: a created application, a grant, a component")
    func codes() async throws {
        try await withPlatform { platform in
            let latest = try await latestID(platform)
            let reader = try SSEReader(platform, token: platform.token, lastEventID: latest)
            defer { reader.stop() }
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Coded", "team": "sp4", "template": "empty"],
                                   token: platform.token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/coded/components",
                                   json: ["kind": "DataBox", "name": "weights", "spec": [String: Any]()], token: platform.token).status == 201)
            let listed = try #require(try await get(platform, "/v1/events?application=coded", token: platform.token).json["items"] as? [[String: Any]])
            let created = try #require(listed.first { $0["reason"] as? String == "Created" && $0["component"] == nil })
            #expect(created["code"] as? String == "application_created")
            #expect(created["params"] as? [String: String] == ["slug": "coded", "template": "empty"])
            #expect(created["message"] as? String == "Application coded created from template empty", "the English words stay for clients without codes")
            let box = try #require(listed.first { $0["component"] as? String == "weights" })
            #expect(box["code"] as? String == "component_created")
            #expect(box["params"] as? [String: String] == ["kind": "DataBox", "name": "weights"])
            let newest = try await latestID(platform)
            let streamed = await reader.events(through: newest)
            #expect(streamed.contains { $0.data["code"] as? String == "component_created" && ($0.data["params"] as? [String: String])?["name"] == "weights" })
        }
    }
}
