import Foundation

/// What loading one cache entry found.
public enum CacheLoad<Value: Sendable>: Sendable {
    case hit(Value, savedAt: Date)
    case miss
    /// The file exists but cannot be used; `reason` is for the user. The entry is ignored and
    /// will be rewritten by the next successful refresh.
    case unusable(reason: String)
}

/// The cabinet's local cache: one JSON file per entry under `$XDG_CACHE_HOME/smartmlops/<profile>/`.
///
/// Homes on the cluster are on NFS, so there is no SQLite and no `flock`: a write goes to a temp
/// file of its own (unique per process and write), is fsynced, and is renamed over the entry, which
/// is atomic on NFS too. Two cabinets writing at once each leave a whole file; the last one wins.
public struct JSONCache: Sendable {
    /// Bumped whenever the shape of cached values changes; older files are then ignored.
    public static let schemaVersion = 2

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    struct Envelope<Value: Codable>: Codable {
        var schemaVersion: Int
        var savedAt: Date
        var value: Value
    }

    private struct Header: Decodable {
        var schemaVersion: Int
    }

    /// Why an entry cannot be used, as the user is told it.
    struct Unusable: Error {
        let reason: String
    }

    public func url(for key: String) -> URL {
        directory.appendingPathComponent("\(key).json")
    }

    public func load<Value: Codable & Sendable>(_ type: Value.Type, key: String) -> CacheLoad<Value> {
        let file = url(for: key)
        do throws(Unusable) {
            guard let data = try Self.contents(of: file) else { return .miss }
            let envelope = try Self.envelope(Value.self, from: data, name: file.lastPathComponent)
            return .hit(envelope.value, savedAt: envelope.savedAt)
        } catch {
            return .unusable(reason: error.reason)
        }
    }

    /// The bytes of an entry's file; nil when there is none.
    static func contents(of file: URL) throws(Unusable) -> Data? {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            // Foundation names only ENOENT as missing; a cache path under a file (ENOTDIR) has no
            // entry either. Anything else is said in the system's words, not Foundation's.
            let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
            let code = descriptor < 0 ? errno : 0
            if descriptor >= 0 { close(descriptor) }
            if code == ENOENT || code == ENOTDIR { return nil }
            let why = code != 0 ? String(cString: strerror(code)) : error.localizedDescription
            throw Unusable(reason: "\(file.lastPathComponent): cannot be read (\(why))")
        }
        guard !data.isEmpty else { throw Unusable(reason: "\(file.lastPathComponent): empty file") }
        return data
    }

    /// The envelope in `data`, once it is known to be ours and of this cache version.
    static func envelope<Value: Codable>(_ type: Value.Type, from data: Data, name: String) throws(Unusable) -> Envelope<Value> {
        let decoder = Self.decoder
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw Unusable(reason: "\(name): not a cache file of ours (corrupt or truncated)")
        }
        guard header.schemaVersion == Self.schemaVersion else {
            throw Unusable(reason: "\(name): written by cache version \(header.schemaVersion), this version reads \(Self.schemaVersion)")
        }
        guard let envelope = try? decoder.decode(Envelope<Value>.self, from: data) else {
            throw Unusable(reason: "\(name): corrupt contents")
        }
        return envelope
    }

    /// Why nothing could be written here (the directory cannot be made, or a file in it), or nil:
    /// a read-only or full home, a cache path under a file.
    public func writeProblem() -> String? {
        if let problem = makeDirectory() { return problem }
        let probe = directory.appendingPathComponent(".probe-\(getpid())").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return "cannot write in \(directory.path): \(String(cString: strerror(errno)))" }
        close(descriptor)
        unlink(probe)
        return nil
    }

    /// `mkdir -p` of the directory (new ones 0700), or why it cannot be: the system's words for
    /// the first step that failed ("cannot make /dev/null/cache: Not a directory"), not Foundation's.
    func makeDirectory() -> String? {
        var path = ""
        for component in directory.standardizedFileURL.path.split(separator: "/") {
            path += "/\(component)"
            if mkdir(path, 0o700) != 0, errno != EEXIST {
                return "cannot make \(path): \(String(cString: strerror(errno)))"
            }
        }
        return nil
    }

    public func save<Value: Codable & Sendable>(_ value: Value, key: String, savedAt: Date = Date()) throws {
        if let problem = makeDirectory() { throw AtomicFile.WriteError(description: problem) }
        let data = try Self.encoder.encode(Envelope(schemaVersion: Self.schemaVersion, savedAt: savedAt, value: value))
        try AtomicFile.write(data, to: url(for: key))
    }

    /// Removes the entry; a missing one is already removed.
    public func remove(key: String) throws {
        do {
            try FileManager.default.removeItem(at: url(for: key))
        } catch let error as CocoaError where error.code == .fileNoSuchFile {
            return
        }
    }

    /// Removes every entry whose key `matches`; returns the keys removed. Entries another cabinet
    /// writes meanwhile are its own (a rename either lands before the listing or after it).
    @discardableResult
    public func removeAll(where matches: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var removed: [String] = []
        for name in names where name.hasSuffix(".json") {
            let key = String(name.dropLast(".json".count))
            guard matches(key), (try? remove(key: key)) != nil else { continue }
            removed.append(key)
        }
        return removed.sorted()
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
