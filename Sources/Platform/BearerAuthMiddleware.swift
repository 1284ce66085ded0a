import Hummingbird
import Foundation
import Model

/// Every `/v1` call needs `Authorization: Bearer <token>`; the caller it identifies is put in
/// `Caller.current`. Paths outside `/v1` (health, readiness) and `/v1/auth/config` (how to get a
/// token) stay open.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: TokenAuthority

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/v1" || request.uri.path.hasPrefix("/v1/"), request.uri.path != "/v1/auth/config" else {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIProblem(status: .unauthorized, title: "Authentication required",
                             detail: "Send a bearer token in the Authorization header.")
        }
        guard let user = try await tokens.user(for: String(header.dropFirst("Bearer ".count))) else {
            throw APIProblem(status: .unauthorized, title: "Invalid token",
                             detail: "The bearer token is unknown, revoked or expired.")
        }
        return try await Caller.$current.withValue(user) {
            try await next(request, context)
        }
    }
}

/// Knows which bearer tokens are valid and whose they are: the platform's local token, and the
/// personal access tokens users made (looked up by their SHA-256).
package struct TokenAuthority: Sendable {
    private let localToken: [UInt8]
    private let localUser: User
    private let store: PlatformStore

    package init(localToken: String, localUser: User, store: PlatformStore) {
        self.localToken = Array(localToken.utf8)
        // The local token is the machine's own administrator, whatever the user record says.
        var admin = localUser
        admin.isAdmin = true
        self.localUser = admin
        self.store = store
    }

    package func user(for token: String) async throws -> User? {
        if constantTimeEquals(Array(token.utf8), localToken) { return localUser }
        return try await store.user(forAccessToken: token, at: Date())
    }

    /// Compares without an early exit so response time says nothing about how much of a guess matched.
    private func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

