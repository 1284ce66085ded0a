import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAPIRuntime
import PlatformContract

/// An RFC 9457 problem: what every error of the API looks like on the wire.
struct APIProblem: Error, Sendable {
    var status: HTTPResponse.Status
    var title: String
    var detail: String?
    var errors: [Components.Schemas.FieldError] = []

    var schema: Components.Schemas.Problem {
        Components.Schemas.Problem(
            _type: "about:blank", title: title, status: status.code, detail: detail,
            errors: errors.isEmpty ? nil : errors)
    }

    static func notFound(_ what: String) -> APIProblem {
        APIProblem(status: .notFound, title: "Not found", detail: "No \(what).")
    }

    static func field(_ field: String, _ message: String) -> APIProblem {
        APIProblem(status: .badRequest, title: "Invalid request", detail: "\(field): \(message)",
                   errors: [Components.Schemas.FieldError(field: field, message: message)])
    }
}

extension APIProblem {
    /// A store's refusal as the API states it; quota problems name the quota in title and field.
    init(_ error: StoreError) {
        switch error {
        case .notFound(let what):
            self = .notFound(what)
        case .invalid(let issues):
            self.init(status: .badRequest, title: "Invalid request",
                      detail: issues.map { "\($0.field): \($0.message.en)" }.joined(separator: "; "),
                      errors: issues.map { Components.Schemas.FieldError(field: $0.field, message: $0.message.en) })
        case .conflict(let field, let message):
            self.init(status: .conflict, title: "Already exists", detail: message,
                      errors: [Components.Schemas.FieldError(field: field, message: message)])
        case .quotaExceeded(let team, let resource, let hard, let used, let requested):
            let message = "team \(team) would use \(requested) of its \(resource.rawValue) quota of \(hard) (now \(used))"
            self.init(status: .unprocessableContent, title: "Quota exceeded: \(resource.rawValue)", detail: message,
                      errors: [Components.Schemas.FieldError(field: "quota.\(resource.rawValue)", message: message)])
        }
    }
}

/// Turns every error below it into `application/problem+json`, so that a malformed request gets a
/// 4xx a client can show, never an empty 500.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return Self.response(problem)
        } catch let error as ServerError {
            if let problem = error.underlyingError as? APIProblem { return Self.response(problem) }
            if error.operationInput == nil {
                // The generated code could not decode the request: it is the client's mistake.
                return Self.response(APIProblem(status: .badRequest, title: "Malformed request", detail: error.causeDescription))
            }
            context.logger.error("handler failed", metadata: ["operation": "\(error.operationID)", "error": "\(error.underlyingError)"])
            return Self.response(APIProblem(status: .internalServerError, title: "Internal error"))
        } catch let error as HTTPError {
            return Self.response(APIProblem(status: error.status, title: error.status.reasonPhrase, detail: error.body))
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return Self.response(APIProblem(status: .internalServerError, title: "Internal error"))
        }
    }

    static func response(_ problem: APIProblem) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = (try? encoder.encode(problem.schema)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        return Response(status: problem.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
