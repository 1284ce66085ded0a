import Foundation
import Glibc
import Model
import Synchronization

/// Data boxes on local disk, in the HSE platform's layout
/// `DATA/boxes/<app>/<box>/users/<user>/file_groups/<group>/<file>`, behind the files API
/// `/<namespace>/files/<box>/<path>`. A path of one segment, or one ending in `/`, is a file group;
/// two or more segments not ending in `/` name a file (the last segment) in the group before it —
/// whatever the extension (`example.png` alone is a group), as the platform's API module says.
///
/// Files stream to and from disk in constant memory. Every path is walked step by step without
/// following links (`Beneath`), so a link a component made in its box never leads out of it. A
/// box's capacity and its number of entries (files and groups: no inode exhaustion by deep
/// nesting) are checked before an upload starts and while it streams, against what is stored plus
/// what other uploads in flight have reserved, so concurrent uploads cannot overfill it.
struct DataBoxFiles: Sendable {
    let directory: URL
    let reservations: BoxReservations

    init(directory: URL, reservations: BoxReservations = BoxReservations()) {
        self.directory = directory
        self.reservations = reservations
    }

    enum Target: Equatable {
        case group([String])
        case file(group: [String], name: String)

        var components: [String] {
            switch self {
            case .group(let group): group
            case .file(let group, let name): group + [name]
            }
        }
    }

    enum Failure: Error, Equatable {
        case badPath(String)
        case notFound
        case capacityExceeded(capacity: Capacity, used: Int64, adding: Int64)
        case tooManyEntries(limit: Int)
        /// The disk failed us (full, say); what exactly is the server's log's business.
        case storage
    }

    /// Groups nested deeper than this are refused.
    static let maxDepth = 16

    /// How many files and groups a box may hold: one per 64 KiB of capacity, at least 1,000.
    static func maxEntries(_ capacity: Capacity) -> Int { max(1_000, Int(min(capacity.bytes / 65_536, Int64(Int32.max)))) }

    func boxURL(application: String, box: String) -> URL {
        directory.appendingPathComponent("boxes").appendingPathComponent(application).appendingPathComponent(box)
    }

    private var uploadsURL: URL { directory.appendingPathComponent("uploads") }

