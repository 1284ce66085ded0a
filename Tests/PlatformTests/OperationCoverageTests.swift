import Foundation
import HTTPTypes
import Testing
import TestSupport
@testable import Platform

/// Every operation of `openapi.yaml` with every status it documents, each provoked for real over
/// loopback; the server's own `/metrics` (requests by route template, method and status) then
/// proves that nothing documented went unexercised, so a new operation or a new documented error
/// fails this suite until a case for it is added.
@Suite("Platform API over HTTP: every documented status of every operation")
struct OperationCoverageTests {
    /// A documented status that cannot be provoked on a healthy local server, with the reason.
    static let excused: [String: String] = [:]

    struct Case: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var json: String?
        var authorized = true
        var ifNoneMatch: String?
        var expect: Int
        /// Sent with the token of dpetrov, whom the cases make a viewer of team cii: the 403s.
        var asViewer = false

        var description: String { "\(method) \(path) → \(expect)" }
    }

    private static func c(_ method: HTTPRequest.Method, _ path: String, anonymous: Bool = false,
                          ifNoneMatch: String? = nil, _ expect: Int) -> Case {
        Case(method: method, path: path, json: nil, authorized: !anonymous, ifNoneMatch: ifNoneMatch, expect: expect)
    }

    private static func c(_ method: HTTPRequest.Method, _ path: String, _ json: String, anonymous: Bool = false, _ expect: Int) -> Case {
        Case(method: method, path: path, json: json, authorized: !anonymous, expect: expect)
    }

    /// A case sent as a viewer of team cii (and so of cov-app).
    private static func v(_ method: HTTPRequest.Method, _ path: String, _ json: String, _ expect: Int) -> Case {
        Case(method: method, path: path, json: json, expect: expect, asViewer: true)
    }

    private static func v(_ method: HTTPRequest.Method, _ path: String, _ expect: Int) -> Case {
        Case(method: method, path: path, json: nil, expect: expect, asViewer: true)
    }

    /// In order: later cases rely on what earlier ones made (the `cov-*` applications, the template).
    static let cases: [Case] = [
        c(.get, "/healthz", 200), c(.get, "/readyz", 200), c(.get, "/metrics", 200),
        // Me, tokens, teams, templates.
        c(.get, "/v1/me", 200), c(.get, "/v1/me", ifNoneMatch: "*", 304), c(.get, "/v1/me", anonymous: true, 401),
        c(.get, "/v1/me/tokens", 200), c(.get, "/v1/me/tokens", anonymous: true, 401),
        c(.post, "/v1/me/tokens", #"{"name":"coverage"}"#, 201), c(.post, "/v1/me/tokens", #"{"name":""}"#, 400),
        c(.post, "/v1/me/tokens", #"{"name":"x"}"#, anonymous: true, 401),
        c(.delete, "/v1/me/tokens/1", 204), c(.delete, "/v1/me/tokens/1", 404), c(.delete, "/v1/me/tokens/abc", 400),
        c(.delete, "/v1/me/tokens/1", anonymous: true, 401),
        c(.get, "/v1/teams", 200), c(.get, "/v1/teams", ifNoneMatch: "*", 304), c(.get, "/v1/teams", anonymous: true, 401),
        c(.get, "/v1/templates", 200), c(.get, "/v1/templates", ifNoneMatch: "*", 304), c(.get, "/v1/templates", anonymous: true, 401),
        c(.post, "/v1/teams/cii/templates", #"{"slug":"cov-huge","name":"Огромный ящик","components":[{"kind":"DataBox","name":"huge","spec":{"s3DefaultStorage":{"capacity":"80G"}}}]}"#, 201),
        c(.post, "/v1/teams/cii/templates", #"{"slug":"cov-huge","name":"Again","components":[]}"#, 409),
        c(.post, "/v1/teams/cii/templates", #"{"slug":"Bad Slug","name":"Bad","components":[]}"#, 400),
        c(.post, "/v1/teams/nobody/templates", #"{"slug":"fine","name":"Fine","components":[]}"#, 404),
        c(.post, "/v1/teams/cii/templates", #"{"slug":"fine","name":"Fine","components":[]}"#, anonymous: true, 401),
        c(.get, "/v1/teams/cii/quota", 200), c(.get, "/v1/teams/cii/quota", ifNoneMatch: "*", 304),
        c(.get, "/v1/teams/nobody/quota", 404), c(.get, "/v1/teams/cii/quota", anonymous: true, 401),
        // Applications.
        c(.get, "/v1/applications", 200), c(.get, "/v1/applications", ifNoneMatch: "*", 304),
        c(.get, "/v1/applications?limit=0", 400), c(.get, "/v1/applications", anonymous: true, 401),
        c(.post, "/v1/applications", #"{"name":"Покрытие","slug":"cov-app","team":"cii","template":"ml-component-box"}"#, 201),
        c(.post, "/v1/applications", #"{"name":"Покрытие","slug":"cov-app","team":"cii","template":"empty"}"#, 409),
        c(.post, "/v1/applications", #"{"name":"","team":"cii","template":"empty"}"#, 400),
        c(.post, "/v1/applications", #"{"name":"x","team":"cii","template":"empty"}"#, anonymous: true, 401),
        c(.post, "/v1/applications", #"{"name":"Сто пятьдесят","slug":"cov-big-cii","team":"cii","template":"cov-huge"}"#, 201),
        c(.post, "/v1/applications", #"{"name":"Ещё сто пятьдесят","slug":"cov-big-2","team":"cii","template":"cov-huge"}"#, 422),
        c(.get, "/v1/applications/cov-app", 200), c(.get, "/v1/applications/cov-app", ifNoneMatch: "*", 304),
        c(.get, "/v1/applications/ghost", 404), c(.get, "/v1/applications/cov-app", anonymous: true, 401),
        c(.patch, "/v1/applications/cov-app", #"{"description":"Проверка каждого ответа"}"#, 200),
        c(.patch, "/v1/applications/cov-app", #"{"name":""}"#, 400), c(.patch, "/v1/applications/ghost", #"{"name":"G"}"#, 404),
        c(.patch, "/v1/applications/cov-app", #"{"name":"x"}"#, anonymous: true, 401),
        // cii holds 184G of its 200G now (demo data and cov-big-cii); moving a 100G application there breaks that quota.
        c(.post, "/v1/applications", #"{"name":"Ящик sp4","slug":"cov-big-sp4","team":"sp4","template":"empty"}"#, 201),
        c(.post, "/v1/applications/cov-big-sp4/components", #"{"kind":"DataBox","name":"huge","spec":{"s3DefaultStorage":{"capacity":"100G"}}}"#, 201),
        c(.patch, "/v1/applications/cov-big-sp4", #"{"team":"cii"}"#, 422),
        // Components.
        c(.get, "/v1/applications/cov-app/components", 200), c(.get, "/v1/applications/cov-app/components", ifNoneMatch: "*", 304),
        c(.get, "/v1/applications/ghost/components", 404), c(.get, "/v1/applications/cov-app/components", anonymous: true, 401),
        c(.post, "/v1/applications/cov-app/components", #"{"kind":"APIComponent","name":"api","spec":{"mlComponent":{"name":"inference"},"restfulApi":{"path":"predict"}}}"#, 201),
        c(.post, "/v1/applications/cov-app/components", #"{"kind":"DataBox","name":"Box!","spec":{}}"#, 400),
        c(.post, "/v1/applications/ghost/components", #"{"kind":"DataBox","name":"box","spec":{}}"#, 404),
        c(.post, "/v1/applications/cov-app/components", #"{"kind":"DataBox","name":"huge","spec":{"s3DefaultStorage":{"capacity":"190G"}}}"#, 422),
        c(.post, "/v1/applications/cov-app/components", #"{"kind":"DataBox","name":"box","spec":{}}"#, anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/components/api", 200), c(.get, "/v1/applications/cov-app/components/api", ifNoneMatch: "*", 304),
        c(.get, "/v1/applications/cov-app/components/ghost", 404), c(.get, "/v1/applications/cov-app/components/api", anonymous: true, 401),
        c(.put, "/v1/applications/cov-big-sp4/components/huge", #"{"spec":{"s3DefaultStorage":{"capacity":"120G"}}}"#, 200),
        c(.put, "/v1/applications/cov-big-sp4/components/huge", #"{"spec":{"s3DefaultStorage":{"capacity":"lots"}}}"#, 400),
        c(.put, "/v1/applications/cov-big-sp4/components/huge", #"{"spec":{"s3DefaultStorage":{"capacity":"900G"}}}"#, 422),
        c(.put, "/v1/applications/cov-big-sp4/components/ghost", #"{"spec":{}}"#, 404),
        c(.put, "/v1/applications/cov-big-sp4/components/huge", #"{"spec":{}}"#, anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/components/inference/manifest", 200),
        c(.get, "/v1/applications/cov-app/components/inference/manifest", ifNoneMatch: "*", 304),
        c(.get, "/v1/applications/cov-app/components/ghost/manifest", 404),
        c(.get, "/v1/applications/cov-app/components/inference/manifest", anonymous: true, 401),
        // Logs and actions: `sleeper` is run by the platform (spec.run), `inference` of the template is not.
        c(.post, "/v1/applications/cov-app/components", #"{"kind":"MLComponent","name":"sleeper","spec":{"image":{"existingImageName":"python:3.11-slim"},"run":{"command":"sleep 60"}}}"#, 201),
        c(.post, "/v1/applications/cov-app/components/sleeper/actions", #"{"action":"restart"}"#, 202),
        c(.post, "/v1/applications/cov-app/components/sleeper/actions", #"{"action":"jump"}"#, 400),
        c(.post, "/v1/applications/cov-app/components/inference/actions", #"{"action":"start"}"#, 409),
        c(.post, "/v1/applications/cov-app/components/ghost/actions", #"{"action":"start"}"#, 404),
        c(.post, "/v1/applications/cov-app/components/sleeper/actions", #"{"action":"stop"}"#, anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/components/sleeper/logs", 200), c(.get, "/v1/applications/cov-app/components/sleeper/logs?tail=0", 400),
        c(.get, "/v1/applications/cov-app/components/ghost/logs", 404),
        c(.get, "/v1/applications/cov-app/components/sleeper/logs", anonymous: true, 401),
        // Pipeline runs: `pipe` has one slow stage and no inputs; `manual` has a stage without a run command.
        c(.post, "/v1/applications/cov-app/components", #"{"kind":"ExperimentPipeline","name":"pipe","spec":{"vars":[{"name":"out"}],"stages":[{"name":"wait","image":{"existingImageName":"python:3.11-slim"},"outputs":[{"name":"out"}],"run":{"command":"sleep 60"}}]}}"#, 201),
        c(.post, "/v1/applications/cov-app/components", #"{"kind":"ExperimentPipeline","name":"manual","spec":{"vars":[{"name":"out"}],"stages":[{"name":"wait","image":{"existingImageName":"python:3.11-slim"},"outputs":[{"name":"out"}]}]}}"#, 201),
        c(.post, "/v1/applications/cov-app/components/pipe/runs", #"{}"#, 202),
        c(.post, "/v1/applications/cov-app/components/pipe/runs", #"{"inputs":{"stray":{"box":"model","path":"x/y"}}}"#, 400),
        c(.post, "/v1/applications/cov-app/components/manual/runs", #"{}"#, 409),
        c(.post, "/v1/applications/cov-app/components/ghost/runs", #"{}"#, 404),
        c(.post, "/v1/applications/cov-app/components/pipe/runs", #"{}"#, anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/components/pipe/runs", 200), c(.get, "/v1/applications/cov-app/components/inference/runs", 404),
        c(.get, "/v1/applications/cov-app/components/pipe/runs", anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/components/pipe/runs/1", 200), c(.get, "/v1/applications/cov-app/components/pipe/runs/99", 404),
        c(.get, "/v1/applications/cov-app/components/pipe/runs/1", anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/components/pipe/runs/1/logs", 200), c(.get, "/v1/applications/cov-app/components/pipe/runs/1/logs?tail=0", 400),
        c(.get, "/v1/applications/cov-app/components/pipe/runs/99/logs", 404),
        c(.get, "/v1/applications/cov-app/components/pipe/runs/1/logs", anonymous: true, 401),
        c(.post, "/v1/applications/cov-app/components/pipe/runs/1/cancel", 202), c(.post, "/v1/applications/cov-app/components/pipe/runs/1/cancel", 409),
        c(.post, "/v1/applications/cov-app/components/pipe/runs/99/cancel", 404),
        c(.post, "/v1/applications/cov-app/components/pipe/runs/1/cancel", anonymous: true, 401),
        c(.delete, "/v1/applications/cov-app/components/inference", 409),
        c(.delete, "/v1/applications/cov-app/components/api", 204), c(.delete, "/v1/applications/cov-app/components/api", 404),
        c(.delete, "/v1/applications/cov-app/components/box", anonymous: true, 401),
        // Events.
        c(.get, "/v1/events", 200), c(.get, "/v1/events", ifNoneMatch: "*", 304), c(.get, "/v1/events?limit=0", 400),
        c(.get, "/v1/events", anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/events", 200), c(.get, "/v1/applications/cov-app/events", ifNoneMatch: "*", 304),
        c(.get, "/v1/applications/cov-app/events?limit=9999", 400), c(.get, "/v1/applications/ghost/events", 404),
        c(.get, "/v1/applications/cov-app/events", anonymous: true, 401),
        c(.get, "/v1/events/stream?type=nonsense", 400), c(.get, "/v1/events/stream", anonymous: true, 401),
        // Auth config, team members and events, grants; then dpetrov, made a viewer of cii, is refused every change.
        c(.get, "/v1/auth/config", anonymous: true, 200), c(.get, "/v1/auth/config", ifNoneMatch: "*", 304),
        c(.post, "/v1/teams/cii/members", #"{"user":"dpetrov","role":"viewer"}"#, 201),
        c(.post, "/v1/teams/cii/members", #"{"user":"dpetrov","role":"viewer"}"#, 409),
        c(.post, "/v1/teams/cii/members", #"{"user":"ghost","role":"viewer"}"#, 400),
        c(.post, "/v1/teams/nobody/members", #"{"user":"dpetrov","role":"viewer"}"#, 404),
        c(.post, "/v1/teams/cii/members", #"{"user":"dpetrov","role":"viewer"}"#, anonymous: true, 401),
        v(.post, "/v1/teams/cii/members", #"{"user":"dpetrov","role":"owner"}"#, 403),
        c(.patch, "/v1/teams/cii/members/avolkova", #"{"role":"maintainer"}"#, 200),
        c(.patch, "/v1/teams/cii/members/avolkova", #"{"role":"boss"}"#, 400),
        c(.patch, "/v1/teams/cii/members/ghost", #"{"role":"viewer"}"#, 404),
        c(.patch, "/v1/teams/sp4/members/dpetrov", #"{"role":"viewer"}"#, 409),
        c(.patch, "/v1/teams/cii/members/avolkova", #"{"role":"viewer"}"#, anonymous: true, 401),
        v(.patch, "/v1/teams/cii/members/avolkova", #"{"role":"viewer"}"#, 403),
        c(.delete, "/v1/teams/sp4/members/avolkova", 204), c(.delete, "/v1/teams/sp4/members/avolkova", 404),
        c(.delete, "/v1/teams/sp4/members/dpetrov", 409), c(.delete, "/v1/teams/cii/members/avolkova", anonymous: true, 401),
        v(.delete, "/v1/teams/cii/members/avolkova", 403),
        c(.get, "/v1/teams/cii/events", 200), c(.get, "/v1/teams/cii/events", ifNoneMatch: "*", 304),
        c(.get, "/v1/teams/cii/events?limit=0", 400), c(.get, "/v1/teams/nobody/events", 404),
        c(.get, "/v1/teams/cii/events", anonymous: true, 401),
        c(.get, "/v1/applications/cov-app/grants", 200), c(.get, "/v1/applications/cov-app/grants", ifNoneMatch: "*", 304),
        c(.get, "/v1/applications/ghost/grants", 404), c(.get, "/v1/applications/cov-app/grants", anonymous: true, 401),
        c(.post, "/v1/applications/cov-app/grants", #"{"team":"sp4","role":"viewer"}"#, 201),
        c(.post, "/v1/applications/cov-app/grants", #"{"team":"sp4","role":"developer"}"#, 409),
        c(.post, "/v1/applications/cov-app/grants", #"{"role":"viewer"}"#, 400),
        c(.post, "/v1/applications/ghost/grants", #"{"team":"sp4","role":"viewer"}"#, 404),
        c(.post, "/v1/applications/cov-app/grants", #"{"team":"sp4","role":"viewer"}"#, anonymous: true, 401),
        v(.post, "/v1/applications/cov-app/grants", #"{"user":"avolkova","role":"viewer"}"#, 403),
        v(.delete, "/v1/applications/cov-app/grants/1", 403), c(.delete, "/v1/applications/cov-app/grants/abc", 400),
        c(.delete, "/v1/applications/cov-app/grants/1", anonymous: true, 401),
        c(.delete, "/v1/applications/cov-app/grants/1", 204), c(.delete, "/v1/applications/cov-app/grants/1", 404),
        v(.post, "/v1/teams/cii/templates", #"{"slug":"viewer-made","name":"V","components":[]}"#, 403),
        v(.post, "/v1/applications", #"{"name":"V","team":"cii","template":"empty"}"#, 403),
        v(.patch, "/v1/applications/cov-app", #"{"description":"v"}"#, 403),
        v(.post, "/v1/applications/cov-app/components", #"{"kind":"DataBox","name":"v","spec":{}}"#, 403),
        v(.put, "/v1/applications/cov-app/components/sleeper", #"{"spec":{}}"#, 403),
        v(.delete, "/v1/applications/cov-app/components/sleeper", 403),
        v(.post, "/v1/applications/cov-app/components/sleeper/actions", #"{"action":"stop"}"#, 403),
        v(.post, "/v1/applications/cov-app/components/pipe/runs", #"{}"#, 403),
        v(.post, "/v1/applications/cov-app/components/pipe/runs/1/cancel", 403),
        v(.delete, "/v1/applications/cov-app", 403),
        // Last: deleting.
        c(.delete, "/v1/applications/cov-app", 204), c(.delete, "/v1/applications/cov-app", 404),
        c(.delete, "/v1/applications/cov-big-cii", anonymous: true, 401),
    ]

    @Test("each case answers its documented status, and together they cover every (operation, status) of openapi.yaml")
    func everyDocumentedStatus() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-coverage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(directory: directory, runsComponents: true) { platform in
            var viewer: String?
            for item in Self.cases {
                // Made only when first needed, so that the token cases above number their own tokens from 1.
                if item.asViewer, viewer == nil {
                    viewer = try await PlatformStore(directory: directory).createAccessToken(login: "dpetrov", name: "coverage", expiresAt: nil, at: Date()).secret
                }
                var json: [String: Any]?
                if let text = item.json {
                    json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                }
                let response = try await send(platform, item.method, item.path, json: json,
                                              token: item.asViewer ? viewer : item.authorized ? platform.token : nil, ifNoneMatch: item.ifNoneMatch)
                #expect(response.status == item.expect, "\(item): \(response.text.prefix(300))")
                if response.status >= 400 { #expect(response.contentType == "application/problem+json", "\(item)") }
            }
            // Not ready once its data file is gone from under it (it would start empty next time).
            let database = directory.appendingPathComponent("platform.sqlite")
            try FileManager.default.moveItem(at: database, to: directory.appendingPathComponent("moved.sqlite"))
            let unready = try await get(platform, "/readyz")
            #expect(unready.status == 503)
            #expect(unready.contentType?.hasPrefix("application/problem+json") == true)
            try FileManager.default.moveItem(at: directory.appendingPathComponent("moved.sqlite"), to: database)
            #expect(try await get(platform, "/readyz").status == 200)
            // The stream answers 200 at once and then stays open; curl reads its head and leaves.
            let stream = try ChildProcess(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1",
                                           "-H", "Authorization: Bearer \(platform.token)", platform.url.absoluteString + "/v1/events/stream"],
                                          environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
            #expect(await stream.output() == "200")

            let observed = Self.observed(try await get(platform, "/metrics").text)
            let documented = try Self.documented()
            #expect(documented.count > 80, "the spec was read")
            let missing = documented.subtracting(observed).subtracting(Self.excused.keys).sorted()
            #expect(missing.isEmpty, "documented but never provoked: \(missing)")
            let undocumented = observed.filter { !$0.hasPrefix("unmatched") && !documented.contains($0) }.sorted()
            #expect(undocumented.isEmpty, "answered but not documented: \(undocumented)")
        }
    }

    /// "METHOD /route STATUS" for every counter line of the platform's request metric.
    static func observed(_ exposition: String) -> Set<String> {
        var result: Set<String> = []
        for line in exposition.split(separator: "\n") where line.hasPrefix("smartmlops_http_requests_total{") {
            func label(_ name: String) -> String? {
                guard let start = line.range(of: "\(name)=\"") else { return nil }
                return line[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
            }
            if let route = label("route"), let method = label("method"), let status = label("status") {
                result.insert("\(method) \(route) \(status)")
            }
        }
        return result
    }

    /// "METHOD /path STATUS" for every response of every operation in openapi.yaml. The file is
    /// ours and regular (two-space indents), so a line reader is enough.
    static func documented() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var result: Set<String> = []
        var path: String?
        var method: String?
        var inResponses = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("components:") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast()); method = nil; continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("    "), !line.hasPrefix("     "),
               ["get:", "post:", "put:", "patch:", "delete:"].contains(trimmed) {
                method = String(trimmed.dropLast()).uppercased(); inResponses = false; continue
            }
            if line == "      responses:" { inResponses = true; continue }
            if inResponses, line.hasPrefix("        \""), !line.hasPrefix("         "), let path, let method {
                result.insert("\(method) \(path) \(trimmed.dropFirst().prefix(3))")
            }
        }
        return result
    }
}
