import Client
import Foundation
import HTTPTypes
import Model
import OpenAPIRuntime
import Platform

/// A platform in a fresh temporary data directory, stopped and removed after `body`.
func withPlatform<T>(demo: Bool = true, directory: URL? = nil, runsComponents: Bool = false,
                     limits: PlatformLimits = PlatformLimits(),
                     _ body: (RunningPlatform) async throws -> T) async throws -> T {
    let dir = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-test-\(UUID().uuidString)")
    var configuration = PlatformConfiguration(
        dataDirectory: dir, demo: demo, localUser: User(login: "tester", name: "Tester", email: "tester@localhost", isAdmin: true))
    configuration.runsComponents = runsComponents
    configuration.limits = limits
    let platform = try await PlatformServer.start(configuration)
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
    var etag: String?
    var body: Data
    var headers = HTTPFields()

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }

    /// A problem's field errors as the contract states them: every one has a field, a message and,
    /// from this platform, a code (params are strings when present).
    var fieldErrors: [FieldErrorJSON] {
        (json["errors"] as? [[String: Any]] ?? []).map { error in
            FieldErrorJSON(field: error["field"] as? String ?? "", message: error["message"] as? String ?? "",
                           code: error["code"] as? String, params: error["params"] as? [String: String] ?? [:])
        }
    }
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct FieldErrorJSON: CustomStringConvertible {
    var field: String
    var message: String
    var code: String?
    var params: [String: String]

    var description: String { "\(field): \(code ?? "no code") \(params) \(message)" }
}

/// A plain HTTP GET over the real loopback socket, with or without a bearer token.
func get(_ platform: RunningPlatform, _ pathAndQuery: String, token: String? = nil) async throws -> RawResponse {
    try await send(platform, .get, pathAndQuery, token: token)
}

/// Any request over the real loopback socket; `json` is sent as the body with its content type.
func send(_ platform: RunningPlatform, _ method: HTTPRequest.Method, _ pathAndQuery: String, json: [String: Any]? = nil,
          token: String? = nil, ifNoneMatch: String? = nil) async throws -> RawResponse {
    var request = HTTPRequest(method: method, scheme: nil, authority: nil, path: pathAndQuery)
    if let token { request.headerFields[.authorization] = "Bearer \(token)" }
    if let ifNoneMatch { request.headerFields[.ifNoneMatch] = ifNoneMatch }
    var body: HTTPBody?
    if let json {
        request.headerFields[.contentType] = "application/json"
        body = HTTPBody(try JSONSerialization.data(withJSONObject: json))
    }
    let (response, responseBody) = try await CurlTransport().send(request, body: body, baseURL: platform.url, operationID: "raw")
    let bytes = if let body = responseBody { try await [UInt8](collecting: body, upTo: 10 << 20) } else { [UInt8]() }
    return RawResponse(status: response.status.code, contentType: response.headerFields[.contentType],
                       etag: response.headerFields[.eTag], body: Data(bytes), headers: response.headerFields)
}

/// A request with a raw body (files), over the real loopback socket.
func sendBytes(_ platform: RunningPlatform, _ method: HTTPRequest.Method, _ pathAndQuery: String, _ bytes: [UInt8],
               token: String? = nil) async throws -> RawResponse {
    var request = HTTPRequest(method: method, scheme: nil, authority: nil, path: pathAndQuery)
    if let token { request.headerFields[.authorization] = "Bearer \(token)" }
    request.headerFields[.contentType] = "application/octet-stream"
    let (response, responseBody) = try await CurlTransport().send(request, body: HTTPBody(bytes), baseURL: platform.url, operationID: "raw")
    let received = if let body = responseBody { try await [UInt8](collecting: body, upTo: 10 << 20) } else { [UInt8]() }
    return RawResponse(status: response.status.code, contentType: response.headerFields[.contentType],
                       etag: response.headerFields[.eTag], body: Data(received), headers: response.headerFields)
}

/// The platform's count of endless responses (event streams, followed logs) still being written,
/// from its `/metrics`.
func openStreams(_ platform: RunningPlatform) async throws -> Int {
    let exposition = try await get(platform, "/metrics", token: platform.token).text
    return exposition.split(separator: "\n")
        .filter { $0.hasPrefix("smartmlops_http_open_streams{") }
        .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        .reduce(0) { $0 + Int($1) }
}

/// Polls `/metrics` until the count of open streams is `count`; returns how long that took, or
/// nil if it was still otherwise after `timeout`.
func waitForOpenStreams(_ platform: RunningPlatform, _ count: Int, timeout: Duration) async throws -> Duration? {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < timeout {
        if try await openStreams(platform) == count { return ContinuousClock.now - start }
        try await Task.sleep(for: .milliseconds(50))
    }
    return nil
}
