import Client
import Foundation
import Model
import Platform
import Testing
import TestSupport

@Suite("Server-Sent Events parser")
struct ServerSentEventParserTests {
    static let text: String = [
        "\u{FEFF}: keep-alive\r\n\r\n",
        "id: 7\r\nevent: warning\r\ndata: {\"a\":1}\r\n\r\n",
        "data: first line\ndata:second line\n: a comment inside\nid: 8\n\n",
        "event: normal\rdata: Приложение создано\r\r",
        "id: 9\nevent: normal\n\n",
        "retry: 1000\nunknown field\ndata\n\n",
    ].joined()
    static let stream: [UInt8] = Array(text.utf8)

    static let expected = [
        ServerSentEvent(id: "7", event: "warning", data: "{\"a\":1}"),
        ServerSentEvent(id: "8", event: "message", data: "first line\nsecond line"),
        // The last id seen stays the message's id until another comes (the spec's "last event ID").
        ServerSentEvent(id: "8", event: "normal", data: "Приложение создано"),
        ServerSentEvent(id: "9", event: "message", data: ""),
    ]

    @Test("CRLF, CR and LF line ends, comments, multi-line data, a BOM; a message without data is dropped")
    func whole() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Self.stream) == Self.expected)
    }

    @Test("the same messages whatever the chunks: split at every byte, between CR and LF, inside UTF-8")
    func chunked() {
        for cut in 1..<Self.stream.count {
            var parser = ServerSentEventParser()
            let messages = parser.feed(Self.stream[..<cut]) + parser.feed(Self.stream[cut...])
            #expect(messages == Self.expected, "split at \(cut)")
        }
        var parser = ServerSentEventParser()
        var messages: [ServerSentEvent] = []
        for byte in Self.stream { messages += parser.feed([byte]) }
        #expect(messages == Self.expected)
    }

    @Test("a message is only complete at its blank line")
    func incomplete() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("id: 1\ndata: x\n".utf8)).isEmpty)
        #expect(parser.feed(Array("\n".utf8)) == [ServerSentEvent(id: "1", data: "x")])
    }
}

private func withPlatform<T>(port: Int = 0, directory: URL? = nil, token: String? = nil,
                             _ body: (RunningPlatform) async throws -> T) async throws -> T {
    let dir = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-stream-\(UUID().uuidString)")
    defer { if directory == nil { try? FileManager.default.removeItem(at: dir) } }
    let configuration = PlatformConfiguration(
        dataDirectory: dir, port: port, demo: true,
        localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true), localToken: token)
    // A port just given up may still be held for a moment by the server that stopped.
    let deadline = ContinuousClock.now + .seconds(10)
    var started: RunningPlatform?
    while started == nil {
        do {
            started = try await PlatformServer.start(configuration)
        } catch where port != 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }
    let platform = started!
    do {
        let result = try await body(platform)
        await platform.stop()
        return result
    } catch {
        await platform.stop()
        throw error
    }
}

/// Reads until `count` events arrived or the deadline passed.
private func read(_ reader: EventStreamReader, count: Int, within deadline: Duration = .seconds(5)) async throws -> [Event] {
    try await withThrowingTaskGroup(of: [Event].self) { group in
        group.addTask {
            var events: [Event] = []
            while events.count < count, let event = try await reader.next() { events.append(event) }
            return events
        }
        group.addTask {
            try await Task.sleep(for: deadline)
            reader.cancel()
            return []
        }
        let events = try await group.next() ?? []
        group.cancelAll()
        return events
    }
}

/// Waits until the platform has accepted the stream, so that what is written next is on it.
private func connected(_ reader: EventStreamReader) async throws {
    let update = try await reader.nextUpdate()
    #expect(update == .connected)
}

private func newApplication(_ client: PlatformClient, _ name: String) async throws -> Application {
    try await client.createApplication(NewApplication(name: name, team: "cii", template: "empty"))
}

@Suite("The event stream over libcurl against the real platform")
struct EventStreamReaderTests {
    @Test("an application created while the stream is open arrives on it, and nothing older does")
    func live() async throws {
        try await withPlatform { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
            let latest = try await client.platformEvents(limit: 1).value.first?.id ?? 0
            let reader = client.eventStream()
            defer { reader.cancel() }
            try await connected(reader)
            let app = try await newApplication(client, "Stream Live")
            let events = try await read(reader, count: 1)
            let event = try #require(events.first)
            #expect(event.application == app.slug)
            #expect(event.reason == "Created")
            #expect(event.id > latest)
        }
    }

    @Test("the stream narrowed to one application carries only its events")
    func narrowed() async throws {
        try await withPlatform { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
            let reader = client.eventStream(application: "stream-two")
            defer { reader.cancel() }
            try await connected(reader)
            _ = try await newApplication(client, "Stream One")
            _ = try await newApplication(client, "Stream Two")
            let events = try await read(reader, count: 1)
            #expect(events.map(\.application) == ["stream-two"])
        }
    }

