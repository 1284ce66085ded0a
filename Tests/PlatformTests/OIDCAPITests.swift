import Foundation
import Hummingbird
import JWTKit
import Logging
import Model
import NIOCore
import Synchronization
import Testing
@testable import Platform

/// A test identity provider on loopback: an openid-configuration, a key set that can be rotated,
/// a count of key-set fetches, and the keys to sign tokens with.
final class TestIdentityProvider: Sendable {
    let url: URL
    let signingKeys = JWTKeyCollection()
    private let published: Mutex<[String: ES256PrivateKey]>
    private let fetches = Mutex(0)
    private let task: Task<Void, any Error>

    var issuer: String { url.absoluteString }
    var jwksURL: URL { url.appendingPathComponent("jwks") }
    var fetchCount: Int { fetches.withLock { $0 } }

    private init(url: URL, task: Task<Void, any Error>) {
        self.url = url
        self.published = Mutex([:])
        self.task = task
    }

    static func start() async throws -> TestIdentityProvider {
        let port = AsyncStream<Int>.makeStream()
        let box = ProviderBox()
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ -> Response in
            let base = box.provider?.issuer ?? ""
            return Self.json(["issuer": base, "jwks_uri": base + "/jwks"])
        }
        router.get("/jwks") { _, _ -> Response in
            guard let provider = box.provider else { return Response(status: .serviceUnavailable) }
            provider.fetches.withLock { $0 += 1 }
            let keys = provider.published.withLock { $0 }.sorted { $0.key < $1.key }.map { kid, key -> [String: String] in
                let parameters = key.publicKey.parameters!
                return ["kty": "EC", "crv": "P-256", "kid": kid, "alg": "ES256", "use": "sig", "x": parameters.x, "y": parameters.y]
            }
            return Self.json(["keys": keys])
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.continuation.yield(channel.localAddress?.port ?? 0) },
                              logger: Logger(label: "test-identity-provider", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task { try await app.run() }
        var iterator = port.stream.makeAsyncIterator()
        let bound = await iterator.next() ?? 0
        let provider = TestIdentityProvider(url: URL(string: "http://127.0.0.1:\(bound)")!, task: task)
        box.provider = provider
        return provider
    }

    /// Makes a key; `publish` puts it in the served key set, so tokens it signs verify.
    func addKey(_ kid: String, publish: Bool = true) async -> ES256PrivateKey {
        let key = ES256PrivateKey()
        await signingKeys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        if publish { published.withLock { $0[kid] = key } }
        return key
    }

    func publish(_ kid: String, _ key: ES256PrivateKey) {
        published.withLock { $0[kid] = key }
    }

    func sign(_ claims: TestClaims, kid: String) async throws -> String {
        try await signingKeys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    private static func json(_ object: Any) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Lets the routes reach the provider made after them.
private final class ProviderBox: Sendable {
    private let lock = Mutex<TestIdentityProvider?>(nil)
    var provider: TestIdentityProvider? {
        get { lock.withLock { $0 } }
        set { lock.withLock { $0 = newValue } }
    }
}

struct TestClaims: JWTPayload {
    var iss: String
    var aud: String
    var exp: Double
    var nbf: Double?
    var iat: Double?
    var sub: String = "f1c2"
    var preferred_username: String? = "kate"
    var email: String? = "kate@hse.ru"
    var name: String? = "Екатерина"
    var groups: [String]? = ["/teams/alpha/maintainer", "beta", "/unrelated"]

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Every message logged, to show that no token reaches a log.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    static let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Self.lines.withLock { $0.append("\(event.message) \(event.metadata ?? [:]) \(self.metadata)") }
    }
}

@Suite("OIDC access tokens over HTTP", .serialized)
struct OIDCAPITests {
    private func withOIDC(discovery: Bool = false, adminGroup: String? = nil, refetchInterval: TimeInterval = 30,
                          _ body: (RunningPlatform, TestIdentityProvider) async throws -> Void) async throws {
        let provider = try await TestIdentityProvider.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-oidc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try PlatformStore(directory: directory)
        // An admin record under the login the tokens will name: the token, not the record, decides.
        try await store.ensureUser(User(login: "kate", name: "Kate", email: "kate@localhost", isAdmin: true))
        try await store.insert(team: Team(slug: "alpha", name: "Alpha"), quota: [:])
        try await store.insert(team: Team(slug: "beta", name: "Beta"), quota: [:])
        let oidc = OIDCConfiguration(issuer: provider.issuer, audience: "smartmlops", clientID: "smartmlops-cli",
                                     jwksURL: discovery ? nil : provider.jwksURL, clockSkew: 60, adminGroup: adminGroup,
                                     minimumRefetchInterval: refetchInterval)
        let platform = try await PlatformServer.start(
            PlatformConfiguration(dataDirectory: directory, localUser: User(login: "local", name: "Local", email: "local@localhost", isAdmin: true),
                                  oidc: oidc),
            logger: Logger(label: "oidc-test", factory: { _ in RecordingLogHandler() }))
        do {
            try await body(platform, provider)
        } catch {
            await platform.stop()
            await provider.stop()
            throw error
        }
        await platform.stop()
        await provider.stop()
    }

