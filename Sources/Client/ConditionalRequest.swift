import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// The ETags of one conditional GET: the one sent as `If-None-Match`, and the one the answer
/// carried. The generated client has no header for either (the spec leaves ETags to HTTP), so
/// `ConditionalRequestMiddleware` reads and fills this through a task-local.
final class ConditionalExchange: Sendable {
    @TaskLocal static var current: ConditionalExchange?

    let ifNoneMatch: String?
    private let received = Mutex<String?>(nil)

    init(ifNoneMatch: String?) {
        self.ifNoneMatch = ifNoneMatch
    }

    var etag: String? { received.withLock { $0 } }

    func record(_ etag: String?) {
        received.withLock { $0 = etag }
    }
}

/// Adds `If-None-Match` to the GET of a conditional exchange and keeps the answer's `ETag`.
struct ConditionalRequestMiddleware: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        guard let exchange = ConditionalExchange.current, request.method == .get else {
            return try await next(request, body, baseURL)
        }
        var request = request
        if let tag = exchange.ifNoneMatch { request.headerFields[.ifNoneMatch] = tag }
        let (response, responseBody) = try await next(request, body, baseURL)
        exchange.record(response.headerFields[.eTag])
        return (response, responseBody)
    }
}
