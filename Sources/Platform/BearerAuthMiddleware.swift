import Hummingbird
import Foundation
import Model

/// Every `/v1` call (and every call under an application's namespace) needs `Authorization: Bearer <token>`; the caller it identifies is put in
/// `Caller.current`. Paths outside `/v1` (health, readiness) and `/v1/auth/config` (how to get a
/// token) stay open.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: TokenAuthority

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // /metrics is open, but an administrator's token adds the per-application series, whose
        // labels name every application (see PlatformAPI.getMetrics).
        if request.uri.path == "/metrics" {
            guard let token = Self.bearerToken(request), let user = try await tokens.user(for: token) else {
                return try await next(request, context)
            }
            return try await Caller.$current.withValue(user) { try await next(request, context) }
        }
        // /v1 is the API; /pu-… are the applications' namespaces (API routes, data-box files).
        guard request.uri.path == "/v1" || request.uri.path.hasPrefix("/v1/") || request.uri.path.hasPrefix("/pu-"),
              request.uri.path != "/v1/auth/config" else {
            return try await next(request, context)
        }
        guard let token = Self.bearerToken(request) else {
            throw APIProblem(status: .unauthorized, title: "Authentication required",
                             detail: "Send a bearer token in the Authorization header.")
        }
        guard let user = try await tokens.user(for: token) else {
            throw APIProblem(status: .unauthorized, title: "Invalid token",
                             detail: "The bearer token is unknown, revoked or expired.")
        }
        return try await Caller.$current.withValue(user) {
            try await Caller.$token.withValue(token) { try await next(request, context) }
        }
    }

    /// The token of `Authorization: Bearer <token>`, if the request has one. The scheme is
    /// case-insensitive and may be followed by more than one space (RFC 9110 §11.1, §11.4).
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let scheme = header.prefix { $0 != " " }
        guard scheme.lowercased() == "bearer" else { return nil }
        let token = header.dropFirst(scheme.count).drop { $0 == " " }
        return token.isEmpty || token.contains(" ") ? nil : String(token)
    }
}

/// Knows which bearer tokens are valid and whose they are: the platform's local token, the
/// personal access tokens users made (looked up by their SHA-256), and OIDC access tokens when an
/// issuer is configured.
package struct TokenAuthority: Sendable {
    private let localToken: [UInt8]
    private let localUser: User
    private let store: PlatformStore
    private let oidc: OIDCSessions?

    package init(localToken: String, localUser: User, store: PlatformStore, oidc: OIDCConfiguration? = nil) {
        self.oidc = oidc.map { OIDCSessions(verifier: OIDCVerifier($0), store: store) }
        self.localToken = Array(localToken.utf8)
        // The local token is the machine's own administrator, whatever the user record says.
        var admin = localUser
        admin.isAdmin = true
        self.localUser = admin
        self.store = store
    }

    package func user(for token: String) async throws -> User? {
        if constantTimeEquals(Array(token.utf8), localToken) { return localUser }
        if token.hasPrefix(PlatformStore.tokenPrefix) { return try await store.user(forAccessToken: token, at: Date()) }
        return await oidc?.user(for: token)
    }

    /// Compares without an early exit so response time says nothing about how much of a guess matched.
    private func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

/// OIDC tokens to users: verifies each token and brings the user's record up to date, writing only
/// when what the token says about them changed since their last request.
actor OIDCSessions {
    private let verifier: OIDCVerifier
    private let store: PlatformStore
    private var synced: [String: (identity: OIDCVerifier.Identity, user: User)] = [:]

    init(verifier: OIDCVerifier, store: PlatformStore) {
        self.verifier = verifier
        self.store = store
    }

    /// nil for any token that does not verify, whatever the reason.
    func user(for token: String) async -> User? {
        guard let identity = try? await verifier.identity(of: token) else { return nil }
        if let known = synced[identity.user.login], known.identity == identity { return known.user }
        guard let user = try? await store.syncOIDCUser(identity) else { return nil }
        if synced.count > 10_000 { synced.removeAll() }
        synced[identity.user.login] = (identity, user)
        return user
    }
}
