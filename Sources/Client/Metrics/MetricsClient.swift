import Foundation
import HTTPTypes
import OpenAPIRuntime

/// The Prometheus HTTP API (`/api/v1/query`, `query_range`, `series`, `label/<name>/values`) over
/// libcurl, as served by Prometheus and by VictoriaMetrics. Every failure is a `MetricsError`; the
/// backend's `warnings` and partial answers reach the caller with the data.
public struct MetricsClient: Sendable {
    /// Where the API lives, without `/api/v1`: `http://127.0.0.1:8428`, or a prefix such as
    /// `https://vm.example/select/0/prometheus`.
    public let baseURL: URL
    private let bearerToken: String?
    private let transport: CurlTransport

    public init(baseURL: URL, bearerToken: String? = nil,
                transport: CurlTransport = CurlTransport(connectTimeout: .seconds(3), totalTimeout: .seconds(15))) {
        self.baseURL = baseURL
        self.bearerToken = bearerToken
        self.transport = transport
    }

    /// An instant query, at `time` or the backend's now.
    public func query(_ promql: String, at time: Date? = nil) async throws(MetricsError) -> MetricsResult {
        var parameters = [("query", promql)]
        if let time { parameters.append(("time", Self.seconds(time))) }
        return try await result(of: get("/api/v1/query", parameters))
    }

    /// A range query over `window` (see `QueryWindow` for choosing one that fits a panel).
    public func queryRange(_ promql: String, window: QueryWindow) async throws(MetricsError) -> MetricsResult {
        try await result(of: get("/api/v1/query_range", [
            ("query", promql), ("start", Self.seconds(window.start)), ("end", Self.seconds(window.end)),
            ("step", String(window.step)),
        ]))
    }

    /// The label sets of the series that match any of `selectors` in the time range.
    public func series(matching selectors: [String], start: Date? = nil, end: Date? = nil) async throws(MetricsError) -> [[String: String]] {
        var parameters = selectors.map { ("match[]", $0) }
        if let start { parameters.append(("start", Self.seconds(start))) }
        if let end { parameters.append(("end", Self.seconds(end))) }
        let envelope: PrometheusEnvelope<[[String: String]]> = try decode(await get("/api/v1/series", parameters))
        return envelope.data ?? []
    }

    /// The values label `name` takes, optionally only on series matching `selectors`. Without a time
    /// range VictoriaMetrics looks at the current day only.
    public func labelValues(_ name: String, matching selectors: [String] = [], start: Date? = nil, end: Date? = nil) async throws(MetricsError) -> [String] {
        let path = "/api/v1/label/\(Self.encode(name))/values"
        var parameters = selectors.map { ("match[]", $0) }
        if let start { parameters.append(("start", Self.seconds(start))) }
        if let end { parameters.append(("end", Self.seconds(end))) }
        let envelope: PrometheusEnvelope<[String]> = try decode(await get(path, parameters))
        return envelope.data ?? []
    }

    // MARK: Exchange

    private struct Answer {
        let status: Int
        let body: [UInt8]
    }

    private func get(_ path: String, _ parameters: [(String, String)]) async throws(MetricsError) -> Answer {
        let query = parameters.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: query.isEmpty ? path : path + "?" + query)
        request.headerFields[.accept] = "application/json"
        if let bearerToken { request.headerFields[.authorization] = "Bearer \(bearerToken)" }
        do {
            let (response, body) = try await transport.send(request, body: nil, baseURL: baseURL, operationID: path)
            let bytes: [UInt8] = if let body { try await [UInt8](collecting: body, upTo: 64 * 1024 * 1024) } else { [] }
            return Answer(status: response.status.code, body: bytes)
        } catch let error as TransportError {
            switch error.kind {
            case .timedOut: throw .timedOut(error.message)
            case .cancelled: throw .cancelled
            case .unreachable, .tls, .other: throw .unreachable(error.message)
            }
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .unexpectedResponse(status: 0, detail: "\(error)")
        }
    }

    private func result(of answer: Answer) throws(MetricsError) -> MetricsResult {
        let envelope: PrometheusEnvelope<PrometheusQueryData> = try decode(answer)
        guard let data = envelope.data else {
            throw .unexpectedResponse(status: answer.status, detail: "no data in a successful answer")
        }
        return MetricsResult(kind: data.kind, series: data.series, warnings: envelope.warnings ?? [],
                             isPartial: envelope.isPartial ?? false)
    }

    /// The envelope of a successful answer; a refusal or anything else becomes the matching error.
    private func decode<Payload: Decodable>(_ answer: Answer) throws(MetricsError) -> PrometheusEnvelope<Payload> {
        let decoder = JSONDecoder()
        if let envelope = try? decoder.decode(PrometheusEnvelope<Payload>.self, from: Data(answer.body)), envelope.status == "success",
           (200..<300).contains(answer.status) {
            return envelope
        }
        if let failure = try? decoder.decode(PrometheusEnvelope<Ignored>.self, from: Data(answer.body)), failure.status == "error" {
            throw .query(type: failure.errorType ?? String(answer.status), message: failure.error ?? "")
        }
        throw .unexpectedResponse(status: answer.status, detail: Self.excerpt(answer.body))
    }

    /// Whatever `data` an error answer carries.
    private struct Ignored: Decodable {
        init(from decoder: any Decoder) {}
    }

    // MARK: Encoding

    /// Unix seconds with milliseconds, as both backends accept.
    static func seconds(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (whole, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        return fraction == 0 ? String(whole) : String(format: "%lld.%03lld", whole, abs(fraction))
    }

    /// Percent-encodes everything but unreserved characters: PromQL is full of `{}"=~+[]`, and a
    /// literal `+` would read as a space.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The start of a body that is not the API's, on one line, for the error message.
    private static func excerpt(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "empty body" }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return body.count > 200 ? line + "…" : line
    }
}
