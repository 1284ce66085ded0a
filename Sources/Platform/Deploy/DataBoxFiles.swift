import Foundation
import Model

/// Data boxes on local disk, in the HSE platform's layout
/// `DATA/boxes/<app>/<box>/users/<user>/file_groups/<group>/<file>`, behind the files API
/// `/<namespace>/files/<box>/<path>`. A path of one segment, or one ending in `/`, is a file group;
/// two or more segments not ending in `/` name a file (the last segment) in the group before it —
/// whatever the extension (`example.png` alone is a group), as the platform's API module says.
struct DataBoxFiles: Sendable {
    let directory: URL

    enum Target: Equatable {
        case group([String])
        case file(group: [String], name: String)
    }

    enum Failure: Error, Equatable {
        case badPath(String)
        case notFound
        case capacityExceeded(capacity: Capacity, used: Int64, adding: Int64)
    }

    func boxURL(application: String, box: String) -> URL {
        directory.appendingPathComponent("boxes").appendingPathComponent(application).appendingPathComponent(box)
    }

    func removeApplication(_ application: String) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("boxes").appendingPathComponent(application))
    }

    func removeBox(application: String, box: String) {
        try? FileManager.default.removeItem(at: boxURL(application: application, box: box))
    }

    /// The API path's segments (percent-decoded) as a group or a file; `..`, empty segments and
    /// control characters are refused.
    static func target(segments raw: [Substring], trailingSlash: Bool) throws(Failure) -> Target {
        var segments: [String] = []
        for segment in raw where !segment.isEmpty {
            guard let decoded = String(segment).removingPercentEncoding, !decoded.isEmpty, decoded != ".", decoded != "..",
                  !decoded.contains("/"), !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
                  decoded.utf8.count <= 255 else {
                throw .badPath("\"\(segment)\" is not a file or group name")
            }
            segments.append(decoded)
        }
        guard !segments.isEmpty else { throw .badPath("a file group is needed: /files/<box>/<group>/<file>") }
        if segments.count == 1 || trailingSlash { return .group(segments) }
        return .file(group: Array(segments.dropLast()), name: segments[segments.count - 1])
    }

    private func url(application: String, box: String, user: String, _ target: Target) -> URL {
        var url = boxURL(application: application, box: box).appendingPathComponent("users").appendingPathComponent(user)
            .appendingPathComponent("file_groups")
        switch target {
        case .group(let group):
            for part in group { url.appendPathComponent(part) }
        case .file(let group, let name):
            for part in group { url.appendPathComponent(part) }
            url.appendPathComponent(name)
        }
        return url
    }

    /// Bytes stored in the box, every user's files included.
    func used(application: String, box: String) -> Int64 {
        let root = boxURL(application: application, box: box)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) else { return 0 }
        var total: Int64 = 0
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            if values?.isRegularFile == true { total += Int64(values?.fileSize ?? 0) }
        }
        return total
    }

    /// Creates a group, or writes a file (replacing one of that name) if the box's capacity allows;
    /// true when something new was made.
    func put(application: String, box: String, capacity: Capacity, user: String, _ target: Target, bytes: [UInt8]) throws(Failure) -> Bool {
        let url = url(application: application, box: box, user: user, target)
        switch target {
        case .group:
            let existed = FileManager.default.fileExists(atPath: url.path)
            do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch { throw .badPath("\(error)") }
            return !existed
        case .file:
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let previous: Int64? = attributes.map { ($0[.size] as? NSNumber)?.int64Value ?? 0 }
            let used = used(application: application, box: box)
            guard used - (previous ?? 0) + Int64(bytes.count) <= capacity.bytes else {
                throw .capacityExceeded(capacity: capacity, used: used, adding: Int64(bytes.count))
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw .badPath("\(error)")
            }
            return previous == nil
        }
    }

    enum Content {
        case file([UInt8])
        case listing(groups: [String], files: [(name: String, size: Int64)])
    }

    func get(application: String, box: String, user: String, _ target: Target) throws(Failure) -> Content {
        let url = url(application: application, box: box, user: user, target)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw .notFound }
        switch target {
        case .file:
            guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: url.path) else { throw .notFound }
            return .file(Array(data))
        case .group:
            guard isDirectory.boolValue else { throw .notFound }
            let entries = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isDirectoryKey, .fileSizeKey])) ?? []
            var groups: [String] = []
            var files: [(String, Int64)] = []
            for entry in entries.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
                let values = try? entry.resourceValues(forKeys: [.isDirectoryKey, .fileSizeKey])
                if values?.isDirectory == true { groups.append(entry.lastPathComponent) } else {
                    files.append((entry.lastPathComponent, Int64(values?.fileSize ?? 0)))
                }
            }
            return .listing(groups: groups, files: files)
        }
    }

    func delete(application: String, box: String, user: String, _ target: Target) throws(Failure) {
        let url = url(application: application, box: box, user: user, target)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .notFound }
        do { try FileManager.default.removeItem(at: url) } catch { throw .badPath("\(error)") }
    }
}

extension DataBoxFiles {
    /// Where an existing file or group of the user's is, or nil.
    func existing(application: String, box: String, user: String, _ target: Target) -> URL? {
        var url = boxURL(application: application, box: box).appendingPathComponent("users").appendingPathComponent(user)
            .appendingPathComponent("file_groups")
        switch target {
        case .group(let group):
            for part in group { url.appendPathComponent(part) }
        case .file(let group, let name):
            for part in group { url.appendPathComponent(part) }
            url.appendPathComponent(name)
        }
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
