import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JWTKit
import Model

/// Verifies OIDC access tokens (JWTs) against the issuer's key set, and says who they belong to.
/// Keys are cached; a token signed with a key the cache lacks refetches the set, at most once per
/// `minimumRefetchInterval`, so a flood of made-up key ids cannot turn into a flood of fetches.
/// Nothing here logs or keeps a token.
package actor OIDCVerifier {
    /// Who a valid token names, from its claims.
    package struct Identity: Equatable, Sendable {
        package var user: User
        /// Teams from `groups`, each with the highest role a group gives.
        package var teams: [String: Role]
    }

    /// Why a token was refused; only for tests and debugging, never shown to a client.
    package enum Refusal: Error, Equatable {
        case malformed, algorithm, unknownKey, signature, issuer, audience, expired, notYetValid, noSubject
    }

    private let configuration: OIDCConfiguration
    private var keys: JWTKeyCollection?
    private var keyIDs: Set<String> = []
    private var lastFetch: Date?
    /// The fetch under way, which every request needing keys meanwhile waits for.
    private var fetching: Task<Void, Never>?
    private let now: @Sendable () -> Date

    /// Asymmetric algorithms only: an HMAC "signature" keyed with a public key is a classic forgery.
    private static let algorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]

    package init(_ configuration: OIDCConfiguration, now: @escaping @Sendable () -> Date = Date.init) {
        self.configuration = configuration
        self.now = now
    }

    package func identity(of token: String) async throws -> Identity {
        let header = try Self.header(of: token)
        guard let alg = header.alg, Self.algorithms.contains(alg) else { throw Refusal.algorithm }
        let keys = try await keys(for: header.kid)
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch {
            throw Refusal.signature
        }
        return try check(claims)
    }

    /// The header fields that choose the key, read before anything is verified.
    private static func header(of token: String) throws -> (alg: String?, kid: String?) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = base64URLDecoded(parts[0]),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw Refusal.malformed }
        return (object["alg"] as? String, object["kid"] as? String)
    }

    private static func base64URLDecoded(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// A key collection that holds `kid` (or, for a token without one, a set of exactly one key).
    private func keys(for kid: String?) async throws -> JWTKeyCollection {
        if let fetching { await fetching.value }
        if let keys, known(kid) { return keys }
        let due = lastFetch.map { now().timeIntervalSince($0) >= configuration.minimumRefetchInterval } ?? true
        guard due else { throw Refusal.unknownKey }
        lastFetch = now()
        // A failed fetch keeps the keys there were; the token then fails as signed by an unknown key.
        let fetch = Task { _ = try? await self.refetch() }
        fetching = fetch
        await fetch.value
        fetching = nil
        guard let keys, known(kid) else { throw Refusal.unknownKey }
        return keys
    }

    private func known(_ kid: String?) -> Bool {
        if let kid { return keyIDs.contains(kid) }
        return keyIDs.count == 1
    }

    private func refetch() async throws {
        let url = try await jwksURL()
        let data = try await Self.fetch(url)
        let jwks: JWKS
        do {
            jwks = try JSONDecoder().decode(JWKS.self, from: data)
        } catch {
            throw Refusal.unknownKey
        }
        let collection = JWTKeyCollection()
        var ids: Set<String> = []
        for jwk in jwks.keys {
            // A key jwt-kit cannot use (another type, a missing kid) is skipped, not fatal.
            guard let kid = jwk.keyIdentifier, (try? await collection.add(jwk: jwk)) != nil else { continue }
            ids.insert(kid.string)
        }
        keys = collection
        keyIDs = ids
    }

    private func jwksURL() async throws -> URL {
        if let url = configuration.jwksURL { return url }
        let issuer = configuration.issuer.hasSuffix("/") ? String(configuration.issuer.dropLast()) : configuration.issuer
        guard let discovery = URL(string: issuer + "/.well-known/openid-configuration") else { throw Refusal.unknownKey }
        let document = try? JSONSerialization.jsonObject(with: try await Self.fetch(discovery)) as? [String: Any]
        guard let text = document?["jwks_uri"] as? String, let url = URL(string: text) else { throw Refusal.unknownKey }
        return url
    }

    private static func fetch(_ url: URL) async throws -> Data {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw Refusal.unknownKey }
            return data
        } catch {
            throw Refusal.unknownKey
        }
    }

    /// Issuer, audience and times (within the clock skew), then the claims as a user.
    private func check(_ claims: Claims) throws -> Identity {
        guard claims.iss == configuration.issuer else { throw Refusal.issuer }
        guard claims.aud?.values.contains(configuration.audience) == true else { throw Refusal.audience }
        let time = now().timeIntervalSince1970
        let skew = configuration.clockSkew
        guard let exp = claims.exp, time < exp + skew else { throw Refusal.expired }
        if let nbf = claims.nbf, time + skew < nbf { throw Refusal.notYetValid }
        if let iat = claims.iat, time + skew < iat { throw Refusal.notYetValid }
        guard let login = (claims.preferred_username ?? claims.sub).map(Self.login), !login.isEmpty, login.count <= 63 else {
            throw Refusal.noSubject
        }
        let groups = claims.groups ?? []
        let adminGroup = configuration.adminGroup.map(Self.groupName)
        let isAdmin = adminGroup.map { admin in groups.contains { Self.groupName($0) == admin } } ?? false
        let email = claims.email ?? ""
        let user = User(login: login, name: claims.name ?? login, email: email, isAdmin: isAdmin)
        return Identity(user: user, teams: Self.teams(from: groups))
    }

    /// The group's name without the leading slash Keycloak puts on full paths.
    private static func groupName(_ group: String) -> String {
        group.hasPrefix("/") ? String(group.dropFirst()) : group
    }

    private static func login(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).filter { !$0.isWhitespace && !$0.unicodeScalars.contains { $0.properties.generalCategory == .control } }
    }

    /// `teams/<team>/<role>` gives that role; a bare `<team>` gives developer; the highest wins.
    package static func teams(from groups: [String]) -> [String: Role] {
        var teams: [String: Role] = [:]
        for group in groups {
            let parts = groupName(group).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            var found: (team: String, role: Role)?
            if parts.count == 3, parts[0] == "teams", !parts[1].isEmpty, let role = Role(rawValue: parts[2]) {
                found = (parts[1], role)
            } else if parts.count == 1, !parts[0].isEmpty {
                found = (parts[0], .developer)
            }
            guard let found else { continue }
            if teams[found.team].map({ found.role.rank > $0.rank }) ?? true { teams[found.team] = found.role }
        }
        return teams
    }

    /// The claims read from a token; checked by `check`, with the configured clock skew, rather
    /// than by jwt-kit's own claim types.
    struct Claims: JWTPayload {
        var iss: String?
        var aud: Audience?
        var exp: Double?
        var nbf: Double?
        var iat: Double?
        var sub: String?
        var preferred_username: String?
        var name: String?
        var email: String?
        var groups: [String]?

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// `aud` is a string or an array of strings.
    struct Audience: Codable, Sendable {
        var values: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                values = [one]
            } else {
                values = try container.decode([String].self)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(values)
        }
    }
}
