import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime
import Synchronization

/// The paths the API declares and the methods each one accepts, collected while the generated
/// code registers its handlers, so that a request for a known path with an undeclared method gets
/// 405 with `Allow` (RFC 9110 §15.5.6) instead of a misleading 404.
final class RouteTable: Sendable {
    private let routes = Mutex<[(template: [Substring], methods: Set<HTTPRequest.Method>)]>([])

    func add(method: HTTPRequest.Method, path: String) {
        let template = path.split(separator: "/", omittingEmptySubsequences: false)
        routes.withLock { routes in
            if let index = routes.firstIndex(where: { $0.template == template }) {
                routes[index].methods.insert(method)
            } else {
                routes.append((template, [method]))
            }
        }
    }

    /// The methods of the declared path that `path` matches, or nil when it matches none.
    func methods(for path: String) -> Set<HTTPRequest.Method>? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.withLock { routes in
            routes.first { route in
                route.template.count == segments.count
                    && zip(route.template, segments).allSatisfy { template, segment in
                        template == segment || (template.hasPrefix("{") && template.hasSuffix("}") && !segment.isEmpty)
                    }
            }?.methods
        }
    }
}

/// Registers each handler with the router and records its route in the table.
struct RecordingTransport: ServerTransport {
    let router: Router<BasicRequestContext>
    let table: RouteTable

    func register(_ handler: @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
                  method: HTTPRequest.Method, path: String) {
        table.add(method: method, path: path)
        router.register(handler, method: method, path: path)
    }
}

/// Answers a declared path asked with an undeclared method with 405 and the methods it does accept;
/// it runs before authentication, as the set of routes is public (openapi.yaml).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let methods = table.methods(for: request.uri.path), !methods.contains(request.method),
              !(request.method == .head && methods.contains(.get)) else {
            return try await next(request, context)
        }
        var problem = ProblemMiddleware<Context>.response(APIProblem(
            status: .methodNotAllowed, title: "Method not allowed",
            detail: "\(request.uri.path) accepts \(Self.allow(methods))."))
        problem.headers[.allow] = Self.allow(methods)
        return problem
    }

    static func allow(_ methods: Set<HTTPRequest.Method>) -> String {
        methods.map(\.rawValue).sorted().joined(separator: ", ")
    }
}
