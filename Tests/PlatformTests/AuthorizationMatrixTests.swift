import Foundation
import HTTPTypes
import Model
import Testing
import TestSupport
@testable import Platform

private func items(_ response: RawResponse) -> [[String: Any]] {
    response.json["items"] as? [[String: Any]] ?? []
}

/// A platform with its own store opened beside it, for seeding users and teams in-process; every
/// check still goes over HTTP.
private func withSeededPlatform(_ body: (RunningPlatform, PlatformStore) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-authz-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try await withPlatform(demo: false, directory: directory) { platform in
        try await body(platform, try PlatformStore(directory: directory))
    }
}

@Suite("Authorization: the matrix of docs/permissions.md over HTTP")
struct AuthorizationMatrixTests {
    @Test("the matrix names every operation of openapi.yaml, each for every kind of caller")
    func complete() throws {
        let matrix = try PermissionMatrix.load()
        #expect(Set(matrix.rows.map(\.operation)) == (try PermissionMatrix.specOperations()))
        for row in matrix.rows {
            #expect(row.outcomes.count == PermissionMatrix.callers.count, "\(row.operation)")
            #expect(!row.outcomes.values.contains(.refused(-1)), "\(row.operation) has a cell that is neither ✓ nor a status")
        }
    }

    @Test("every operation × every caller answers as the matrix says, and a refusal is problem+json")
    func matrix() async throws {
        let matrix = try PermissionMatrix.load()
        try await withSeededPlatform { platform, store in
            let users = try await MatrixUsers.make(store)
            var index = 0
            for row in matrix.rows {
                var shared: MatrixCell?
                for caller in PermissionMatrix.callers {
                    let cell: MatrixCell
                    if let shared {
                        cell = shared
                    } else {
                        index += 1
                        cell = try await MatrixCell.make(store, index: index, caller: caller)
                        // A second success would meet what the first made or deleted: those rows get a cell per caller.
                        if !MatrixCell.createsOrDeletes.contains(row.operation) { shared = cell }
                    }
                    let expected = try #require(row.outcomes[caller])
                    let request = try #require(cell.request(row.operation), "no request for \(row.operation)")
                    let token = users.tokens[caller]
                    if row.operation == "streamEvents" {
                        let status = try await streamStatus(platform, token: token)
                        #expect(expected.matches(status), "\(row.operation) as \(caller): \(status), expected \(expected)")
                        continue
                    }
                    let response = try await send(platform, HTTPRequest.Method(request.method)!, request.path, json: request.json, token: token)
                    if expected == .allowed, MatrixCell.answeredByDriver.contains(row.operation) {
                        // Past authorization the driver refuses: 409 "Not run by this platform", or 404 for the run it never started.
                        let detail = response.json["detail"] as? String ?? ""
                        let byDriver = response.json["title"] as? String == "Not run by this platform" || detail == "No run 1."
                        #expect((200..<300).contains(response.status) || byDriver, "\(row.operation) as \(caller): \(response.status): \(response.text)")
                        continue
                    }
                    #expect(expected.matches(response.status), "\(row.operation) as \(caller): \(response.status), expected \(expected): \(response.text)")
                    if expected == .refused(404) {
                        // Refused as invisible: the application or team itself is "not found", not some part of it.
                        let detail = response.json["detail"] as? String ?? ""
                        #expect(detail.hasPrefix("No application") || detail.hasPrefix("No team"), "\(row.operation) as \(caller): \(response.text)")
                    }
                    if !(200..<300).contains(response.status) && row.operation != "getReadiness" {
                        #expect(response.contentType == "application/problem+json", "\(row.operation) as \(caller)")
                        #expect(response.json["status"] as? Int == response.status)
                    }
                }
            }
        }
    }

    @Test("lists, events and the SSE stream show a member only their teams' data, and an admin all of it")
    func noLeaks() async throws {
        try await withSeededPlatform { platform, store in
            let users = try await MatrixUsers.make(store)
            let cell = try await MatrixCell.make(store, index: 1, caller: "viewer")
            _ = try await store.createTemplate(Template(slug: "beta-only", name: "Beta only", team: "beta", components: []))
            let alphaApps: Set<String> = [cell.app]
            let betaApps: Set<String> = ["beta-app"]

            for (caller, visible, hidden) in [("viewer", alphaApps, betaApps), ("owner", alphaApps, betaApps), ("other team", betaApps, alphaApps)] {
                let token = try #require(users.tokens[caller])
                let apps = try await get(platform, "/v1/applications", token: token)
                #expect(Set(items(apps).compactMap { $0["slug"] as? String }) == visible, "\(caller)")
                let events = try await get(platform, "/v1/events?limit=500", token: token)
                let eventApps = Set(items(events).compactMap { $0["application"] as? String })
                #expect(eventApps == visible, "\(caller)")
                let streamed = Set(try await streamedApplications(platform, token: token, sentinel: visible.sorted()[0],
                                                                  admin: try #require(users.tokens["admin"])))
                #expect(streamed == visible, "\(caller)")
                for slug in hidden {
                    #expect(!apps.text.contains(slug) && !events.text.contains(slug), "\(caller) sees \(slug)")
                    #expect((try await get(platform, "/v1/events?application=\(slug)", token: token).json["items"] as? [Any])?.isEmpty == true)
                    #expect(try await get(platform, "/v1/applications/\(slug)/events", token: token).status == 404)
                    #expect(try await streamedApplicationsFiltered(platform, token: token, application: slug).isEmpty)
                }
                let teams = items(try await get(platform, "/v1/teams", token: token)).compactMap { $0["slug"] as? String }
                #expect(teams == [caller == "other team" ? "beta" : cell.team], "\(caller)")
                let templates = items(try await get(platform, "/v1/templates", token: token)).compactMap { $0["slug"] as? String }
                #expect(templates.contains("beta-only") == (caller == "other team"), "\(caller)")
                if caller == "owner" {
                    let fromHidden = try await send(platform, .post, "/v1/applications", json: [
                        "name": "Borrowed", "team": cell.team, "template": "beta-only",
                    ], token: token)
                    #expect(fromHidden.status == 400)
                    #expect(fromHidden.fieldErrors.first?.field == "template")
                }
            }

            let admin = try #require(users.tokens["admin"])
            let all = Set(items(try await get(platform, "/v1/applications", token: admin)).compactMap { $0["slug"] as? String })
            #expect(all == alphaApps.union(betaApps))
            #expect(Set(try await streamedApplications(platform, token: admin, sentinel: "beta-app", admin: admin)) == alphaApps.union(betaApps))
            #expect(items(try await get(platform, "/v1/teams", token: admin)).count == 2)
        }
    }
}

/// The stream narrowed with `?application=`: a hidden application's events must not come through
/// the filter either.
private func streamedApplicationsFiltered(_ platform: RunningPlatform, token: String, application: String) async throws -> [String] {
    let argv = ["curl", "-sS", "-N", "--max-time", "1", "-H", "Authorization: Bearer \(token)", "-H", "Last-Event-ID: 0",
                platform.url.absoluteString + "/v1/events/stream?application=\(application)"]
    let curl = try ChildProcess(argv, environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
    return await curl.output().split(separator: "\n").filter { $0.hasPrefix("data: ") }.map(String.init)
}
