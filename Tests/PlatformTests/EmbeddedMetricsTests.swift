import Client
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Platform
import Testing

/// The embedded VictoriaMetrics (Debian's) scraping a real platform.
@Suite("Embedded VictoriaMetrics")
struct EmbeddedMetricsTests {
    private func query(_ metrics: EmbeddedMetrics, _ promql: String) async throws -> [[String: Any]] {
        let encoded = promql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? promql
        let request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/api/v1/query?query=\(encoded)")
        let (_, body) = try await CurlTransport().send(request, body: nil, baseURL: metrics.url, operationID: "query")
        let bytes = if let body { try await [UInt8](collecting: body, upTo: 1 << 20) } else { [UInt8]() }
        let json = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        return ((json?["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
    }

    @Test("it starts on loopback, scrapes the platform's /metrics, and stops with the cabinet")
    func scrapesThePlatform() async throws {
        try #require(EmbeddedMetrics.executable() != nil, "victoria-metrics is installed by scripts/dev")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-vm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform { platform in
            _ = try await get(platform, "/v1/applications", token: platform.token)
            let metrics = try await EmbeddedMetrics.start(dataDirectory: directory.appendingPathComponent("metrics"),
                                                          scrape: platform.url, token: platform.token, interval: .seconds(1))
            #expect(metrics.url.host == "127.0.0.1")
            let deadline = Date().addingTimeInterval(30)
            var found: [[String: Any]] = []
            while Date() < deadline, found.isEmpty {
                found = try await query(metrics, #"smartmlops_http_requests_total{route="/v1/applications",status="200"}"#)
                if found.isEmpty { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(!found.isEmpty, "the platform's own series arrive by scraping")
            let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("metrics/scrape-token").path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "the scrape's token is readable by its owner only")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("metrics/victoria-metrics.pid").path))
            await metrics.stop()
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("metrics/victoria-metrics.pid").path))
            await #expect(throws: (any Error).self) { _ = try await query(metrics, "up") }
        }
    }
}