    func removeApplication(_ application: String) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("boxes").appendingPathComponent(application))
    }

    func removeBox(application: String, box: String) {
        try? FileManager.default.removeItem(at: boxURL(application: application, box: box))
    }

    /// The API path's segments (percent-decoded, NFC-normalised, so that two names that look
    /// alike are one name) as a group or a file; `..`, empty segments and control characters are
    /// refused.
    static func target(segments raw: [Substring], trailingSlash: Bool) throws(Failure) -> Target {
        var segments: [String] = []
        for segment in raw where !segment.isEmpty {
            guard let decoded = String(segment).removingPercentEncoding?.precomposedStringWithCanonicalMapping,
                  !decoded.isEmpty, decoded != ".", decoded != "..", !decoded.contains("/"),
                  !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
                  decoded.utf8.count <= 255 else {
                throw .badPath("\"\(segment)\" is not a file or group name")
            }
            segments.append(decoded)
        }
        guard !segments.isEmpty else { throw .badPath("a file group is needed: /files/<box>/<group>/<file>") }
        let target: Target = segments.count == 1 || trailingSlash ? .group(segments) : .file(group: Array(segments.dropLast()), name: segments[segments.count - 1])
        if case .group(let group) = target, group.count > maxDepth { throw .badPath("groups nest at most \(maxDepth) deep") }
        if case .file(let group, _) = target, group.count > maxDepth { throw .badPath("groups nest at most \(maxDepth) deep") }
        return target
    }

    /// The user's folder of groups inside the box, and the steps from it to `target`.
    private func root(application: String, box: String, user: String) -> String {
        boxURL(application: application, box: box).path
    }

    private func steps(user: String, _ target: Target) -> [String] {
        ["users", user, "file_groups"] + target.components
    }

    /// Bytes stored in the box (every user's regular files) and its entries (files and folders);
    /// links and other things are neither counted nor followed.
    func usage(application: String, box: String) -> (bytes: Int64, entries: Int) {
        var bytes: Int64 = 0
        var entries = 0
        var pending = [boxURL(application: application, box: box).path]
        while let folder = pending.popLast() {
            guard let handle = opendir(folder) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                guard name != ".", name != ".." else { continue }
                let path = folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG:
                    bytes += Int64(info.st_size)
                    entries += 1
                case S_IFDIR:
                    entries += 1
                    pending.append(path)
                default:
                    continue
                }
            }
        }
        return (bytes, entries)
    }

    func used(application: String, box: String) -> Int64 { usage(application: application, box: box).bytes }

    // MARK: - Groups

    /// Creates a group (and the groups above it); true when it did not exist.
    func makeGroup(application: String, box: String, capacity: Capacity, user: String, _ target: Target) throws(Failure) -> Bool {
        guard case .group = target else { throw .badPath("not a group") }
        let root = root(application: application, box: box, user: user)
        let path = steps(user: user, target)
        if case .success(let existing) = Beneath.open(root: root, path, directory: true) {
            close(existing)
            return false
        }
        try reservations.withBox(root) { reserved throws(Failure) in
            let usage = usage(application: application, box: box)
            let limit = Self.maxEntries(capacity)
            guard usage.entries + reserved.entries + target.components.count <= limit else { throw .tooManyEntries(limit: limit) }
            switch Beneath.open(root: root, path, directory: true, create: true) {
            case .success(let descriptor): close(descriptor)
            case .failure(.unsafe): throw .badPath("a file of that name is in the way")
            case .failure: throw .storage
            }
        }
        return true
    }

    // MARK: - Uploads

    /// A file being received: bytes go to a temporary file outside the box, which takes the
    /// target's place only once it is complete.
    final class Upload: @unchecked Sendable {
        let target: Target
        let application: String
        let box: String
        let user: String
        let capacity: Capacity
        let descriptor: Int32
        let temporary: String
        var written: Int64 = 0
        var reserved: Int64
        let replacing: Int64?
        fileprivate var finished = false
        fileprivate var closed = false

        fileprivate init(target: Target, application: String, box: String, user: String, capacity: Capacity,
                         descriptor: Int32, temporary: String, reserved: Int64, replacing: Int64?) {
            self.target = target
            self.application = application
            self.box = box
            self.user = user
            self.capacity = capacity
            self.descriptor = descriptor
            self.temporary = temporary
            self.reserved = reserved
            self.replacing = replacing
        }
    }

    /// Checks the box can take `length` bytes (when the client said how many) and reserves them.
    func beginUpload(application: String, box: String, capacity: Capacity, user: String, _ target: Target,
                     length: Int64?) throws(Failure) -> Upload {
        guard case .file = target else { throw .badPath("not a file") }
        let root = root(application: application, box: box, user: user)
        let path = steps(user: user, target)
        var replacing: Int64?
        switch Beneath.open(root: root, path, directory: false) {
        case .success(let descriptor):
            var info = stat()
            if fstat(descriptor, &info) == 0 { replacing = Int64(info.st_size) }
            close(descriptor)
        case .failure(.missing): break
        case .failure(.unsafe): throw .badPath("a group of that name, or something not a file, is in the way")
        case .failure: throw .storage
        }
        let want = length ?? 0
        try reserve(root: root, application: application, box: box, capacity: capacity, adding: want,
                    replacing: replacing ?? 0, newEntries: replacing == nil ? target.components.count : 0)
        try? FileManager.default.createDirectory(at: uploadsURL, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = uploadsURL.appendingPathComponent(UUID().uuidString).path
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            reservations.release(root, bytes: want, entries: replacing == nil ? target.components.count : 0)
            throw .storage
        }
        return Upload(target: target, application: application, box: box, user: user, capacity: capacity,
                      descriptor: descriptor, temporary: temporary, reserved: want, replacing: replacing)
    }

    private func reserve(root: String, application: String, box: String, capacity: Capacity, adding: Int64,
                         replacing: Int64, newEntries: Int) throws(Failure) {
        try reservations.withBox(root) { reserved throws(Failure) in
            let usage = usage(application: application, box: box)
            let limit = Self.maxEntries(capacity)
            guard usage.entries + reserved.entries + newEntries <= limit else { throw .tooManyEntries(limit: limit) }
            let used = usage.bytes + reserved.bytes
            guard used - replacing + adding <= capacity.bytes else {
                throw .capacityExceeded(capacity: capacity, used: used, adding: adding)
            }
            reserved.bytes += adding
            reserved.entries += newEntries
        }
    }

    /// Appends received bytes, growing the reservation first when the client sends more than it
    /// announced (or announced nothing): the box is never filled past its capacity.
    func write(_ upload: Upload, _ bytes: UnsafeRawBufferPointer) throws(Failure) {
        let count = Int64(bytes.count)
        if upload.written + count > upload.reserved {
            // In steps, so a long upload of unknown length checks the box now and then, not per chunk.
            let step = max(upload.written + count - upload.reserved, min(64 << 20, max(upload.capacity.bytes / 16, 1 << 20)))
            let grow = min(step, max(upload.capacity.bytes - upload.reserved, upload.written + count - upload.reserved))
            try reserve(root: root(application: upload.application, box: upload.box, user: upload.user), application: upload.application,
                        box: upload.box, capacity: upload.capacity, adding: grow, replacing: upload.replacing ?? 0, newEntries: 0)
            upload.reserved += grow
        }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(upload.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .storage }
            offset += n
        }
        upload.written += count
    }

    /// Puts the complete file in its place; true when it is new.
    func finish(_ upload: Upload) throws(Failure) -> Bool {
        defer { abort(upload) }
        guard fsync(upload.descriptor) == 0 else { throw .storage }
        let root = root(application: upload.application, box: upload.box, user: upload.user)
        guard case .file(let group, let name) = upload.target else { throw .badPath("not a file") }
        try reservations.withBox(root) { _ throws(Failure) in
            let folder: Int32
            switch Beneath.open(root: root, steps(user: upload.user, .group(group)), directory: true, create: true) {
            case .success(let descriptor): folder = descriptor
            case .failure(.unsafe): throw .badPath("a file of that name is in the way")
            case .failure: throw .storage
            }
            defer { close(folder) }
            // A real directory to rename into (an O_PATH descriptor serves as renameat's anchor).
            guard renameat(AT_FDCWD, upload.temporary, folder, name) == 0 else {
                throw errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST ? .badPath("a group of that name is in the way") : .storage
            }
            upload.finished = true
        }
        return upload.replacing == nil
    }

    /// Forgets an upload: its temporary file and its reservation go.
    func abort(_ upload: Upload) {
        guard !upload.closed else { return }
        upload.closed = true
        close(upload.descriptor)
        if !upload.finished { unlink(upload.temporary) }
        reservations.release(root(application: upload.application, box: upload.box, user: upload.user),
                             bytes: upload.reserved, entries: upload.replacing == nil ? upload.target.components.count : 0)
    }

    // MARK: - Reading and deleting

    enum Content {
        /// An open file to stream (the reader closes it) and its size.
        case file(descriptor: Int32, size: Int64)
        case listing(groups: [String], files: [(name: String, size: Int64)])
    }

    func get(application: String, box: String, user: String, _ target: Target) throws(Failure) -> Content {
        let root = root(application: application, box: box, user: user)
        let path = steps(user: user, target)
        switch target {
        case .file:
            switch Beneath.openForReading(root: root, path) {
            case .success(let file): return .file(descriptor: file.descriptor, size: file.size)
            case .failure: throw .notFound
            }
        case .group:
            guard case .success(let descriptor) = Beneath.open(root: root, path, directory: true) else { throw .notFound }
            defer { close(descriptor) }
            guard let folder = Beneath.path(of: descriptor), let handle = opendir(folder) else { throw .notFound }
            defer { closedir(handle) }
            var groups: [String] = []
            var files: [(String, Int64)] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                guard name != ".", name != ".." else { continue }
                var info = stat()
                guard fstatat(dirfd(handle), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: groups.append(name)
                case S_IFREG: files.append((name, Int64(info.st_size)))
                default: continue
                }
            }
            return .listing(groups: groups.sorted(), files: files.sorted { $0.0 < $1.0 })
        }
    }

    func delete(application: String, box: String, user: String, _ target: Target) throws(Failure) {
        let root = root(application: application, box: box, user: user)
        let path = steps(user: user, target)
        guard case .success(let descriptor) = Beneath.open(root: root, path, directory: nil) else { throw .notFound }
        defer { close(descriptor) }
        guard let real = Beneath.path(of: descriptor) else { throw .notFound }
        do { try FileManager.default.removeItem(atPath: real) } catch { throw .storage }
    }

    /// An `O_PATH` descriptor of an existing file or group of the user's (links refused) for
    /// mounting, or nil; the caller closes it.
    func openExisting(application: String, box: String, user: String, _ target: Target) -> (descriptor: Int32, isDirectory: Bool)? {
        let isGroup = if case .group = target { true } else { false }
        guard case .success(let descriptor) = Beneath.open(root: root(application: application, box: box, user: user), steps(user: user, target),
                                                          directory: isGroup ? true : nil) else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { close(descriptor); return nil }
        return (descriptor, (info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// Where an existing file or group of the user's is (links refused), or nil.
    func existing(application: String, box: String, user: String, _ target: Target) -> URL? {
        let root = root(application: application, box: box, user: user)
        let isGroup = if case .group = target { true } else { false }
        guard case .success(let descriptor) = Beneath.open(root: root, steps(user: user, target), directory: isGroup ? true : nil) else {
            return nil
        }
        defer { close(descriptor) }
        return Beneath.path(of: descriptor).map { URL(fileURLWithPath: $0) }
    }
}

/// What uploads in flight have reserved, per box, under one lock that also covers the checks and
/// the moment a finished upload lands (so a scan never misses bytes that are neither reserved
/// nor yet on disk).
final class BoxReservations: Sendable {
    struct Reserved {
        var bytes: Int64 = 0
        var entries = 0
    }

    private let state = Mutex<[String: Reserved]>([:])

    func withBox<T>(_ box: String, _ body: (inout Reserved) throws(DataBoxFiles.Failure) -> T) throws(DataBoxFiles.Failure) -> T {
        try state.withLock { (all: inout [String: Reserved]) throws(DataBoxFiles.Failure) -> T in
            var reserved = all[box] ?? Reserved()
            defer { all[box] = reserved.bytes == 0 && reserved.entries == 0 ? nil : reserved }
            return try body(&reserved)
        }
    }

    func release(_ box: String, bytes: Int64, entries: Int) {
        state.withLock { all in
            var reserved = all[box] ?? Reserved()
            reserved.bytes = max(0, reserved.bytes - bytes)
            reserved.entries = max(0, reserved.entries - entries)
            all[box] = reserved.bytes == 0 && reserved.entries == 0 ? nil : reserved
        }
    }
}
