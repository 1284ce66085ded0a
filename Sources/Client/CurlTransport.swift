import CCurl
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// The HTTP transport of the cabinet: libcurl, because it starts fast, fails fast on a refused
/// connection (ENGINEERING-NOTES: 8 ms, where AsyncHTTPClient waits 5 s) and honours proxies the
/// way users of login nodes expect. Each request runs on its own thread, never on Swift's
/// cooperative pool, and is aborted when its task is cancelled.
public struct CurlTransport: ClientTransport {
    public var connectTimeout: Duration
    public var totalTimeout: Duration
    /// The process environment by default; tests give their own to check proxy handling.
    public var environment: [String: String]

    public init(connectTimeout: Duration = .seconds(3), totalTimeout: Duration = .seconds(20),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.environment = environment
    }

    public func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        let requestBody: [UInt8]? = if let body { try await [UInt8](collecting: body, upTo: 16 * 1024 * 1024) } else { nil }
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let url = base + (request.path ?? "/")
        let exchange = CurlExchange(
            url: url, method: request.method.rawValue,
            headers: request.headerFields.map { "\($0.name.canonicalName): \($0.value)" },
            body: requestBody, proxy: ProxySettings(environment: environment),
            connectTimeout: connectTimeout, totalTimeout: totalTimeout)
        let result = try await exchange.perform()
        var response = HTTPResponse(status: .init(code: result.status))
        for (name, value) in result.headers {
            if let field = HTTPField.Name(name) { response.headerFields.append(HTTPField(name: field, value: value)) }
        }
        return (response, HTTPBody(result.body))
    }
}

/// Why a request got no HTTP answer at all.
public struct TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case unreachable, timedOut, tls, cancelled, other }
    public let kind: Kind
    public let message: String

    public var description: String { message }

    init(code: CURLcode, detail: String) {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_GOT_NOTHING,
             CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            kind = .unreachable
        case CURLE_OPERATION_TIMEDOUT: kind = .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        case CURLE_ABORTED_BY_CALLBACK: kind = .cancelled
        default: kind = .other
        }
        let summary = String(cString: curl_easy_strerror(code))
        message = detail.isEmpty ? summary : "\(summary): \(detail)"
    }
}

/// One request/response on a libcurl easy handle.
private final class CurlExchange: @unchecked Sendable {
    // Mutated only by the transfer thread while curl_easy_perform runs; read after it returns.
    private var received: [UInt8] = []
    private var headerLines: [String] = []
    private let cancelled = Atomic<Bool>(false)

    let url: String
    let method: String
    let headers: [String]
    let body: [UInt8]?
    let proxy: ProxySettings
    let connectTimeout: Duration
    let totalTimeout: Duration

    init(url: String, method: String, headers: [String], body: [UInt8]?, proxy: ProxySettings,
         connectTimeout: Duration, totalTimeout: Duration) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    struct Result: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
    }

    func perform() async throws -> Result {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                let thread = Thread { continuation.resume(with: Swift.Result { try self.performBlocking() }) }
                thread.name = "smartmlops.curl"
                thread.start()
            }
        } onCancel: {
            cancelled.store(true, ordering: .relaxed)
        }
    }

    private func performBlocking() throws -> Result {
        guard let handle = Curl.easyHandle() else {
            throw TransportError(code: CURLE_FAILED_INIT, detail: "")
        }
        defer { curl_easy_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in headers + ["Expect:"] { headerList = curl_slist_append(headerList, header) }
        defer { curl_slist_free_all(headerList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))

        let context = Unmanaged.passUnretained(self).toOpaque()
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            Curl.setCommonOptions(handle, url: url, headers: headerList, connectTimeout: connectTimeout,
                                  proxy: proxy.proxy(for: url), errors: errors.baseAddress)
            _ = ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method)
            _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(totalTimeout.milliseconds))
            _ = ccurl_setopt_str(handle, CURLOPT_ACCEPT_ENCODING, "")
            _ = ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, context)
            _ = ccurl_setopt_cb(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                let exchange = Unmanaged<CurlExchange>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                if let data { exchange.received.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
                return length
            }
            _ = ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, context)
            _ = ccurl_setopt_cb(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                let exchange = Unmanaged<CurlExchange>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                if let data {
                    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                    exchange.headerLines.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                return length
            }
            _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = ccurl_setopt_ptr(handle, CURLOPT_XFERINFODATA, context)
            _ = ccurl_setopt_xferinfo(handle) { context, _, _, _, _ in
                Unmanaged<CurlExchange>.fromOpaque(context!).takeUnretainedValue().cancelled.load(ordering: .relaxed) ? 1 : 0
            }
            if let body {
                _ = ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                return body.withUnsafeBufferPointer { bytes in
                    _ = ccurl_setopt_ptr(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                    return curl_easy_perform(handle)
                }
            }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            throw TransportError(code: code, detail: Curl.errorText(errorBuffer))
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Result(status: status, headers: finalHeaders(), body: received)
    }

    /// Header lines of the last response only (a proxy's `200 Connection established` comes first).
    private func finalHeaders() -> [(String, String)] {
        var fields: [(String, String)] = []
        for line in headerLines {
            if line.hasPrefix("HTTP/") { fields.removeAll(); continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return fields
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
