import Foundation
import Model
import ContractMapping
import OpenAPIRuntime
import PlatformContract

/// A 4xx answer of the generated client that carries an `application/problem+json` body.
protocol ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws }
}

extension Components.Responses.BadRequest: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.Unauthorized: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.Forbidden: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.NotFound: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.Conflict: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.QuotaExceeded: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

/// Where a mapping of ContractMapping can fail, the failure as this client reports it: an answer
/// it cannot read is `unexpected`. (The mappings themselves are in Sources/ContractMapping.)
extension PlatformClient {
    static func component(_ component: Components.Schemas.Component) throws(PlatformClientError) -> Component {
        do { return try Component(component) } catch { throw .unexpected("component \(component.name): \(error)") }
    }

    static func grant(_ grant: Components.Schemas.Grant) throws(PlatformClientError) -> AccessGrant {
        guard let domain = AccessGrant(grant) else { throw .unexpected("grant \(grant.id) is for neither exactly one user nor one team") }
        return domain
    }

    /// A request body made from a spec: a spec this client cannot encode never leaves it.
    static func wire<Body>(_ make: () throws -> Body) throws(PlatformClientError) -> Body {
        do { return try make() } catch { throw .unexpected("cannot encode the spec: \(error)") }
    }
}
