import Hummingbird

/// The event stream and followed logs have no end of their own: they end when their client goes.
/// Without help the server learns that only at its next write (a keep-alive, up to 15 s later; a
/// quiet log, never) and polls for them meanwhile. This watches the connection's inbound side and
/// cancels the writing as soon as it closes, which ends the producer's polling task with it
/// (its stream's `onTermination`). The connection closes after such a response.
struct EndlessResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .get, response.status == .ok, Self.isEndless(request, response) else { return response }
        let body = response.body
        response.body = ResponseBody { writer in
            try await request.body.consumeWithCancellationOnInboundClose { _ in
                try await body.write(writer)
            }
        }
        return response
    }

    static func isEndless(_ request: Request, _ response: Response) -> Bool {
        response.headers[.contentType]?.hasPrefix("text/event-stream") == true || request.uri.queryParameters["follow"] == "true"
    }
}
