/// A storage size as Kubernetes quantities write it (`1G`, `500M`, `2Gi`), in bytes.
public struct Capacity: Equatable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: Int64
    public let text: String

    /// A DataBox without `s3DefaultStorage.capacity` gets 1 GB (HSE docs, DataBox).
    public static let dataBoxDefault = Capacity("1G")!

    private static let suffixes: [(String, Int64)] = [
        ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40),
        ("K", 1_000), ("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
    ]

    public init?(_ text: String) {
        var digits = Substring(text)
        var multiplier: Int64 = 1
        for (suffix, factor) in Capacity.suffixes where text.hasSuffix(suffix) {
            digits = text.dropLast(suffix.count)
            multiplier = factor
            break
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        self.bytes = product
        self.text = text
    }

    public var description: String { text }

    public static func < (lhs: Capacity, rhs: Capacity) -> Bool { lhs.bytes < rhs.bytes }
}
