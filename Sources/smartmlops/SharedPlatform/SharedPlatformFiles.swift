import ArgumentParser
import Client
import Foundation
import Glibc
import Platform

/// Where one user's cabinets meet their shared embedded platform: three files per data directory
/// in the user's runtime directory (`$XDG_RUNTIME_DIR/smartmlops`, else `/tmp/smartmlops-UID`),
/// which is local to the machine, so `flock` means what it says (an NFS home would not promise it).
///
/// - `….lock`: held exclusively by a cabinet while it finds or starts the platform, so that two
///   cabinets started at once start one platform.
/// - `….lease`: every cabinet holds it shared for as long as it runs. The platform stops once it
///   can take it exclusively (no cabinet left), and holds it so while it stops: a cabinet starting
///   meanwhile waits, then starts a new one.
/// - `….json`: the record (`PlatformRecord`) the platform writes once it answers, and removes as it stops.
struct SharedPlatformFiles: Sendable {
    let lock: URL
    let lease: URL
    let record: URL

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(runtimeDirectory: URL, dataDirectory: URL) {
        // One platform per data directory: named by a hash of its real path.
        let path = dataDirectory.resolvingSymlinksInPath().standardizedFileURL.path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let name = "platform-" + String(hash, radix: 16)
        lock = runtimeDirectory.appendingPathComponent(name + ".lock")
        lease = runtimeDirectory.appendingPathComponent(name + ".lease")
        record = runtimeDirectory.appendingPathComponent(name + ".json")
    }

    /// The files of `dataDirectory`'s platform in this user's runtime directory; a runtime
    /// directory that cannot be used is said as the command's error.
    static func of(dataDirectory: URL, environment: [String: String]) throws(ValidationError) -> SharedPlatformFiles {
        do {
            return SharedPlatformFiles(runtimeDirectory: try runtimeDirectory(environment: environment), dataDirectory: dataDirectory)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// `$XDG_RUNTIME_DIR/smartmlops` when that is an absolute directory of this user's, else
    /// `/tmp/smartmlops-UID`. Either is made 0700; one that another user owns, or that others may
    /// write to, is refused: whoever could write the record could point the cabinet elsewhere.
    static func runtimeDirectory(environment: [String: String]) throws(Failure) -> URL {
        let uid = getuid()
        var base: String?
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            var status = stat()
            if stat(runtime, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == uid { base = runtime }
        }
        let directory = base.map { "\($0)/smartmlops" } ?? "/tmp/smartmlops-\(uid)"
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw Failure(description: "cannot make \(directory): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard lstat(directory, &status) == 0 else { throw Failure(description: "cannot read \(directory): \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT == S_IFDIR, status.st_uid == uid else {
            throw Failure(description: "\(directory) is not a directory of this user's: remove it, or set XDG_RUNTIME_DIR")
        }
        if status.st_mode & 0o077 != 0, chmod(directory, 0o700) != 0 {
            throw Failure(description: "\(directory) is open to other users and cannot be made 0700")
        }
        return URL(fileURLWithPath: directory)
    }

    func readRecord() -> PlatformRecord? {
        guard let data = FileManager.default.contents(atPath: record.path) else { return nil }
        return try? JSONDecoder().decode(PlatformRecord.self, from: data)
    }

    func write(_ value: PlatformRecord) throws {
        try AtomicFile.write(try JSONEncoder().encode(value), to: record, permissions: 0o600)
    }

    /// Removes the record if it is still `pid`'s (a newer platform's stays).
    func removeRecord(of pid: Int32) {
        if readRecord()?.pid == pid { unlink(record.path) }
    }
}

/// What a running shared platform tells the cabinets: where it listens and where its metrics are.
/// The token is not here: it stays in the data directory's `local-token` (0600).
struct PlatformRecord: Codable, Sendable, Equatable {
    var pid: Int32
    var url: String
    var port: Int
    var dataDirectory: String
    var metricsURL: String?
    /// Why it has no VictoriaMetrics, when it tried and failed (shown by each cabinet at start).
    var metricsProblem: String?

    /// Whether `pid` is a live `smartmlops platform` process (not a reused pid, not a zombie).
    var isAlive: Bool {
        guard Spawner.isRunning(pid), let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.count >= 2 && arguments[1] == "platform"
    }
}