    private func claims(_ provider: TestIdentityProvider, exp: TimeInterval = 300, nbf: TimeInterval? = nil) -> TestClaims {
        let now = Date().timeIntervalSince1970
        return TestClaims(iss: provider.issuer, aud: "smartmlops", exp: now + exp, nbf: nbf.map { now + $0 }, iat: now)
    }

    @Test("a valid token is its user, created on first sight, with teams from its groups; nothing logs the token")
    func valid() async throws {
        try await withOIDC { platform, provider in
            _ = await provider.addKey("k1")
            let token = try await provider.sign(claims(provider), kid: "k1")
            let me = try await get(platform, "/v1/me", token: token)
            #expect(me.status == 200)
            #expect(me.json["login"] as? String == "kate")
            #expect(me.json["email"] as? String == "kate@hse.ru")
            #expect(me.json["isAdmin"] as? Bool == false)
            let teams = me.json["teams"] as? [[String: String]]
            #expect(teams == [["team": "alpha", "role": "maintainer"], ["team": "beta", "role": "developer"]])
            #expect(try await get(platform, "/v1/teams/alpha/quota", token: token).status == 200)
            #expect(RecordingLogHandler.lines.withLock { $0 }.allSatisfy { !$0.contains(token) })
        }
    }

    @Test("the key set is found through the issuer's openid-configuration; /v1/auth/config tells clients the issuer")
    func discovery() async throws {
        try await withOIDC(discovery: true) { platform, provider in
            _ = await provider.addKey("k1")
            let token = try await provider.sign(claims(provider), kid: "k1")
            #expect(try await get(platform, "/v1/me", token: token).status == 200)
            let config = try await get(platform, "/v1/auth/config")
            #expect(config.status == 200)
            #expect(config.json["oidc"] as? Bool == true)
            #expect(config.json["issuer"] as? String == provider.issuer)
            #expect(config.json["clientId"] as? String == "smartmlops-cli")
        }
    }

    @Test("without OIDC /v1/auth/config says so, and a JWT is just an unknown token")
    func notConfigured() async throws {
        let provider = try await TestIdentityProvider.start()
        _ = await provider.addKey("k1")
        let token = try await provider.sign(claims(provider), kid: "k1")
        try await withPlatform(demo: false) { platform in
            let config = try await get(platform, "/v1/auth/config")
            #expect(config.status == 200 && config.json["oidc"] as? Bool == false && config.json["issuer"] == nil)
            #expect(try await get(platform, "/v1/me", token: token).status == 401)
        }
        #expect(provider.fetchCount == 0)
        await provider.stop()
    }

    enum Forgery: String, CaseIterable, Sendable {
        case expired, notYetValid, wrongIssuer, wrongAudience, badSignature, unknownKey, algNone, garbage
    }

