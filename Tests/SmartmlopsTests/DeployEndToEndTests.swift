import Client
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing
import TestSupport

/// Issue #6 end to end: the example service deployed from the cabinet's form onto a platform that
/// runs components, its statuses on the component page, and its log growing while it is read.
@Suite("Deploying the example from the cabinet, under tmux", .serialized)
struct DeployEndToEndTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/inference").path

    private func call(_ method: HTTPRequest.Method, _ url: String, _ path: String, token: String, json: String) async throws -> (Int, String) {
        var request = HTTPRequest(method: method, scheme: nil, authority: nil, path: path)
        request.headerFields[.authorization] = "Bearer \(token)"
        request.headerFields[.contentType] = "application/json"
        let (response, body) = try await CurlTransport().send(request, body: HTTPBody(json), baseURL: try #require(URL(string: url)), operationID: "e2e")
        let bytes = if let body { try await [UInt8](collecting: body, upTo: 1 << 20) } else { [UInt8]() }
        return (response.status.code, String(decoding: bytes, as: UTF8.self))
    }

    @Test("ML component from the form: Развертывается, then Развернуто on its page; its Логи show a request made meanwhile")
    func deployAndWatch() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox, arguments: ["--driver", "local"])
        defer { server.terminate() }
        let token = try String(contentsOfFile: server.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let (created, answer) = try await call(.post, server.url, "/v1/applications", token: token,
                                               json: #"{"name":"Эхо","slug":"echo","team":"cii","template":"empty"}"#)
        #expect(created == 201, "\(answer)")

        var environment = sandbox.environment
        environment["LANG"] = "ru_RU.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        let tmux = try Tmux([try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "deploy", "--lang", "ru"],
                            environment: environment)
        try await tmux.waitFor("the list online") { $0.contains("Эхо") && $0.contains("● в сети") }
        // The newest application is the first row.
        try await tmux.send("g", "Enter")
        try await tmux.waitFor("the application's page") { $0.contains("Эхо · echo") }
        try await tmux.addRunnableMLComponent(name: "echo", command: "python3 service.py", workdir: Self.examples)
        try await tmux.waitFor("the component in the list") { $0.contains("ML-компоненты (1)") && $0.contains("echo") }

        try await tmux.send("Enter")
        // The page's header (its status) above the events table (Статус, Время, Действие).
        func parts(_ screen: String) -> (header: [Substring], events: [Substring]) {
            let rows = screen.split(separator: "\n")
            guard let table = rows.firstIndex(where: { $0.contains("Статус") && $0.contains("Действие") }) else { return (rows, []) }
            return (Array(rows[..<table]), Array(rows[(table + 1)...]))
        }
        let deployed = try await tmux.waitFor("Развернуто in the header and among the events", timeout: .seconds(30)) { screen in
            let (header, events) = parts(screen)
            // The header's status line too, worded from the status's code: nothing in the platform's English.
            return screen.contains("› echo") && header.contains { $0.contains("● Развернуто") && $0.contains("Развернуто: Работает на 127.0.0.1:") }
                // The events in the cabinet's language, from their codes.
                && events.contains { $0.contains("Развернуто") && $0.contains("Работает на 127.0.0.1:") }
        }
        let events = parts(deployed).events
        let deployingRow = events.firstIndex { $0.contains("Развертывается") && $0.contains("Запуск `python3 service.py`") }
        let deployedRow = events.firstIndex { $0.contains("Развернуто") && $0.contains("Работает на 127.0.0.1:") }
        #expect(deployingRow != nil && deployedRow != nil, "the events show the way there:\n\(deployed)")
        if let deployingRow, let deployedRow { #expect(deployedRow < deployingRow, "newest first: Развернуто above Развертывается\n\(deployed)") }

        try await tmux.send("Tab", "Tab")
        try await tmux.waitFor("the service's own log", timeout: .seconds(15)) { $0.contains("inference service listening on 127.0.0.1:") }
        // A request made while the log is open appears in it by itself.
        let (_, component) = try await call(.get, server.url, "/v1/applications/echo/components/echo", token: token, json: "")
        let port = try #require(component.range(of: #"127\.0\.0\.1:\d+"#, options: .regularExpression).map { String(component[$0]) })
        var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/predict")
        request.headerFields[.contentType] = "application/json"
        let (direct, _) = try await CurlTransport().send(request, body: HTTPBody(#"{"inputs":[{"name":"text","data":"живой лог"}]}"#),
                                                         baseURL: try #require(URL(string: "http://\(port)")), operationID: "predict")
        #expect(direct.status == .ok)
        try await tmux.waitFor("the new line, with no key pressed", timeout: .seconds(15)) { $0.contains("predict: 1 inputs -> 2 outputs") }
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")

        // SIGTERM to the server stops the service it runs: nothing of the namespace is left in /proc.
        #expect(!ChildProcess.pids(withEnvironment: "UNIP_NAMESPACE=pu-e2e-pa-echo").isEmpty)
        server.terminate()
        #expect(ChildProcess.pids(withEnvironment: "UNIP_NAMESPACE=pu-e2e-pa-echo").isEmpty, "the service went with the server")
    }
}
