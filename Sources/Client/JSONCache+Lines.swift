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

    public func linesURL(for key: String) -> URL {
        directory.appendingPathComponent("\(key).jsonl")
    }

    public func saveList<Header: Codable & Sendable, Item: Codable & Sendable>(
        _ items: [Item], header: Header, key: String, savedAt: Date = Date()
    ) throws {
        if let problem = makeDirectory() { throw AtomicFile.WriteError(description: problem) }
        let encoder = Self.encoder
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
        do throws(Unusable) {
            guard let data = try Self.contents(of: file) else { return .miss }
            var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
            if lines.last?.isEmpty == true { lines.removeLast() }
            let envelope = try Self.envelope(ListHeader<Header>.self, from: lines.popFirst() ?? Data(), name: name)
            guard lines.count == envelope.value.count else {
                throw Unusable(reason: "\(name): \(lines.count) of \(envelope.value.count) entries (truncated)")
            }
            let decoder = Self.decoder
            var items: [Item] = []
            items.reserveCapacity(lines.count)
            for (number, line) in lines.enumerated() {
                guard let decoded = try? decoder.decode(Item.self, from: line) else {
                    throw Unusable(reason: "\(name): entry \(number + 1) is corrupt")
                }
                items.append(decoded)
            }
            return .hit((envelope.value.header, items), savedAt: envelope.savedAt)
        } catch {
            return .unusable(reason: error.reason)
        }
    }
}
