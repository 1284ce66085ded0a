import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Model
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

    /// 413 for a body over its documented limit (docs/security.md).
    static func bodyTooLarge(limit: Int) -> APIProblem {
        APIProblem(status: .contentTooLarge, title: "Request body too large",
                   detail: "This request's body may be at most \(limit) bytes.",
                   errors: [fieldError(FieldIssue(field: "body", .bodyTooLarge(limit: limit)))])
    }

    static func field(_ field: String, _ rule: FieldRule) -> APIProblem {
        APIProblem(status: .badRequest, title: "Invalid request", detail: "\(field): \(rule.message.en)",
                   errors: [fieldError(FieldIssue(field: field, rule))])
    }

    /// A field's problem on the wire: its code and params for clients, its English words for people.
    static func fieldError(_ issue: FieldIssue) -> Components.Schemas.FieldError {
        let parameters = issue.rule.parameters
        return Components.Schemas.FieldError(field: issue.field, message: issue.message.en, code: issue.rule.code,
                                             params: parameters.isEmpty ? nil : .init(additionalProperties: parameters))
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
                      errors: issues.map(Self.fieldError))
        case .conflict(let issue):
            self.init(status: .conflict, title: "Already exists", detail: issue.message.en, errors: [Self.fieldError(issue)])
        case .quotaExceeded(let team, let resource, let hard, let used, let requested):
            let issue = FieldIssue(field: "quota.\(resource.rawValue)", .quotaExceeded(
                team: team, resource: resource.rawValue, hard: "\(hard)", used: "\(used)", requested: "\(requested)"))
            self.init(status: .unprocessableContent, title: "Quota exceeded: \(resource.rawValue)", detail: issue.message.en,
                      errors: [Self.fieldError(issue)])
        }
    }
}

/// Turns every error below it into `application/problem+json`, so that a malformed request gets a
/// 4xx a client can show, never an empty 500.
///
/// No answer names a path of the server's: a problem whose words contain one of `redacting` (the
/// data directory) is answered without them, whatever code made it.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    var redacting: [String] = []

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return Self.response(redacted(problem, context))
        } catch let error as ServerError {
            if let problem = error.underlyingError as? APIProblem { return Self.response(redacted(problem, context)) }
            if error.operationInput == nil {
                // The generated code could not decode the request: it is the client's mistake.
                // A body that does not fit its schema names the field, as a handler's refusal would.
                if let decoding = Self.decodingError(in: error.underlyingError) {
                    let (field, rule) = ComponentSpecDecoding.describe(decoding)
                    return Self.response(redacted(APIProblem.field(field.isEmpty ? "body" : field, rule), context))
                }
                return Self.response(redacted(APIProblem(status: .badRequest, title: "Malformed request", detail: error.causeDescription), context))
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

    /// The decoding error under the generated code's wrappers, if that is what failed.
    private static func decodingError(in error: any Error) -> DecodingError? {
        var current: (any Error)? = error
        for _ in 0..<4 {
            if let decoding = current as? DecodingError { return decoding }
            guard let next = current.flatMap({ Mirror(reflecting: $0).children.first { $0.value is any Error }?.value as? any Error }) else { break }
            current = next
        }
        return nil
    }

    private func redacted(_ problem: APIProblem, _ context: Context) -> APIProblem {
        let words = [problem.title, problem.detail ?? ""] + problem.errors.map(\.message)
        guard redacting.contains(where: { path in !path.isEmpty && words.contains { $0.contains(path) } }) else { return problem }
        context.logger.error("a problem named a server path", metadata: ["detail": "\(problem.detail ?? "")"])
        var clean = problem
        clean.detail = "The platform could not complete the request; its administrator can see why in its log."
        clean.errors = clean.errors.map { APIProblem.fieldError(FieldIssue(field: $0.field, .invalid("not accepted"))) }
        if redacting.contains(where: { clean.title.contains($0) }) { clean.title = "Request failed" }
        return clean
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