    @Test("after a dropped connection, Last-Event-ID resumes with every event missed, in order")
    func resumeAfterDrop() async throws {
        try await withPlatform { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
            let first = client.eventStream()
            try await connected(first)
            _ = try await newApplication(client, "Before Drop")
            let seen = try #require(try await read(first, count: 1).last)
            first.cancel()
            for name in ["Missed One", "Missed Two", "Missed Three"] { _ = try await newApplication(client, name) }
            let missed = try await client.platformEvents(limit: 10).value.filter { $0.id > seen.id }.reversed().map(\.id)
            #expect(missed.count >= 3)

            let resumed = client.eventStream(lastEventID: seen.id)
            defer { resumed.cancel() }
            let events = try await read(resumed, count: missed.count)
            #expect(events.map(\.id) == Array(missed))
        }
    }

    @Test("after the platform restarts, Last-Event-ID resumes with every event written since")
    func resumeAfterRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (port, token, seen, reader): (Int, String, Int64, EventStreamReader) = try await withPlatform(directory: directory) { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
            let reader = client.eventStream()
            try await connected(reader)
            _ = try await newApplication(client, "Before Restart")
            let seen = try #require(try await read(reader, count: 1).last)
            return (platform.url.port ?? 0, platform.token, seen.id, reader)
        }
        // The platform went with the stream open: the reader hears of it rather than waiting on.
        let stopped = ContinuousClock.now
        do {
            #expect(try await reader.next() == nil)
        } catch {
            guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        }
        #expect(ContinuousClock.now - stopped < .seconds(20), "well before the 45 s idle limit")
        try await withPlatform(port: port, directory: directory, token: token) { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
            _ = try await newApplication(client, "After Restart")
            let missed = try await client.platformEvents(limit: 10).value.filter { $0.id > seen }.reversed().map(\.id)
            #expect(!missed.isEmpty)
            let resumed = client.eventStream(lastEventID: seen)
            defer { resumed.cancel() }
            #expect(try await read(resumed, count: missed.count).map(\.id) == Array(missed))
        }
    }

    @Test("cancel stops a quiet stream at once: the waiting read ends, cancelling the task does too")
    func cancel() async throws {
        try await withPlatform { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
            let reader = client.eventStream(application: "nothing-happens-here")
            try await connected(reader)
            let waiting = Task { try await reader.next() }
            try await Task.sleep(for: .milliseconds(100))
            let started = ContinuousClock.now
            reader.cancel()
            #expect(try await waiting.value == nil)
            #expect(ContinuousClock.now - started < .seconds(10), "cancel must end the read long before the 15 s keep-alive would")

            let other = client.eventStream(application: "nothing-happens-here")
            try await connected(other)
            let task = Task { try await other.next() }
            try await Task.sleep(for: .milliseconds(100))
            let cancelled = ContinuousClock.now
            task.cancel()
            #expect(try await task.value == nil)
            #expect(ContinuousClock.now - cancelled < .seconds(10), "cancel must end the read long before the 15 s keep-alive would")
            #expect(!other.isOpen)
        }
    }

    @Test("a refused token is 'unauthorised', a closed port 'unreachable', neither a hang")
    func failures() async throws {
        try await withPlatform { platform in
            let refused = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: "not-the-token")).eventStream()
            await #expect(throws: PlatformClientError.unauthorized("The bearer token is unknown, revoked or expired.")) {
                _ = try await refused.next()
            }
        }
        let closed = PlatformClient(endpoint: PlatformEndpoint(url: URL(string: "http://127.0.0.1:1")!, token: "t")).eventStream()
        do {
            _ = try await closed.next()
            Issue.record("a closed port streamed")
        } catch {
            guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        }
    }

    @Test("the stream goes through http_proxy with the token, as every other request")
    func proxy() async throws {
        let proxy = try LoopbackListener(.respond(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" +
            "id: 5\nevent: normal\ndata: {\"id\":5,\"time\":\"2026-11-29T11:00:00Z\",\"application\":\"ocr\",\"type\":\"normal\"," +
            "\"reason\":\"Created\",\"message\":\"m\",\"actor\":\"tester\"}\n\n"))
        defer { proxy.close() }
        let endpoint = PlatformEndpoint(url: URL(string: "http://platform.example.invalid:8080")!, token: "secret-token")
        let client = PlatformClient(endpoint: endpoint, transport: CurlTransport(environment: ["http_proxy": proxy.url.absoluteString]))
        let reader = client.eventStream(type: .warning, lastEventID: 4)
        let event = try await reader.next()
        #expect(event?.id == 5 && event?.application == "ocr")
        #expect(try await reader.next() == nil)
        let head = try #require(proxy.requests.first)
        #expect(head.hasPrefix("GET http://platform.example.invalid:8080/v1/events/stream?type=warning HTTP/1.1"))
        #expect(head.lowercased().contains("authorization: bearer secret-token"))
        #expect(head.lowercased().contains("last-event-id: 4"))
    }
}
