import Client
import Foundation
import Model
import Platform
import Testing
import TestSupport

/// Refusals are turned into `PlatformClientError` in one place (`ProblemAnswerMiddleware`), for
/// every operation alike: none of them handles a refusal of its own.
@Suite("PlatformClient: refusals reach the caller as the cabinet acts on them")
struct PlatformClientRefusalTests {
    private func answering(_ status: String, type: String, _ body: String) throws -> LoopbackListener {
        try LoopbackListener(.respond(
            "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"))
    }

    private func error(_ call: () async throws(PlatformClientError) -> Void) async -> PlatformClientError? {
        do throws(PlatformClientError) {
            try await call()
            return nil
        } catch {
            return error
        }
    }

    @Test("the real platform's refusal of a component's deletion arrives with its status, title, detail and field")
    func realRefusal() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-client-refusal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let platform = try await PlatformServer.start(PlatformConfiguration(
            dataDirectory: dir, demo: true, localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)))
        defer { Task { await platform.stop() } }
        let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
        let app = try await client.createApplication(NewApplication(name: "OCR", team: "cii", template: "empty"))
        _ = try await client.createComponent(Component(name: "ocr", spec: .mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "python:3.11-slim")))), in: app.slug)
        _ = try await client.createComponent(Component(name: "public", spec: .apiComponent(APIComponentSpec(
            published: true, mlComponent: NameReference(name: "ocr"), restfulApi: RestfulAPI(path: "ocr")))), in: app.slug)

        let refusal = await error { () async throws(PlatformClientError) in try await client.deleteComponent("ocr", in: app.slug) }
        guard case .rejected(let status, let title, let detail, let fields)? = refusal else {
            Issue.record("expected a refusal, got \(String(describing: refusal))"); return
        }
        #expect(status == 409)
        #expect(!title.isEmpty)
        #expect(detail?.contains("public") == true, "the detail names who refers to it: \(detail ?? "nil")")
        #expect(fields["name"]?.en.contains("public") == true, "\(fields)")
        #expect(fields["name"]?.ru == "ocr используют: public", "worded from the code in Russian: \(fields)")
        // Nothing was deleted.
        #expect(try await client.components(of: app.slug).value.map(\.name).sorted() == ["ocr", "public"])
    }

    @Test("a 4xx problem is a refusal with its fields even where the operation does not document that status")
    func undocumentedRefusal() async throws {
        let listener = try answering("422 Unprocessable Content", type: "application/problem+json", """
            {"type":"about:blank","title":"Quota exceeded: apps","status":422,"detail":"team cii would use 11 of its apps quota of 10",\
            "errors":[{"field":"quota.apps","message":"over the quota"}]}
            """)
        defer { listener.close() }
        let client = PlatformClient(endpoint: PlatformEndpoint(url: listener.url, token: "token"))
        // deleteApplication documents 401, 403 and 404 only.
        let refusal = await error { () async throws(PlatformClientError) in try await client.deleteApplication("ocr") }
        #expect(refusal == .rejected(status: 422, title: "Quota exceeded: apps", detail: "team cii would use 11 of its apps quota of 10",
                                     fields: ["quota.apps": LocalizedText(ru: "over the quota", en: "over the quota")]))
    }

    @Test("field errors are worded from their codes: Russian from the code, a newer code or broken params by the platform's words, two on one field joined")
    func fieldCodes() async throws {
        let listener = try answering("400 Bad Request", type: "application/problem+json", """
            {"type":"about:blank","title":"Invalid request","status":400,"errors":[\
            {"field":"slug","message":"At most 40 characters (now 41)","code":"too_long","params":{"max":"40","now":"41"}},\
            {"field":"slug","message":"Must not end with a hyphen","code":"ends_with_hyphen"},\
            {"field":"team","message":"reworded by a newer platform","code":"no_such_team"},\
            {"field":"spec.gpu","message":"GPUs are rationed","code":"gpu_rationed","params":{"left":"0"}},\
            {"field":"spec.servicePort","message":"A port from 1 to 65535 (now 0)","code":"port_range","params":{"now":"zero"}}]}
            """)
        defer { listener.close() }
        let client = PlatformClient(endpoint: PlatformEndpoint(url: listener.url, token: "token"))
        let refusal = await error { () async throws(PlatformClientError) in try await client.deleteApplication("ocr") }
        guard case .rejected(400, _, _, let fields)? = refusal else { Issue.record("expected a 400 refusal, got \(String(describing: refusal))"); return }
        #expect(fields["slug"]?.ru == "Не длиннее 40 символов (сейчас 41); Не может заканчиваться дефисом", "\(fields)")
        #expect(fields["slug"]?.en == "At most 40 characters (now 41); Must not end with a hyphen")
        #expect(fields["team"] == FieldRule.noSuchTeam.message, "the code decides, not the English words")
        #expect(fields["spec.gpu"] == LocalizedText(ru: "GPUs are rationed", en: "GPUs are rationed"))
        #expect(fields["spec.servicePort"]?.ru == "A port from 1 to 65535 (now 0)", "params that do not fit the code keep the platform's words")
    }

    @Test("401 is 'unauthorised' with the platform's words; a proxy's HTML 403 and a 502 problem are unexpected answers")
    func otherAnswers() async throws {
        let unauthorized = try answering("401 Unauthorized", type: "application/problem+json",
                                         #"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"The token expired."}"#)
        defer { unauthorized.close() }
        let html = try answering("403 Forbidden", type: "text/html", "<html><body>Access denied by proxy</body></html>")
        defer { html.close() }
        let gateway = try answering("502 Bad Gateway", type: "application/problem+json",
                                    #"{"type":"about:blank","title":"Bad Gateway","status":502}"#)
        defer { gateway.close() }
        func client(_ listener: LoopbackListener) -> PlatformClient {
            PlatformClient(endpoint: PlatformEndpoint(url: listener.url, token: "token"))
        }
        #expect(await error { () async throws(PlatformClientError) in _ = try await client(unauthorized).me() } == .unauthorized("The token expired."))
        #expect(await error { () async throws(PlatformClientError) in _ = try await client(html).me() } == .unexpected("HTTP 403"))
        #expect(await error { () async throws(PlatformClientError) in _ = try await client(gateway).me() } == .unexpected("HTTP 502"))
    }
}