    @Test("refused with 401 problem+json", arguments: Forgery.allCases)
    func refused(_ forgery: Forgery) async throws {
        try await withOIDC { platform, provider in
            _ = await provider.addKey("k1")
            var claims = claims(provider)
            var kid = "k1"
            var token: String?
            switch forgery {
            case .expired: claims = self.claims(provider, exp: -61 - 5)
            case .notYetValid: claims = self.claims(provider, nbf: 61 + 5)
            case .wrongIssuer: claims.iss = provider.issuer + "/other"
            case .wrongAudience: claims.aud = "someone-else"
            case .badSignature:
                // Signed by a key that claims the published key's id.
                let impostor = JWTKeyCollection()
                await impostor.add(ecdsa: ES256PrivateKey(), kid: "k1")
                token = try await impostor.sign(claims, kid: "k1")
            case .unknownKey:
                _ = await provider.addKey("k2", publish: false)
                kid = "k2"
            case .algNone:
                let header = Data(#"{"alg":"none","kid":"k1","typ":"JWT"}"#.utf8).base64URL
                let payload = try JSONEncoder().encode(claims).base64URL
                token = "\(header).\(payload)."
            case .garbage: token = "a.b.c"
            }
            let presented: String
            if let token { presented = token } else { presented = try await provider.sign(claims, kid: kid) }
            let response = try await get(platform, "/v1/me", token: presented)
            #expect(response.status == 401)
            #expect(response.contentType == "application/problem+json")
            #expect(!response.text.contains(presented))
            #expect(RecordingLogHandler.lines.withLock { $0 }.allSatisfy { !$0.contains(presented) })
        }
    }

    @Test("requests that arrive while the first key set is being fetched wait for it; one fetch serves them all")
    func concurrentFirstRequests() async throws {
        try await withOIDC { platform, provider in
            _ = await provider.addKey("k1")
            let token = try await provider.sign(claims(provider), kid: "k1")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 { group.addTask { try await get(platform, "/v1/me", token: token).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 16))
            #expect(provider.fetchCount == 1)
        }
    }

    @Test("within the clock skew a just-expired token still works")
    func skew() async throws {
        try await withOIDC { platform, provider in
            _ = await provider.addKey("k1")
            let token = try await provider.sign(claims(provider, exp: -30, nbf: 30), kid: "k1")
            #expect(try await get(platform, "/v1/me", token: token).status == 200)
        }
    }

    @Test("a new key is fetched when a token names it, but unknown key ids refetch at most once per interval")
    func rotation() async throws {
        try await withOIDC(refetchInterval: 3600) { platform, provider in
            _ = await provider.addKey("k1")
            let first = try await provider.sign(claims(provider), kid: "k1")
            #expect(try await get(platform, "/v1/me", token: first).status == 200)
            #expect(provider.fetchCount == 1)
            for kid in ["x1", "x2", "x3"] {
                _ = await provider.addKey(kid, publish: false)
                let unknown = try await provider.sign(claims(provider), kid: kid)
                #expect(try await get(platform, "/v1/me", token: unknown).status == 401)
            }
            #expect(provider.fetchCount == 1, "a refetch so soon after the last one is refused")
        }
        try await withOIDC(refetchInterval: 0) { platform, provider in
            _ = await provider.addKey("k1")
            let first = try await provider.sign(claims(provider), kid: "k1")
            #expect(try await get(platform, "/v1/me", token: first).status == 200)
            let rotated = await provider.addKey("k2", publish: false)
            provider.publish("k2", rotated)
            let second = try await provider.sign(claims(provider), kid: "k2")
            #expect(try await get(platform, "/v1/me", token: second).status == 200)
            #expect(provider.fetchCount == 2)
        }
    }

    @Test("groups decide admin and memberships from groups follow them; API-made memberships stay")
    func groupsFollow() async throws {
        try await withOIDC(adminGroup: "platform-admins") { platform, provider in
            _ = await provider.addKey("k1")
            var first = claims(provider)
            first.groups = ["/platform-admins", "/teams/alpha/owner"]
            let firstToken = try await provider.sign(first, kid: "k1")
            let me = try await get(platform, "/v1/me", token: firstToken)
            #expect(me.json["isAdmin"] as? Bool == true)
            #expect(me.json["teams"] as? [[String: String]] == [["team": "alpha", "role": "owner"]])
            // An API-made membership in beta, by the local admin.
            let added = try await send(platform, .post, "/v1/teams/beta/members", json: ["user": "kate", "role": "viewer"], token: platform.token)
            #expect(added.status == 201)

            var later = claims(provider)
            later.groups = []
            let laterToken = try await provider.sign(later, kid: "k1")
            let after = try await get(platform, "/v1/me", token: laterToken)
            #expect(after.json["isAdmin"] as? Bool == false)
            #expect(after.json["teams"] as? [[String: String]] == [["team": "beta", "role": "viewer"]])
        }
    }
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

@Suite("OIDC groups as team memberships")
struct OIDCGroupMappingTests {
    @Test("teams/<team>/<role> gives the role, a bare team name gives developer, the highest wins, the rest is ignored")
    func mapping() {
        #expect(OIDCVerifier.teams(from: ["/teams/cii/owner", "teams/sp4/viewer", "sp4", "/ml"]) == ["cii": .owner, "sp4": .developer, "ml": .developer])
        #expect(OIDCVerifier.teams(from: ["/teams/cii/boss", "/teams//owner", "/a/b", "", "/"]) == [:])
        #expect(OIDCVerifier.teams(from: ["/teams/cii/viewer", "/teams/cii/maintainer", "/teams/cii/developer"]) == ["cii": .maintainer])
    }
}
