import Client
import Foundation
import HTTPTypes
import Testing
import TestSupport

/// `smartmlops serve`'s OIDC flags, through the real binary.
@Suite("serve with OIDC flags")
struct ServeOIDCTests {
    @Test("the OIDC flags reach /v1/auth/config, which answers without a token")
    func authConfig() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try ChildProcess([
            try Binary.path, "serve", "--listen", "127.0.0.1:0", "--data", sandbox.root.appendingPathComponent("server").path,
            "--oidc-issuer", "https://sso.hse.example/realms/ml", "--oidc-audience", "smartmlops", "--oidc-client-id", "smartmlops-cli",
            "--oidc-jwks-url", "http://127.0.0.1:9/jwks", "--oidc-clock-skew", "30", "--admin-group", "platform-admins",
        ], environment: sandbox.environment)
        var url: URL?
        while url == nil, let line = await server.nextLine() {
            if let range = line.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) { url = URL(string: String(line[range])) }
        }
        let base = try #require(url, "serve did not say where it listens")
        let request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/auth/config")
        let (response, body) = try await CurlTransport().send(request, body: nil, baseURL: base, operationID: "authConfig")
        let bytes = if let body { try await [UInt8](collecting: body, upTo: 1 << 16) } else { [UInt8]() }
        server.signal(SIGTERM)
        _ = await server.output()
        server.wait()
        #expect(response.status.code == 200)
        let config = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(config["oidc"] as? Bool == true)
        #expect(config["issuer"] as? String == "https://sso.hse.example/realms/ml")
        #expect(config["clientId"] as? String == "smartmlops-cli")
        #expect(config["audience"] as? String == "smartmlops")
    }

    @Test("an issuer without an audience, or OIDC options without an issuer, stop serve with a message", arguments: [
        (["--oidc-issuer", "https://sso.hse.example"], "--oidc-issuer needs --oidc-audience"),
        (["--admin-group", "admins"], "need --oidc-issuer"),
        (["--oidc-issuer", "https://sso.hse.example", "--oidc-audience", "a", "--oidc-jwks-url", "ftp://x"], "--oidc-jwks-url must be an http(s) URL"),
    ])
    func refused(arguments: [String], message: String) async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try ChildProcess([try Binary.path, "serve", "--listen", "127.0.0.1:0", "--data", sandbox.root.path] + arguments,
                                      environment: sandbox.environment)
        let output = await server.output()
        #expect(server.wait() != 0)
        #expect(output.contains(message), "\(output)")
    }
}
