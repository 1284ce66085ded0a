import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Gives every successful GET an `ETag` (a hash of its body) and answers `If-None-Match` with
/// 304 and no body, so a client revalidating its cache over a slow link pays a few bytes.
struct ETagMiddleware: ServerMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, metadata)
        guard request.method == .get, response.status == .ok, let responseBody,
              response.headerFields[.contentType]?.hasPrefix("text/event-stream") != true else {
            return (response, responseBody)
        }
        let bytes = try await [UInt8](collecting: responseBody, upTo: 64 << 20)
        let tag = Self.tag(for: bytes)
        var tagged = response
        tagged.headerFields[.eTag] = tag
        if let condition = request.headerFields[.ifNoneMatch], Self.matches(condition, tag) {
            tagged.status = .notModified
            tagged.headerFields[.contentType] = nil
            return (tagged, nil)
        }
        return (tagged, HTTPBody(bytes))
    }

    /// A strong tag: 64-bit FNV-1a of the body and its length, enough to tell versions apart.
    static func tag(for bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return "\"\(String(hash, radix: 16))-\(String(bytes.count, radix: 16))\""
    }

    /// `If-None-Match: *`, one tag, or a list; weak tags compare by their opaque part (RFC 9110 §13.1.2).
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            return value == tag
        }
    }
}
