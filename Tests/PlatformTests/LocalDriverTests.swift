import Client
import Foundation
import Glibc
import HTTPTypes
import OpenAPIRuntime
import Platform
import Testing
import TestSupport

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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-driver-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(directory: directory, runsComponents: true) { platform in
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

            // Following the log: the tail arrives at once, then lines as they are written.
            let follower = try ChildProcess(["curl", "-sS", "-N", "--max-time", "10", "-H", "Authorization: Bearer \(token)",
                                             platform.url.absoluteString + "\(path)/logs?follow=true&tail=1"],
                                            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
            let first = await follower.nextLine()
            #expect(first != nil, "the tail comes first")
            _ = try await predict(port, #"{"inputs":[{"name":"text","datatype":"str","data":"ещё"}]}"#)
            var followed: [String] = []
            while let line = await follower.nextLine() {
                followed.append(line)
                if line.contains("predict: 1 inputs -> 2 outputs") { break }
            }
            #expect(followed.contains { $0.contains("predict: 1 inputs -> 2 outputs") }, "a line written after the follow began: \(followed)")
            follower.signal(SIGTERM)
            follower.wait()
            // A quiet log gives the server no write to fail: it must learn from the connection.
            #expect(try await waitForOpenStreams(platform, 0, timeout: .seconds(5)) != nil, "the follow outlived its client")

            let stopped = try await send(platform, .post, "\(path)/actions", json: ["action": "stop"], token: token)
            #expect(stopped.status == 202)
            #expect(phase(stopped.json) == "stopped")
            #expect(!accepts(port), "the process is gone")

            #expect(try await send(platform, .post, "\(path)/actions", json: ["action": "start"], token: token).status == 202)
            let again = try await component(platform, path) { phase($0) == "deployed" }
            let newPort = try #require(servicePort(in: message(again)))
            #expect(accepts(newPort))

            #expect(!ChildProcess.pids(withEnvironment: "UNIP_NAMESPACE=pu-tester-pa-echo").isEmpty, "the service runs as a process of this machine")
            let live = try await get(platform, "/metrics", token: token).text
            #expect(live.contains(#"namespace="pu-tester-pa-echo""#))
            let logLines = live.split(separator: "\n").first { $0.hasPrefix(#"smartmlops_component_log_lines_total{namespace="pu-tester-pa-echo",pod="echo-0",container="echo"}"#) }
            #expect((logLines?.split(separator: " ").last).flatMap { Int($0) }.map { $0 >= 1 } == true, "\(logLines ?? "no log-rate series")")
            #expect(try await send(platform, .delete, "/v1/applications/echo", token: token).status == 204)
            #expect(!accepts(newPort), "deleting the application stops its processes")
            #expect(ChildProcess.pids(withEnvironment: "UNIP_NAMESPACE=pu-tester-pa-echo").isEmpty, "no process of the application is left in /proc")
            #expect(!(try await get(platform, "/metrics", token: token).text.contains("pu-tester-pa-echo")), "nor any series")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("logs/echo").path), "nor its logs")
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
            let metrics = try await get(platform, "/metrics", token: token).text
            #expect(!(try await get(platform, "/metrics").text.contains("pu-tester-pa-route")), "without an admin token no application is named")
            #expect(metrics.contains(#"nginx_ingress_controller_requests{namespace="pu-tester-pa-route",exported_namespace="pu-tester-pa-route",ingress="echo-api",status="200"} 1"#))
            #expect(metrics.contains(#"nginx_ingress_controller_requests{namespace="pu-tester-pa-route",exported_namespace="pu-tester-pa-route",ingress="echo-api",status="503"} 1"#))
            #expect(metrics.contains(#"nginx_ingress_controller_request_duration_seconds_count{namespace="pu-tester-pa-route",exported_namespace="pu-tester-pa-route",ingress="echo-api"} 2"#))
            let memory = metrics.split(separator: "\n").first { $0.hasPrefix(#"container_memory_working_set_bytes{namespace="pu-tester-pa-route",pod="echo-0",container="echo"}"#) }
            #expect((memory?.split(separator: " ").last).flatMap { Double($0) }.map { $0 > 1_000_000 } == true, "python's resident memory: \(memory ?? "none")")
            #expect(metrics.contains(#"kube_pod_container_status_restarts_total{namespace="pu-tester-pa-route",pod="echo-0",container="echo"} 1"#),
                    "replacing the spec restarted it once")
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
            let volumes = try await get(platform, "/metrics", token: token).text
            #expect(volumes.contains(#"kubelet_volume_stats_used_bytes{namespace="pu-tester-pa-files",persistentvolumeclaim="users"} \#("Приказ № 1\n".utf8.count)"#),
                    "the box's usage is a series the dashboards read")
            #expect(volumes.contains(#"kubelet_volume_stats_capacity_bytes{namespace="pu-tester-pa-files",persistentvolumeclaim="users"} "#))
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

    @Test("an HTTP health check: a port that opens but answers 5xx is a failed start after the run's timeout")
    func httpHealthCheck() async throws {
        let scripts = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scripts) }
        try """
            import os
            from http.server import BaseHTTPRequestHandler, HTTPServer
            class H(BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(503); self.end_headers()
            print("warming up forever", flush=True)
            HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
            """.write(to: scripts.appendingPathComponent("sick.py"), atomically: true, encoding: .utf8)
        try await withPlatform(runsComponents: true) { platform in
            let token = platform.token
            _ = try await send(platform, .post, "/v1/applications", json: ["name": "Болен", "slug": "sick", "team": "cii", "template": "empty"], token: token)
            #expect(try await send(platform, .post, "/v1/applications/sick/components", json: [
                "kind": "MLComponent", "name": "sick",
                "spec": ["image": ["existingImageName": "python:3.11-slim"],
                         "run": ["command": "python3 sick.py", "workdir": scripts.path, "healthPath": "/health", "healthTimeoutSeconds": 2]],
            ], token: token).status == 201)
            let path = "/v1/applications/sick/components/sick"
            let deploying = try await component(platform, path) { phase($0) == "deploying" }
            #expect(phase(deploying) == "deploying", "the port is open but /health says 503")
            let failed = try await component(platform, path, within: 10) { phase($0) == "failed" }
            #expect(phase(failed) == "failed")
            #expect(message(failed).contains("Health check failed: GET /health did not answer"), "\(message(failed))")
            #expect(message(failed).contains(#""GET /health HTTP/1.1" 503"#), "its last lines say why")
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

            // It is started again after a pause that doubles (1 s, then 2 s): two more failures
            // take about 3 s, not a busy loop of restarts.
            let deadline = Date().addingTimeInterval(15)
            var times: [Date] = []
            while Date() < deadline, times.count < 3 {
                let warnings = try await get(platform, "/v1/applications/crashy/events?type=warning&component=bad", token: token)
                times = ((warnings.json["items"] as? [[String: Any]]) ?? []).compactMap { ($0["time"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } }
                if times.count < 3 { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(times.count >= 3, "restarted and failed again: \(times)")
            if times.count >= 3 {
                let sorted = times.sorted()
                #expect(sorted[1].timeIntervalSince(sorted[0]) >= 0.9, "the first pause is about a second")
                #expect(sorted[2].timeIntervalSince(sorted[1]) >= 1.9, "the second is about two")
            }
            let metrics = try await get(platform, "/metrics", token: token).text
            #expect(metrics.contains(#"kube_pod_container_status_restarts_total{namespace="pu-tester-pa-crashy",pod="bad-0",container="bad"} "#))
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
            #expect(refused.fieldErrors.first?.field == "spec.run")
            #expect(try await get(platform, "\(path)/logs", token: platform.token).text == "")
            #expect(try await get(platform, "\(path)/logs?tail=0", token: platform.token).status == 400)
            #expect(try await get(platform, "/v1/applications/tesseract-ocr/components/ghost/logs", token: platform.token).status == 404)
            #expect(try await send(platform, .post, "\(path)/actions", json: ["action": "dance"], token: platform.token).status == 400)
        }
    }
}
