import Client
import Foundation
import Model
import Platform
import Testing
import TestSupport

private func withPlatform<T>(_ body: (RunningPlatform) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-client-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let platform = try await PlatformServer.start(PlatformConfiguration(
        dataDirectory: dir, demo: true, localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)))
    defer { Task { await platform.stop() } }
    return try await body(platform)
}

@Suite("PlatformClient over libcurl against the real platform")
struct PlatformClientTests {
    @Test("lists every application of the demo platform as domain values, across pages")
    func listsApplications() async throws {
        try await withPlatform { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token))
            let all = try await client.listApplications()
            let paged = try await client.listApplications(pageSize: 2)
            #expect(paged.map(\.slug) == all.map(\.slug))
            let tesseract = try #require(all.first { $0.slug == "tesseract-ocr" })
            #expect(tesseract.name == "Tesseract OCR")
            #expect(tesseract.team == "cii")
            #expect(tesseract.status.phase == .deployed)
            #expect(tesseract.components == ComponentCounts(mlComponents: 1, dataBoxes: 1, apiComponents: 1))
        }
    }

    @Test("a refused token is reported as unauthorised")
    func wrongToken() async throws {
        try await withPlatform { platform in
            let client = PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: "not-the-token"))
            await #expect(throws: PlatformClientError.unauthorized("The bearer token is unknown, revoked or expired.")) {
                _ = try await client.listApplications()
            }
        }
    }

    @Test("a closed port is 'unreachable' at once, not after the timeout")
    func refused() async throws {
        // Port 1 (tcpmux) has no listener here; a port freed by a test could be taken by another.
        let client = PlatformClient(endpoint: PlatformEndpoint(url: URL(string: "http://127.0.0.1:1")!, token: "t"),
                                    transport: CurlTransport(connectTimeout: .seconds(60), totalTimeout: .seconds(60)))
        let started = ContinuousClock.now
        do {
            _ = try await client.listApplications()
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        }
        #expect(ContinuousClock.now - started < .seconds(30), "a refused connection must not wait for the 60 s timeout")
    }

    @Test("a platform that accepts but never answers times out as 'unreachable'")
    func stalled() async throws {
        let listener = try LoopbackListener(.silent)
        defer { listener.close() }
        let client = PlatformClient(endpoint: PlatformEndpoint(url: listener.url, token: "t"),
                                    transport: CurlTransport(connectTimeout: .seconds(1), totalTimeout: .milliseconds(400)))
        do {
            _ = try await client.listApplications()
            Issue.record("a silent peer answered")
        } catch {
            guard case .unreachable(let why) = error else { Issue.record("expected unreachable, got \(error)"); return }
            #expect(why.lowercased().contains("timeout") || why.lowercased().contains("timed out"))
        }
        #expect(listener.requests.count == 1)
    }

    @Test("cancelling the task aborts a request that hangs")
    func cancellation() async throws {
        let listener = try LoopbackListener(.silent)
        defer { listener.close() }
        let client = PlatformClient(endpoint: PlatformEndpoint(url: listener.url, token: "t"),
                                    transport: CurlTransport(connectTimeout: .seconds(30), totalTimeout: .seconds(30)))
        let task = Task { try await client.listApplications() }
        while listener.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        let started = ContinuousClock.now
        task.cancel()
        _ = await task.result
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("requests go through http_proxy, with the bearer token, unless no_proxy names the host")
    func proxy() async throws {
        let proxy = try LoopbackListener(.respond("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"items\":[]}"))
        defer { proxy.close() }
        let endpoint = PlatformEndpoint(url: URL(string: "http://platform.example.invalid:8080")!, token: "secret-token")
        let viaProxy = PlatformClient(endpoint: endpoint, transport: CurlTransport(environment: ["HTTP_PROXY": proxy.url.absoluteString]))
        #expect(try await viaProxy.listApplications().isEmpty)
        let head = try #require(proxy.requests.first)
        #expect(head.hasPrefix("GET http://platform.example.invalid:8080/v1/applications?limit=200 HTTP/1.1"))
        #expect(head.lowercased().contains("authorization: bearer secret-token"))

        let bypass = PlatformClient(endpoint: endpoint, transport: CurlTransport(
            environment: ["http_proxy": proxy.url.absoluteString, "no_proxy": ".example.invalid"]))
        await #expect(throws: PlatformClientError.self) { _ = try await bypass.listApplications() }
        #expect(proxy.requests.count == 1)
    }
}

@Suite("Proxy variables")
struct ProxySettingsTests {
    @Test("the scheme picks the variable, lower case wins, all_proxy is the fallback")
    func selection() {
        let settings = ProxySettings(environment: [
            "http_proxy": "http://lower:1", "HTTP_PROXY": "http://upper:1", "HTTPS_PROXY": "http://secure:1",
            "ALL_PROXY": "socks5://all:1",
        ])
        #expect(settings.proxy(for: "http://a.hse.ru/v1") == "http://lower:1")
        #expect(settings.proxy(for: "https://a.hse.ru/v1") == "http://secure:1")
        #expect(ProxySettings(environment: ["all_proxy": "socks5://all:1"]).proxy(for: "https://x/") == "socks5://all:1")
        #expect(ProxySettings(environment: [:]).proxy(for: "https://x/") == nil)
    }

    @Test("no_proxy matches hosts and their subdomains, ignores ports and user info, and * bypasses all")
    func bypass() {
        let settings = ProxySettings(environment: ["https_proxy": "http://p:3128", "NO_PROXY": "localhost, .hse.ru,10.0.0.1"])
        #expect(settings.proxy(for: "https://platform.stratpro.hse.ru/x") == nil)
        #expect(settings.proxy(for: "https://hse.ru/x") == nil)
        #expect(settings.proxy(for: "https://user@localhost:8443/x") == nil)
        #expect(settings.proxy(for: "https://10.0.0.1:443") == nil)
        #expect(settings.proxy(for: "https://nothse.ru/x") == "http://p:3128")
        #expect(ProxySettings(environment: ["https_proxy": "http://p", "no_proxy": "*"]).proxy(for: "https://a/") == nil)
        #expect(ProxySettings(environment: ["http_proxy": "http://p", "no_proxy": "::1"]).proxy(for: "http://[::1]:80/") == nil)
    }
}
