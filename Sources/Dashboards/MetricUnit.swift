import Foundation

/// What a panel's numbers measure, so that they can be printed short and readable:
/// `1.5 GiB`, `230 ms`, `0.25 vCPU`, `12 /s`.
public enum MetricUnit: String, CaseIterable, Equatable, Sendable {
    case none
    /// 0…100.
    case percent
    /// 0…1, printed as a percentage.
    case ratio
    case bytes
    case bytesPerSecond = "bytes/s"
    case seconds
    case milliseconds = "ms"
    case perSecond = "/s"
    /// CPU cores, as the HSE platform's quotas count them.
    case cores

    /// Formats a value in at most about eight characters. NaN and the infinities are spelt out.
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        switch self {
        case .none: return Self.short(value)
        case .percent: return Self.number(value) + "%"
        case .ratio: return Self.number(value * 100) + "%"
        case .bytes: return Self.binary(value, suffix: "")
        case .bytesPerSecond: return Self.binary(value, suffix: "/s")
        case .seconds: return Self.duration(value)
        case .milliseconds: return Self.duration(value / 1000)
        case .perSecond: return Self.short(value) + "/s"
        case .cores: return Self.number(value) + " vCPU"
        }
    }

    /// Three significant digits at most, trailing zeros dropped: 0.25, 3.14, 42, 1234.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 || magnitude == 0 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// 1.2k, 3.4M, 5G for large counts.
    static func short(_ value: Double) -> String {
        let prefixes = ["", "k", "M", "G", "T", "P"]
        var scaled = value
        var index = 0
        while abs(scaled) >= 1000 && index < prefixes.count - 1 {
            scaled /= 1000
            index += 1
        }
        return number(scaled) + prefixes[index]
    }

    static func binary(_ value: Double, suffix: String) -> String {
        let prefixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var scaled = value
        var index = 0
        while abs(scaled) >= 1024 && index < prefixes.count - 1 {
            scaled /= 1024
            index += 1
        }
        return number(scaled) + " " + prefixes[index] + suffix
    }

    static func duration(_ seconds: Double) -> String {
        let magnitude = abs(seconds)
        if magnitude == 0 { return "0 s" }
        if magnitude < 0.001 { return number(seconds * 1_000_000) + " µs" }
        if magnitude < 1 { return number(seconds * 1000) + " ms" }
        if magnitude < 120 { return number(seconds) + " s" }
        if magnitude < 7200 { return number(seconds / 60) + " min" }
        if magnitude < 172_800 { return number(seconds / 3600) + " h" }
        return number(seconds / 86400) + " d"
    }
}
