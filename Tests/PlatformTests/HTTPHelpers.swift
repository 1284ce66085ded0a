import Client
import Foundation
import HTTPTypes
import Model
import OpenAPIRuntime
import Platform

/// A platform in a fresh temporary data directory, stopped and removed after `body`.
func withPlatform<T>(demo: Bool = true, directory: URL? = nil, _ body: (RunningPlatform) async throws -> T) async throws -> T {
    let dir = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-test-\(UUID().uuidString)")
    let platform = try await PlatformServer.start(PlatformConfiguration(
        dataDirectory: dir, demo: demo, localUser: User(login: "tester", name: "Tester", email: "tester@localhost", isAdmin: true)))
    do {
        let result = try await body(platform)
        await platform.stop()
        if directory == nil { try? FileManager.default.removeItem(at: dir) }
        return result
    } catch {
        await platform.stop()
        throw error
    }
}

struct RawResponse {
    var status: Int
    var contentType: String?
    var body: Data

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A plain HTTP GET over the real loopback socket, with or without a bearer token.
func get(_ platform: RunningPlatform, _ pathAndQuery: String, token: String? = nil) async throws -> RawResponse {
    var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: pathAndQuery)
    if let token { request.headerFields[.authorization] = "Bearer \(token)" }
    let (response, body) = try await CurlTransport().send(request, body: nil, baseURL: platform.url, operationID: "raw")
    let bytes = if let body { try await [UInt8](collecting: body, upTo: 10 << 20) } else { [UInt8]() }
    return RawResponse(status: response.status.code, contentType: response.headerFields[.contentType], body: Data(bytes))
}
