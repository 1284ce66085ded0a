import CCurl

/// What every libcurl transfer of the client does alike: the request and the stream reader.
enum Curl {
    /// curl_global_init, once per process, before the first handle.
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// A new easy handle; nil when libcurl cannot start.
    static func easyHandle() -> UnsafeMutableRawPointer? {
        initialized ? curl_easy_init() : nil
    }

    /// The options both set the same way: the URL and headers, the connect timeout, no signals,
    /// TLS peers and host names verified, redirects not followed, libcurl's error text into
    /// `errors`, and the proxy for the URL ("" turns off libcurl's own reading of the environment).
    static func setCommonOptions(_ handle: UnsafeMutableRawPointer, url: String, headers: UnsafeMutablePointer<curl_slist>?,
                                 connectTimeout: Duration, proxy: String?, errors: UnsafeMutablePointer<CChar>?) {
        _ = ccurl_setopt_str(handle, CURLOPT_URL, url)
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout.milliseconds))
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, errors)
        _ = ccurl_setopt_str(handle, CURLOPT_PROXY, proxy ?? "")
    }

    /// The text libcurl left in an error buffer.
    static func errorText(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
