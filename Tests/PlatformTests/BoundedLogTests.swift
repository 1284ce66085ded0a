import Foundation
@testable import Platform
import Testing

/// A component's log as the platform keeps it: lines end at LF or CRLF, whichever the process
/// writes (Windows-minded tools, Python's logging on a text stream opened with newline="\r\n").
@Suite("Bounded log: lines as the process ended them")
struct BoundedLogTests {
    private func withLog(maxBytes: Int = 1 << 20, _ body: (BoundedLog, URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("component.log")
        let log = BoundedLog(url: url, maxBytes: maxBytes)
        defer { log.close() }
        try body(log, url)
    }

    @Test("CRLF output: the tail and the last lines for events carry no CR")
    func crlf() throws {
        try withLog { log, url in
            log.append(Array("loading weights\r\nFileNotFoundError: weights.bin\r\n".utf8))
            log.append(Array("half a line\r".utf8))
            log.append(Array("\n\r\nunix line\n".utf8))
            let expected = ["loading weights", "FileNotFoundError: weights.bin", "half a line", "", "unix line"]
            #expect(log.recentLines(10) == expected)
            #expect(BoundedLog.tail(of: url, lines: 10) == expected)
            #expect(BoundedLog.tail(of: url, lines: 2) == ["", "unix line"])
            #expect(log.lineCount == 5)
        }
    }

    @Test("across a roll-over, CRLF lines of the older file are lines too")
    func rolledOver() throws {
        try withLog(maxBytes: 64) { log, url in
            for index in 1...6 { log.append(Array("line \(index) of the log\r\n".utf8)) }
            let tail = try #require(BoundedLog.tail(of: url, lines: 4))
            #expect(tail == ["line 3 of the log", "line 4 of the log", "line 5 of the log", "line 6 of the log"], "\(tail)")
        }
    }
}
