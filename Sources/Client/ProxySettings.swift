/// The proxy environment variables as users of HPC login nodes set them: `https_proxy`,
/// `http_proxy`, `all_proxy` (either case; lower case wins, as in curl and wget) and `no_proxy`.
/// libcurl ignores upper-case `HTTP_PROXY` for CGI safety; a terminal program has no such
/// concern, so we resolve the proxy ourselves and hand libcurl the answer.
public struct ProxySettings: Equatable, Sendable {
    public var http: String?
    public var https: String?
    public var all: String?
    public var noProxy: [String]

    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            for key in [name.lowercased(), name.uppercased()] {
                if let v = environment[key], !v.isEmpty { return v }
            }
            return nil
        }
        http = value("http_proxy")
        https = value("https_proxy")
        all = value("all_proxy")
        noProxy = (value("no_proxy") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// The proxy for `url`, or nil for a direct connection.
    public func proxy(for url: String) -> String? {
        let lower = url.lowercased()
        guard let schemeEnd = lower.range(of: "://") else { return nil }
        let scheme = lower[..<schemeEnd.lowerBound]
        var host = String(lower[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" })
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if host.hasPrefix("[") {
            host = String(host.dropFirst().prefix { $0 != "]" })
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        if bypasses(host) { return nil }
        return (scheme == "https" ? https : http) ?? all
    }

    private func bypasses(_ host: String) -> Bool {
        for entry in noProxy {
            if entry == "*" { return true }
            let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if host == suffix || host.hasSuffix("." + suffix) { return true }
        }
        return false
    }
}
