import Foundation

/// Where OIDC access tokens come from and what they must say; see docs/permissions.md, "OIDC".
public struct OIDCConfiguration: Sendable {
    /// The `iss` every token must carry exactly.
    public var issuer: String
    /// One of the token's `aud` values must be this.
    public var audience: String
    /// The public client the cabinet uses for the device flow; told to clients by `/v1/auth/config`.
    public var clientID: String?
    /// The issuer's key set; nil reads `jwks_uri` from `<issuer>/.well-known/openid-configuration`.
    public var jwksURL: URL?
    /// How far `exp`, `nbf` and `iat` may be off the server's clock.
    public var clockSkew: TimeInterval
    /// Members of this group are platform admins.
    public var adminGroup: String?
    /// A token signed with a key not in the cached set refetches the set at most this often.
    public var minimumRefetchInterval: TimeInterval

    public init(issuer: String, audience: String, clientID: String? = nil, jwksURL: URL? = nil, clockSkew: TimeInterval = 60,
                adminGroup: String? = nil, minimumRefetchInterval: TimeInterval = 30) {
        self.issuer = issuer
        self.audience = audience
        self.clientID = clientID
        self.jwksURL = jwksURL
        self.clockSkew = clockSkew
        self.adminGroup = adminGroup
        self.minimumRefetchInterval = minimumRefetchInterval
    }
}
