import Foundation
import Glibc
import Platform
import TestSupport

/// An SSE stream (or a followed log) read line by line by curl as it arrives, until it ends or
/// `seconds` pass: tests wait for what they expect to arrive, never for a fixed time.
final class SSEReader: @unchecked Sendable {
    let curl: ChildProcess
    private let lock = NSLock()
    private var lines: [String] = []
    private var ended: Date?
    let started = Date()

    init(_ platform: RunningPlatform, token: String, path: String = "/v1/events/stream", lastEventID: Int? = nil, seconds: Int = 30) throws {
        var argv = ["curl", "-sS", "-N", "--max-time", "\(seconds)", "-H", "Authorization: Bearer \(token)"]
        if let lastEventID { argv += ["-H", "Last-Event-ID: \(lastEventID)"] }
        curl = try ChildProcess(argv + [platform.url.absoluteString + path], environment: ["PATH": "/usr/bin:/bin"])
        Task {
            while let line = await self.curl.nextLine() { self.lock.withLock { self.lines.append(line) } }
            self.lock.withLock { self.ended = Date() }
        }
    }

    var text: String { lock.withLock { lines.joined(separator: "\n") } }
    var endedAfter: TimeInterval? { lock.withLock { ended.map { $0.timeIntervalSince(started) } } }

    func waitUntil(_ seconds: Double, _ condition: (String) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(text) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition(text)
    }

    func waitForEnd(_ seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if endedAfter != nil { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func stop() { curl.signal(SIGTERM) }
}

extension SSEReader {
    struct Event {
        var id: Int
        var type: String
        var data: [String: Any]
    }

    /// The complete events received so far, in order.
    var events: [Event] {
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
            return Event(id: id, type: type, data: data)
        }
    }

    /// Waits until an event with `id` at least `last` has arrived; the events up to then.
    func events(through last: Int, within seconds: Double = 20) async -> [Event] {
        _ = await waitUntil(seconds) { _ in self.events.contains { $0.id >= last } }
        return events
    }
}
