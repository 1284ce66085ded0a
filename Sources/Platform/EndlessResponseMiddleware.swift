import Hummingbird
import ServiceLifecycle

/// The event stream and followed logs have no end of their own: they end when their client goes.
/// Without help the server learns that only at its next write (a keep-alive, up to 15 s later; a
/// quiet log, never) and polls for them meanwhile. This watches the connection's inbound side and
/// cancels the writing as soon as it closes, which ends the producer's polling task with it
/// (its stream's `onTermination`). The connection closes after such a response. A graceful
/// shutdown of the server ends them too, so that a stop does not wait its whole grace for them.
struct EndlessResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .get, response.status == .ok, Self.isEndless(request, response) else { return response }
        let body = response.body
        response.body = ResponseBody { writer in
            try await request.body.consumeWithCancellationOnInboundClose { _ in
                try await Self.endingOnGracefulShutdown { try await body.write(writer) }
            }
        }
        return response
    }

    /// Runs `operation`, cancelled when the server shuts down gracefully. `cancelWhenGracefulShutdown`
    /// wants an escaping closure; this one borrows the writer, so it is lent for the call only:
    /// the group inside awaits the operation before it returns.
    static func endingOnGracefulShutdown(_ operation: () async throws -> Void) async throws {
        try await withoutActuallyEscaping(operation) { operation in
            let lent = Borrowed(value: operation)
            try await cancelWhenGracefulShutdown { try await lent.value() }
        }
    }

    private struct Borrowed<Value>: @unchecked Sendable {
        let value: Value
    }

    static func isEndless(_ request: Request, _ response: Response) -> Bool {
        response.headers[.contentType]?.hasPrefix("text/event-stream") == true || request.uri.queryParameters["follow"] == "true"
    }
}
