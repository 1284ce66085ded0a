import Client
import Foundation
import Glibc
import HTTPTypes
import OpenAPIRuntime
import Platform
import Testing

/// The embedded platform's local driver with real Python processes: the example inference service
/// of `examples/inference`, and a component that crashes.
@Suite("Local driver: components run as processes", .serialized)
struct LocalDriverTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/inference").path

    /// Polls the component until `done` holds for it (or the deadline passes) and returns it.
    private func component(_ platform: RunningPlatform, _ path: String, within seconds: Double = 20,
                           until done: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try await get(platform, path, token: platform.token).json
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    private func phase(_ component: [String: Any]) -> String? { (component["status"] as? [String: Any])?["phase"] as? String }
    private func message(_ component: [String: Any]) -> String { (component["status"] as? [String: Any])?["message"] as? String ?? "" }

    private func servicePort(in message: String) -> Int? {
        message.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    private func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// POST /predict straight to the service (the API-component route is not built yet).
    private func predict(_ port: Int, _ json: String) async throws -> String {
        var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/predict")
        request.headerFields[.contentType] = "application/json"
        let (_, body) = try await CurlTransport().send(request, body: HTTPBody(json), baseURL: URL(string: "http://127.0.0.1:\(port)")!, operationID: "predict")
        let bytes = if let body { try await [UInt8](collecting: body, upTo: 1 << 20) } else { [UInt8]() }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("the example service goes Развертывается → Развернуто, predicts, logs, stops on request and is gone with its application")
    func deployPredictStopDelete() async throws {
        try await withPlatform(runsComponents: true) { platform in
            let token = platform.token
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Эхо", "slug": "echo", "team": "cii", "template": "empty"], token: token).status == 201)
            let created = try await send(platform, .post, "/v1/applications/echo/components", json: [
                "kind": "MLComponent", "name": "echo",
                "spec": ["image": ["existingImageName": "python:3.11-slim"], "run": ["command": "python3 service.py", "workdir": Self.examples]],
            ], token: token)
            #expect(created.status == 201, "\(created.text)")
            let path = "/v1/applications/echo/components/echo"
            let deployed = try await component(platform, path) { phase($0) == "deployed" }
            #expect(phase(deployed) == "deployed", "\(deployed)")
            let port = try #require(servicePort(in: message(deployed)))

            let events = try await get(platform, "/v1/applications/echo/events?component=echo", token: token)
            let reasons = (events.json["items"] as? [[String: Any]])?.compactMap { $0["reason"] as? String } ?? []
            #expect(Array(reasons.prefix(3)) == ["Deployed", "Deploying", "Created"])

            let answer = try await predict(port,
                #"{"inputs":[{"name":"text","datatype":"str","data":"привет мир","shape":10}],"output_fields":[{"name":"upper","datatype":"str"},{"name":"words","datatype":"INT32"}]}"#)
            #expect(answer.contains(#""data": "ПРИВЕТ МИР""#), "\(answer)")
            #expect(answer.contains(#""data": 2"#))

            let logs = try await get(platform, "\(path)/logs?tail=50", token: token)
            #expect(logs.status == 200)
            #expect(logs.text.contains("inference service listening on 127.0.0.1:\(port)"))
            #expect(logs.text.contains("predict: 1 inputs -> 2 outputs"))

            let stopped = try await send(platform, .post, "\(path)/actions", json: ["action": "stop"], token: token)
            #expect(stopped.status == 202)
            #expect(phase(stopped.json) == "stopped")
            #expect(!accepts(port), "the process is gone")

            #expect(try await send(platform, .post, "\(path)/actions", json: ["action": "start"], token: token).status == 202)
            let again = try await component(platform, path) { phase($0) == "deployed" }
            let newPort = try #require(servicePort(in: message(again)))
            #expect(accepts(newPort))

            #expect(try await send(platform, .delete, "/v1/applications/echo", token: token).status == 204)
            #expect(!accepts(newPort), "deleting the application stops its processes")
        }
    }

    @Test("an API component is Развернуто only while its ML component serves, and its route then answers predict")
    func apiRoute() async throws {
        try await withPlatform(runsComponents: true) { platform in
            let token = platform.token
            _ = try await send(platform, .post, "/v1/applications", json: ["name": "Маршрут", "slug": "route", "team": "cii", "template": "empty"], token: token)
            // The API component comes first: it must wait for its target, not claim to work.
            #expect(try await send(platform, .post, "/v1/applications/route/components", json: [
                "kind": "MLComponent", "name": "echo",
                "spec": ["image": ["existingImageName": "python:3.11-slim"], "run": ["command": "sleep 30"]],
            ], token: token).status == 201)
            let api = try await send(platform, .post, "/v1/applications/route/components", json: [
                "kind": "APIComponent", "name": "echo-api", "spec": ["mlComponent": ["name": "echo"], "restfulApi": ["path": "echo"]],
            ], token: token)
            #expect(api.status == 201)
            let waiting = try await component(platform, "/v1/applications/route/components/echo-api") { phase($0) != "pending" }
            #expect(phase(waiting) == "deploying" || phase(waiting) == "failed", "sleep never opens a port: \(waiting)")
            #expect(try await send(platform, .post, "/pu-tester-pa-route/echo/predict", json: ["inputs": []], token: token).status == 503)

            // Now a real service behind it.
            #expect(try await send(platform, .put, "/v1/applications/route/components/echo", json: [
                "spec": ["image": ["existingImageName": "python:3.11-slim"], "run": ["command": "python3 service.py", "workdir": Self.examples]],
            ], token: token).status == 200)
            let published = try await component(platform, "/v1/applications/route/components/echo-api") { phase($0) == "deployed" }
            #expect(phase(published) == "deployed")
            #expect(message(published) == "POST /pu-tester-pa-route/echo/predict → echo")
            let answer = try await send(platform, .post, "/pu-tester-pa-route/echo/predict", json: [
                "inputs": [["name": "text", "datatype": "str", "data": "ящик с данными", "shape": 14]],
                "output_fields": [["name": "words", "datatype": "INT32"]],
            ], token: token)
            #expect(answer.status == 200, "\(answer.text)")
            #expect((answer.json["outputs"] as? [[String: Any]])?.first?["data"] as? Int == 3)
            #expect(try await send(platform, .post, "/pu-tester-pa-route/echo/predict", json: ["inputs": []]).status == 401, "the route needs a token")
            #expect(try await send(platform, .post, "/pu-tester-pa-route/nowhere/predict", json: ["inputs": []], token: token).status == 404)

            #expect(try await send(platform, .post, "/v1/applications/route/components/echo/actions", json: ["action": "stop"], token: token).status == 202)
            let stopped = try await component(platform, "/v1/applications/route/components/echo-api") { phase($0) == "stopped" }
            #expect(phase(stopped) == "stopped")
            let unavailable = try await send(platform, .post, "/pu-tester-pa-route/echo/predict", json: ["inputs": []], token: token)
            #expect(unavailable.status == 503, "\(unavailable.text)")
        }
    }

    @Test("data-box files: groups and files in the HSE layout, Cyrillic names, capacity, and nothing left after the application")
    func files() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(directory: directory, runsComponents: true) { platform in
            let token = platform.token
            _ = try await send(platform, .post, "/v1/applications", json: ["name": "Файлы", "slug": "files", "team": "cii", "template": "empty"], token: token)
            #expect(try await send(platform, .post, "/v1/applications/files/components", json: [
                "kind": "DataBox", "name": "users", "spec": ["s3DefaultStorage": ["capacity": "1K"]],
            ], token: token).status == 201)
            let base = "/pu-tester-pa-files/files/users"
            let name = "скан%20приказа.txt"
            let put = try await sendBytes(platform, .put, "\(base)/приказы/\(name)", Array("Приказ № 1\n".utf8), token: token)
            #expect(put.status == 201, "\(put.text)")
            let stored = directory.appendingPathComponent("boxes/files/users/users/tester/file_groups/приказы/скан приказа.txt")
            #expect(FileManager.default.contents(atPath: stored.path).map { String(decoding: $0, as: UTF8.self) } == "Приказ № 1\n",
                    "the HSE layout <app>/<box>/users/<user>/file_groups/<group>/<file>")
            let back = try await get(platform, "\(base)/приказы/\(name)", token: token)
            #expect(back.status == 200)
            #expect(back.text == "Приказ № 1\n")
            let listing = try await get(platform, "\(base)/приказы/", token: token)
            #expect((listing.json["files"] as? [[String: Any]])?.first?["name"] as? String == "скан приказа.txt")

            // One segment is a group whatever it looks like.
            #expect(try await sendBytes(platform, .put, "\(base)/example.png", [], token: token).status == 201)
            #expect(try await get(platform, "\(base)/example.png", token: token).json["groups"] as? [String] == [])

            let tooBig = try await sendBytes(platform, .put, "\(base)/приказы/большой.bin", Array(repeating: 0x41, count: 2000), token: token)
            #expect(tooBig.status == 413)
            #expect((tooBig.json["title"] as? String)?.hasPrefix("Capacity exceeded") == true, "\(tooBig.text)")
            #expect(try await get(platform, "\(base)/приказы/большой.bin", token: token).status == 404, "nothing half-written")

            #expect(try await sendBytes(platform, .put, "\(base)/%2E%2E/escape.txt", [1], token: token).status == 400)
            #expect(try await send(platform, .delete, "\(base)/приказы/\(name)", token: token).status == 204)
            #expect(try await get(platform, "\(base)/приказы/\(name)", token: token).status == 404)
            #expect(try await get(platform, "/pu-tester-pa-files/files/ghost/x/", token: token).status == 404)

            #expect(try await send(platform, .delete, "/v1/applications/files", token: token).status == 204)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("boxes/files").path))
            #expect(try await get(platform, "\(base)/приказы/", token: token).status == 404)
        }
    }

    @Test("a component that crashes is Ошибка развертывания with its exit code and its last words in the event")
    func crash() async throws {
        try await withPlatform(runsComponents: true) { platform in
            let token = platform.token
            _ = try await send(platform, .post, "/v1/applications", json: ["name": "Падает", "slug": "crashy", "team": "cii", "template": "empty"], token: token)
            let script = "import sys; print('loading weights'); print('FileNotFoundError: weights.bin', file=sys.stderr); sys.exit(3)"
            #expect(try await send(platform, .post, "/v1/applications/crashy/components", json: [
                "kind": "MLComponent", "name": "bad",
                "spec": ["image": ["existingImageName": "python:3.11-slim"], "run": ["command": "python3 -c \"\(script)\""]],
            ], token: token).status == 201)
            let failed = try await component(platform, "/v1/applications/crashy/components/bad") { phase($0) == "failed" }
            #expect(phase(failed) == "failed")
            #expect(message(failed).contains("Exited with code 3"), "\(message(failed))")
            #expect(message(failed).contains("FileNotFoundError: weights.bin"))
            let events = try await get(platform, "/v1/applications/crashy/events?type=warning", token: token)
            #expect((events.json["items"] as? [[String: Any]])?.first?["reason"] as? String == "Failed")
        }
    }

    @Test("a platform that does not run components (serve's default) starts nothing, whatever spec.run says")
    func notRunningByDefault() async throws {
        try await withPlatform { platform in
            _ = try await send(platform, .post, "/v1/applications", json: ["name": "Нет", "slug": "norun", "team": "cii", "template": "empty"], token: platform.token)
            let marker = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-norun-\(UUID().uuidString)")
            let created = try await send(platform, .post, "/v1/applications/norun/components", json: [
                "kind": "MLComponent", "name": "touch",
                "spec": ["image": ["existingImageName": "python:3.11-slim"], "run": ["command": "touch \(marker.path)"]],
            ], token: platform.token)
            #expect(created.status == 201)
            #expect(try await send(platform, .post, "/v1/applications/norun/components/touch/actions", json: ["action": "start"],
                                   token: platform.token).status == 409)
            // Nothing may have run it: the component's own status is still the stored one.
            #expect(phase(try await get(platform, "/v1/applications/norun/components/touch", token: platform.token).json) == "pending")
            #expect(!FileManager.default.fileExists(atPath: marker.path))
        }
    }

    @Test("a component without a run command is not started; asking to is a 409 naming spec.run; a bad tail is a 400")
    func notRunnable() async throws {
        try await withPlatform(runsComponents: true) { platform in
            let path = "/v1/applications/tesseract-ocr/components/inference"
            let refused = try await send(platform, .post, "\(path)/actions", json: ["action": "restart"], token: platform.token)
            #expect(refused.status == 409)
            #expect((refused.json["errors"] as? [[String: String]])?.first?["field"] == "spec.run")
            #expect(try await get(platform, "\(path)/logs", token: platform.token).text == "")
            #expect(try await get(platform, "\(path)/logs?tail=0", token: platform.token).status == 400)
            #expect(try await get(platform, "/v1/applications/tesseract-ocr/components/ghost/logs", token: platform.token).status == 404)
            #expect(try await send(platform, .post, "\(path)/actions", json: ["action": "dance"], token: platform.token).status == 400)
        }
    }
}
