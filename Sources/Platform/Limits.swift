import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// What one caller may take of a shared platform: docs/security.md gives each value and why.
public struct PlatformLimits: Sendable {
    /// Bytes of a `/v1` request body (JSON: the largest, a template of many components, is a few KB).
    public var apiBody = 1 << 20
    /// Bytes of a request to a published API component's `/predict`.
    public var predictBody = 64 << 20
    /// A connection that sends nothing for this long while its request (head or body) is being
    /// read, or between requests, is closed. A request head trickled in a line at a time counts
    /// as nothing: the head is read only when complete.
    public var idleTimeout: Duration = .seconds(30)
    /// Connections open at once; the next one is answered 503 and closed.
    public var maxConnections = 4_096
    /// Event streams and followed logs one user may hold open at once; the next is answered 429.
    public var streamsPerUser = 16

    public init() {}
}

/// Every `/v1` request body is limited to `limit` bytes: a larger `Content-Length` is refused
/// before a byte of the body is read, and a body that turns out larger (chunked) ends in a 413 as
/// soon as it passes the limit; nothing over the limit is ever held.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/v1" || request.uri.path.hasPrefix("/v1/"),
              [.post, .put, .patch].contains(request.method) || request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil else {
            return try await next(request, context)
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIProblem.bodyTooLarge(limit: limit)
        }
        let exceeded = Flag()
        var limited = request
        limited.body = RequestBody(asyncSequence: LimitedBody(base: request.body, limit: limit, exceeded: exceeded))
        do {
            return try await next(limited, context)
        } catch {
            // Whatever the decoder made of the cut-off body, the cause is its size.
            if exceeded.isSet { throw APIProblem.bodyTooLarge(limit: limit) }
            throw error
        }
    }
}

/// A flag one task sets and another reads.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

/// A request body that fails once more than `limit` bytes have come.
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int
    let exceeded: Flag

    struct TooLarge: Error {}

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        let exceeded: Flag
        var seen = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            seen += chunk.readableBytes
            if seen > limit {
                exceeded.set()
                throw TooLarge()
            }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, exceeded: exceeded)
    }
}

/// Caps the connections open at once: one over the cap gets a 503 (with `Retry-After`) to its
/// first request and is closed, instead of waiting unanswered in the accept queue.
final class ConnectionCapHandler: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Connections counted across the server's event loops.
    final class Counter: Sendable {
        let open = Atomic<Int>(0)
        let limit: Int
        init(limit: Int) { self.limit = limit }
    }

    private let counter: Counter
    private var counted = false
    private var refused = false

    init(counter: Counter) { self.counter = counter }

    func handlerAdded(context: ChannelHandlerContext) {
        counted = true
        let now = counter.open.add(1, ordering: .relaxed).newValue
        refused = now > counter.limit
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if counted { counter.open.subtract(1, ordering: .relaxed) }
        counted = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard refused else { return context.fireChannelRead(data) }
        guard case .head = unwrapInboundIn(data) else { return }
        var head = HTTPResponse(status: .serviceUnavailable)
        head.headerFields[.retryAfter] = "5"
        head.headerFields[.contentType] = "application/problem+json"
        head.headerFields[.connection] = "close"
        let body = #"{"status":503,"title":"Too many connections","type":"about:blank"}"#
        head.headerFields[.contentLength] = String(body.utf8.count)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(promise: nil)
    }
}
