import Foundation
import Model
import ContractMapping
import PlatformContract

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
