import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Gives every successful GET an `ETag` (a hash of its body) and answers `If-None-Match` with
/// 304 and no body, so a client revalidating its cache over a slow link pays a few bytes.
/// With a `ResponseCache`, answers of cacheable operations are kept per caller until the next
/// write, and served (or revalidated) without running the handler.
struct ETagMiddleware: ServerMiddleware {
    var cache: ResponseCache?

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.method == .get else { return try await next(request, body, metadata) }
        var key: ResponseCache.Key?
        if let cache, ResponseCache.cacheableOperations.contains(operationID), let caller = Caller.current {
            // The same login can be an admin through the local token and not through its own tokens.
            let candidate = ResponseCache.Key(caller: caller.isAdmin ? "\(caller.login) (admin)" : caller.login, operationID: operationID, path: request.path ?? "")
            if let hit = cache.lookup(candidate) {
                var response = HTTPResponse(status: .ok)
                response.headerFields[.contentType] = hit.contentType
                return Self.answer(request, response, tag: hit.tag, bytes: hit.body)
            }
            key = candidate
        }
        let generation = cache?.generation
        let (response, responseBody) = try await next(request, body, metadata)
        // Streams (events, followed logs) have no end to hash.
        guard response.status == .ok, let responseBody, responseBody.length != .unknown,
              response.headerFields[.contentType]?.hasPrefix("text/event-stream") != true else {
            return (response, responseBody)
        }
        let bytes = try await [UInt8](collecting: responseBody, upTo: 64 << 20)
        let tag = Self.tag(for: bytes)
        if let cache, let key, let generation {
            cache.store(.init(generation: generation, tag: tag, contentType: response.headerFields[.contentType], body: bytes), for: key)
        }
        return Self.answer(request, response, tag: tag, bytes: bytes)
    }

    private static func answer(_ request: HTTPRequest, _ response: HTTPResponse, tag: String, bytes: [UInt8]) -> (HTTPResponse, HTTPBody?) {
        var tagged = response
        tagged.headerFields[.eTag] = tag
        if let condition = request.headerFields[.ifNoneMatch], matches(condition, tag) {
            tagged.status = .notModified
            tagged.headerFields[.contentType] = nil
            return (tagged, nil)
        }
        return (tagged, HTTPBody(bytes))
    }

    /// A strong tag: 64-bit FNV-1a of the body and its length, enough to tell versions apart.
    static func tag(for bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
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
