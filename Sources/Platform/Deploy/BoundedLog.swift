import Foundation
import Model
import Synchronization

/// A component's output on disk, bounded: the live file rolls over to `<name>.1` when it passes
/// `maxBytes`, so a chatty service keeps at most twice that. The last lines are also kept in
/// memory for event messages ("exited with code 1: …").
final class BoundedLog: Sendable {
    let url: URL
    private let maxBytes: Int
    private let state: Mutex<(handle: FileHandle?, size: Int, recent: [String], partial: [UInt8], lines: Int)>

    init(url: URL, maxBytes: Int = 1 << 20) {
        self.url = url
        self.maxBytes = maxBytes
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try? FileHandle(forWritingTo: url)
        let size = (try? handle?.seekToEnd()).map { Int($0) } ?? 0
        state = Mutex((handle, size, [], [], 0))
    }

    var rolledURL: URL { URL(fileURLWithPath: url.path + ".1") }

    func append(_ bytes: [UInt8]) {
        state.withLock { state in
            if state.size + bytes.count > maxBytes, let handle = state.handle {
                try? handle.close()
                try? FileManager.default.removeItem(at: rolledURL)
                try? FileManager.default.moveItem(at: url, to: rolledURL)
                _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                state.handle = try? FileHandle(forWritingTo: url)
                state.size = 0
            }
            state.handle?.write(Data(bytes))
            state.size += bytes.count
            state.partial += bytes
            state.lines += bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                // A line ends at LF; a CR before it (CRLF, as Windows-minded programs write) is not text.
                var line = state.partial[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                state.recent.append(String(decoding: line, as: UTF8.self))
                state.partial.removeSubrange(...newline)
                if state.recent.count > 20 { state.recent.removeFirst(state.recent.count - 20) }
            }
            if state.partial.count > 4096 { state.partial.removeAll() }
        }
    }

    /// A line of the platform's own (a start, an exit), marked so it cannot pass for the service's.
    func note(_ text: String) {
        append(Array("[smartmlops] \(text)\n".utf8))
    }

    /// Lines written since this log was opened (for a log-rate series).
    var lineCount: Int { state.withLock { $0.lines } }

    /// The last `count` lines the process wrote, for an event message.
    func recentLines(_ count: Int) -> [String] {
        state.withLock { state in Array(state.recent.filter { !$0.hasPrefix("[smartmlops] ") }.suffix(count)) }
    }

    func close() {
        state.withLock { state in
            try? state.handle?.close()
            state.handle = nil
        }
    }

    /// The last `count` lines on disk, across the roll-over.
    static func tail(of url: URL, lines count: Int) -> [String]? {
        let rolled = URL(fileURLWithPath: url.path + ".1")
        guard let current = FileManager.default.contents(atPath: url.path) else { return nil }
        var text = String(decoding: current, as: UTF8.self)
        var lines = text.textLines.map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.count < count, let older = FileManager.default.contents(atPath: rolled.path) {
            text = String(decoding: older, as: UTF8.self)
            var previous = text.textLines.map(String.init)
            if previous.last == "" { previous.removeLast() }
            lines = previous + lines
        }
        return Array(lines.suffix(count))
    }
}
