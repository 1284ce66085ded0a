import Foundation

/// A long list as JSON lines: the first line is the envelope with a header in place of the value,
/// then one line per item. Written and read one item at a time, so memory holds one item's JSON at
/// once instead of a whole document and its parse (10,000 applications are 3.5 MB of JSON, and
/// decoding them as one document briefly took about 10 MB more). The header counts the items, so
/// a truncated file is noticed even when it ends at a line break.
extension JSONCache {
    public struct ListHeader<Header: Codable & Sendable>: Codable, Sendable {
        public var header: Header
        public var count: Int
    }

    private struct Envelope<Value: Codable>: Codable {
        var schemaVersion: Int
        var savedAt: Date
        var value: Value
    }

    private struct Version: Decodable {
        var schemaVersion: Int
    }

    public func linesURL(for key: String) -> URL {
        directory.appendingPathComponent("\(key).jsonl")
    }

    public func saveList<Header: Codable & Sendable, Item: Codable & Sendable>(
        _ items: [Item], header: Header, key: String, savedAt: Date = Date()
    ) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        try AtomicFile.write(to: linesURL(for: key)) { append in
            var chunk = try encoder.encode(Envelope(schemaVersion: Self.schemaVersion, savedAt: savedAt,
                                                    value: ListHeader(header: header, count: items.count)))
            chunk.append(0x0A)
            for item in items {
                chunk.append(try encoder.encode(item))
                chunk.append(0x0A)
                if chunk.count >= 64 << 10 {
                    try append(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            try append(chunk)
        }
    }

    public func loadList<Header: Codable & Sendable, Item: Codable & Sendable>(
        _ header: Header.Type, of item: Item.Type, key: String
    ) -> CacheLoad<(header: Header, items: [Item])> {
        let file = linesURL(for: key)
        let name = file.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return .miss
        } catch {
            return .unusable(reason: "\(name): cannot be read (\(error.localizedDescription))")
        }
        guard !data.isEmpty else { return .unusable(reason: "\(name): empty file") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.popFirst(), let version = try? decoder.decode(Version.self, from: first) else {
            return .unusable(reason: "\(name): not a cache file of ours (corrupt or truncated)")
        }
        guard version.schemaVersion == Self.schemaVersion else {
            return .unusable(reason: "\(name): written by cache version \(version.schemaVersion), this version reads \(Self.schemaVersion)")
        }
        guard let envelope = try? decoder.decode(Envelope<ListHeader<Header>>.self, from: first) else {
            return .unusable(reason: "\(name): corrupt contents")
        }
        guard lines.count == envelope.value.count else {
            return .unusable(reason: "\(name): \(lines.count) of \(envelope.value.count) entries (truncated)")
        }
        var items: [Item] = []
        items.reserveCapacity(lines.count)
        for (number, line) in lines.enumerated() {
            guard let decoded = try? decoder.decode(Item.self, from: line) else {
                return .unusable(reason: "\(name): entry \(number + 1) is corrupt")
            }
            items.append(decoded)
        }
        return .hit((envelope.value.header, items), savedAt: envelope.savedAt)
    }
}
