import Client
import Foundation
import Testing
import TestSupport

/// Log text as it comes over the network: whatever the platform (or a proxy, or another platform's
/// implementation) sends, CRLF included.
@Suite("PlatformClient: log lines from the wire")
struct PlatformClientLogsTests {
    private func logs(answering body: String) async throws -> [String] {
        let listener = try LoopbackListener(.respond(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"))
        defer { listener.close() }
        return try await PlatformClient(endpoint: PlatformEndpoint(url: listener.url, token: "token")).logs(of: "inference", in: "tesseract-ocr", tail: 10)
    }

    @Test("CRLF line ends are line ends: no line keeps a CR, none is lost or merged")
    func crlf() async throws {
        #expect(try await logs(answering: "first\r\nsecond\r\n\r\nlast\r\n") == ["first", "second", "", "last"])
        #expect(try await logs(answering: "mixed\nends\r\nno end") == ["mixed", "ends", "no end"])
        #expect(try await logs(answering: "") == [])
    }
}
