import Client
import Foundation
import Glibc
import GRDB
import HTTPTypes
import Model
import OpenAPIRuntime
import Synchronization
import Testing
import TestSupport
@testable import Platform

/// The server is killed (SIGKILL, no chance to clean up) while creates are in flight.
@Suite("Durability of the real server", .serialized)
struct DurabilityTests {
    @Test("after a SIGKILL among 1,000 concurrent creates, every 201 exists with all its components and nothing is half-made")
    func killDuringCreates() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let data = sandbox.root.appendingPathComponent("server")
        // A team without quotas, so that every create is accepted until the kill.
        do {
            let store = try PlatformStore(directory: data)
            try await store.ensureUser(User(login: "e2e", name: "E2E", email: "e2e@localhost", isAdmin: true))
            try await store.insert(team: Team(slug: "load", name: "Load", members: [TeamMember(login: "e2e", role: .owner)]), quota: [:])
        }
        let server = try await ServeProcess(sandbox: sandbox, demo: false)
        let token = try String(contentsOfFile: server.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let url = try #require(URL(string: server.url))

        let tally = Tally()
        let total = 1000
        let inFlight = 64
        let serverPID = server.child.pid
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < inFlight {
                let i = next
                group.addTask { await Self.create(i, url: url, token: token, tally: tally) }
                next += 1
            }
            group.addTask {
                // Kill once a fair share has been answered, with plenty still in flight.
                while tally.answered.load(ordering: .relaxed) < 300 { try await Task.sleep(for: .milliseconds(5)) }
                kill(serverPID, SIGKILL)
            }
            while try await group.next() != nil {
                if next < total {
                    let i = next
                    group.addTask { await Self.create(i, url: url, token: token, tally: tally) }
                    next += 1
                }
            }
        }
        server.reap()
        let acknowledged = tally.created.withLock { $0 }
        #expect(acknowledged.count >= 300, "the kill came after 300 answers; \(acknowledged.count) were 201")
        #expect(acknowledged.count < total, "the kill must interrupt the run")

        // Open what the killed server left, as a restart would.
        let store = try PlatformStore(directory: data)
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.slug, (SELECT COUNT(*) FROM components c WHERE c.application_id = a.id) AS components
                FROM applications a WHERE a.team = 'load'
                """)
        }
        let stored = Dictionary(uniqueKeysWithValues: rows.map { ($0["slug"] as String, $0["components"] as Int) })
        for slug in acknowledged { #expect(stored[slug] == 2, "\(slug) got 201 but has \(stored[slug].map(String.init) ?? "no row")") }
        #expect(stored.values.allSatisfy { $0 == 2 }, "an application without all its template components")

        // And the restarted server serves them.
        let restarted = try await ServeProcess(sandbox: sandbox, demo: false)
        defer { restarted.terminate() }
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/applications?limit=200")
        request.headerFields[.authorization] = "Bearer \(token)"
        let (response, _) = try await CurlTransport().send(request, body: nil, baseURL: try #require(URL(string: restarted.url)), operationID: "list")
        #expect(response.status.code == 200)
    }

    private final class Tally: Sendable {
        let created = Mutex<[String]>([])
        let answered = Atomic<Int>(0)
    }

    /// One create over a real connection; a 201 is remembered as a promise the server made.
    private static func create(_ i: Int, url: URL, token: String, tally: Tally) async {
        let slug = "load-\(i)"
        var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/applications")
        request.headerFields[.authorization] = "Bearer \(token)"
        request.headerFields[.contentType] = "application/json"
        let body = HTTPBody(#"{"name":"Load \#(i)","slug":"\#(slug)","team":"load","template":"ml-component-box"}"#)
        let transport = CurlTransport(connectTimeout: .seconds(5), totalTimeout: .seconds(30))
        if let (response, _) = try? await transport.send(request, body: body, baseURL: url, operationID: "create"),
           response.status.code == 201 {
            tally.created.withLock { $0.append(slug) }
        }
        tally.answered.add(1, ordering: .relaxed)
    }
}
