import Foundation
import Platform
import Testing
import TestSupport

/// The SSE stream read by the real curl command-line client, as a script or a proxy-bound
/// cabinet would read it.
@Suite("Platform API over HTTP: the event stream")
struct EventStreamTests {
    /// Reads the stream for `seconds` (curl's --max-time ends it) and returns what arrived.
    private func stream(_ platform: RunningPlatform, _ query: String = "", lastEventID: Int? = nil, seconds: Int = 2) throws -> ChildProcess {
        var argv = ["curl", "-sS", "-N", "--max-time", "\(seconds)", "-H", "Authorization: Bearer \(platform.token)"]
        if let lastEventID { argv += ["-H", "Last-Event-ID: \(lastEventID)"] }
        argv.append(platform.url.absoluteString + "/v1/events/stream" + query)
        return try ChildProcess(argv, environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
    }

    private struct Received {
        var id: Int
        var type: String
        var data: [String: Any]
    }

    private func parse(_ text: String) -> [Received] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var id: Int?
            var type: String?
            var data: [String: Any]?
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { type = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") {
                    data = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any]
                }
            }
            guard let id, let type, let data else { return nil }
            return Received(id: id, type: type, data: data)
        }
    }

    private func latestID(_ platform: RunningPlatform) async throws -> Int {
        let items = try #require(try await get(platform, "/v1/events?limit=1", token: platform.token).json["items"] as? [[String: Any]])
        return try #require(items.first?["id"] as? Int)
    }

    @Test("Last-Event-ID resumes right after that event, oldest first, each event typed and complete")
    func resume() async throws {
        try await withPlatform { platform in
            let latest = try await latestID(platform)
            let reader = try stream(platform, lastEventID: latest - 3)
            let received = parse(await reader.output())
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
            let reader = try stream(platform, lastEventID: latest, seconds: 3)
            let created = try await send(platform, .post, "/v1/applications", json: ["name": "Live", "team": "sp4", "template": "empty"], token: platform.token)
            #expect(created.status == 201)
            let received = parse(await reader.output())
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
            let reader = try stream(platform, seconds: 3)
            #expect(try await waitForOpenStreams(platform, 1, timeout: .seconds(3)) != nil, "the open stream is counted")
            _ = await reader.output()
            let ended = try await waitForOpenStreams(platform, 0, timeout: .seconds(5))
            #expect(ended != nil, "still streaming 5 s after curl left (the keep-alive comes every 15 s)")
        }
    }

    @Test("the stream can be narrowed to one application; a bad Last-Event-ID is a 400")
    func filterAndBadHeader() async throws {
        try await withPlatform { platform in
            let received = parse(try await stream(platform, "?application=tesseract-ocr", lastEventID: 0).output())
            #expect(!received.isEmpty)
            #expect(received.allSatisfy { $0.data["application"] as? String == "tesseract-ocr" })

            let bad = try ChildProcess(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(platform.token)",
                                        "-H", "Last-Event-ID: abc", platform.url.absoluteString + "/v1/events/stream"],
                                       environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
            #expect(await bad.output() == "400")
        }
    }
}
