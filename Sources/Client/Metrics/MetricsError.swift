/// Why a metrics query brought no data. Every case is an answer the dashboard shows on the panel
/// concerned; none of them stops the program.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No HTTP answer: connection refused, name not resolved, TLS failure.
    case unreachable(String)
    /// The backend accepted the connection but did not answer in time.
    case timedOut(String)
    /// The query was cancelled (the panel was closed or refreshed).
    case cancelled
    /// The backend refused or failed the query (`"status": "error"`): bad PromQL, a query too heavy.
    /// `type` is the backend's `errorType` (`bad_data`, `execution`, `timeout`, or VictoriaMetrics'
    /// HTTP code as text).
    case query(type: String, message: String)
    /// An answer that is not the Prometheus HTTP API: HTML from a proxy, a wrong URL, cut-off JSON.
    case unexpectedResponse(status: Int, detail: String)

    public var description: String {
        switch self {
        case .unreachable(let why): "metrics backend unreachable: \(why)"
        case .timedOut(let why): "metrics backend timed out: \(why)"
        case .cancelled: "cancelled"
        case .query(let type, let message): "query failed (\(type)): \(message)"
        case .unexpectedResponse(let status, let detail): "unexpected answer (HTTP \(status)): \(detail)"
        }
    }
}
