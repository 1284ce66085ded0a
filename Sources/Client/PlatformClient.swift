import Foundation
import HTTPTypes
import Model
import OpenAPIRuntime
import PlatformContract

/// Where a platform is and how to prove who we are to it.
public struct PlatformEndpoint: Sendable, Equatable {
    public var url: URL
    public var token: String

    public init(url: URL, token: String) {
        self.url = url
        self.token = token
    }
}

/// What went wrong talking to the platform, in terms the cabinet can act on.
public enum PlatformClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No HTTP answer: the cabinet goes offline and keeps showing cached data.
    case unreachable(String)
    /// The token was refused.
    case unauthorized(String)
    /// The platform refused the request, with a message for the user and per-field errors.
    case rejected(status: Int, title: String, detail: String?, fields: [String: String])
    /// An answer this client does not understand (another API version, a proxy's error page).
    case unexpected(String)

    public var description: String {
        switch self {
        case .unreachable(let why): "platform unreachable: \(why)"
        case .unauthorized(let why): "not authorised: \(why)"
        case .rejected(let status, let title, let detail, _): "\(status) \(title)\(detail.map { ": \($0)" } ?? "")"
        case .unexpected(let why): "unexpected answer: \(why)"
        }
    }
}

/// The platform API as the cabinet uses it: domain values in, domain values out.
public struct PlatformClient: Sendable {
    private let client: PlatformContract.Client

    public init(endpoint: PlatformEndpoint, transport: CurlTransport = CurlTransport()) {
        client = PlatformContract.Client(
            serverURL: endpoint.url, transport: transport,
            middlewares: [BearerTokenMiddleware(token: endpoint.token)])
    }

    /// Every application visible to the caller, following the cursor through all pages.
    public func listApplications(pageSize: Int = 200) async throws(PlatformClientError) -> [Application] {
        var items: [Application] = []
        var cursor: String?
        repeat {
            let output: Operations.ListApplications.Output
            do {
                output = try await client.listApplications(query: .init(limit: pageSize, cursor: cursor))
            } catch {
                throw Self.classify(error)
            }
            switch output {
            case .ok(let ok):
                let page = try Self.decode { try ok.body.json }
                items += page.items.map(Self.application)
                cursor = page.nextCursor
            case .badRequest(let bad):
                throw Self.rejection(400, try Self.decode { try bad.body.applicationProblemJson })
            case .unauthorized(let unauthorized):
                let problem = try Self.decode { try unauthorized.body.applicationProblemJson }
                throw .unauthorized(problem.detail ?? problem.title)
            case .notModified:
                throw .unexpected("304 Not Modified to a request without If-None-Match")
            case .undocumented(let status, _):
                throw .unexpected("HTTP \(status)")
            }
        } while cursor != nil
        return items
    }

    private static func decode<T>(_ body: () throws -> T) throws(PlatformClientError) -> T {
        do { return try body() } catch { throw .unexpected("\(error)") }
    }

    private static func classify(_ error: any Error) -> PlatformClientError {
        if let clientError = error as? ClientError {
            if let transport = clientError.underlyingError as? TransportError { return .unreachable(transport.message) }
            return .unexpected(clientError.causeDescription)
        }
        return .unexpected("\(error)")
    }

    private static func rejection(_ status: Int, _ problem: Components.Schemas.Problem) -> PlatformClientError {
        var fields: [String: String] = [:]
        for error in problem.errors ?? [] { fields[error.field] = error.message }
        return .rejected(status: status, title: problem.title, detail: problem.detail, fields: fields)
    }

    static func application(_ app: Components.Schemas.Application) -> Application {
        Application(
            slug: app.slug, name: app.name, description: app.description, team: app.team, template: app.template,
            author: app.author, createdAt: app.createdAt, updatedAt: app.updatedAt,
            status: Status(phase: Phase(rawValue: app.status.phase.rawValue) ?? .pending, reason: app.status.reason,
                           message: app.status.message, time: app.status.time),
            components: ComponentCounts(mlComponents: app.components.mlComponents, pipelines: app.components.pipelines,
                                        dataBoxes: app.components.dataBoxes, apiComponents: app.components.apiComponents))
    }
}

/// Adds the bearer token to every request; the token never appears anywhere else.
struct BearerTokenMiddleware: ClientMiddleware {
    let token: String

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}
