import Foundation
import HTTPTypes
import Model
import OpenAPIRuntime
import PlatformContract

/// Every answer of 400 and above becomes a `PlatformClientError` here, before the generated
/// client decodes it, so that no operation handles a refusal of its own: each switches over its
/// success answers only. A 4xx with an `application/problem+json` body is the platform's refusal
/// (401: the token is refused; the rest: what the user must change, with per-field errors); any
/// other (a 5xx, a proxy's HTML page) is an answer this client does not understand.
struct ProblemAnswerMiddleware: ClientMiddleware {
    /// A problem is a few field errors; a larger body is not one.
    static let bodyLimit = 1 << 20

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        let status = response.status.code
        guard status >= 400 else { return (response, responseBody) }
        let isProblem = response.headerFields[.contentType]?.lowercased().hasPrefix("application/problem+json") ?? false
        guard (400..<500).contains(status), isProblem, let responseBody else { throw PlatformClient.undocumented(status) }
        let problem: Components.Schemas.Problem
        do {
            let bytes = try await [UInt8](collecting: responseBody, upTo: Self.bodyLimit)
            problem = try JSONDecoder().decode(Components.Schemas.Problem.self, from: Data(bytes))
        } catch {
            throw PlatformClientError.unexpected("HTTP \(status) without a problem body")
        }
        throw Self.refusal(status, problem)
    }

    /// A 4xx problem as the cabinet acts on it: 401 means the token is refused.
    static func refusal(_ status: Int, _ problem: Components.Schemas.Problem) -> PlatformClientError {
        if status == 401 { return .unauthorized(problem.detail ?? problem.title) }
        // Worded from the code, in both languages; several errors on one field read as one line.
        var fields: [String: LocalizedText] = [:]
        for error in problem.errors ?? [] {
            let words = FieldRule(code: error.code ?? "", parameters: error.params?.additionalProperties ?? [:], message: error.message).message
            fields[error.field] = fields[error.field].map { LocalizedText(ru: $0.ru + "; " + words.ru, en: $0.en + "; " + words.en) } ?? words
        }
        return .rejected(status: status, title: problem.title, detail: problem.detail, fields: fields)
    }
}
