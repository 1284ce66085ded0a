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
        #expect(fields["name"]?.contains("public") == true, "\(fields)")
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
                                     fields: ["quota.apps": "over the quota"]))
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
