/// A value from the platform with the `ETag` it came with, so that the next fetch can ask
/// "changed since?" (`If-None-Match`) and, over a slow link, get a 304 of a few bytes instead.
public struct Tagged<Value: Codable & Sendable>: Codable, Sendable {
    public var value: Value
    /// nil when the answer had no tag (or one that cannot vouch for the whole value).
    public var etag: String?

    public init(_ value: Value, etag: String? = nil) {
        self.value = value
        self.etag = etag
    }
}

extension Tagged: Equatable where Value: Equatable {}
