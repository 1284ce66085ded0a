import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file so that readers see either the old or the new contents, never a mix, and a
/// crash leaves at most a stray temp file: write a uniquely named temp file, fsync it, rename it
/// over the target, fsync the directory.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o600) throws {
        try write(to: url, permissions: permissions) { append in try append(data) }
    }

    /// The same, with the contents given piece by piece: `produce` calls `append` as often as it
    /// likes, so a large file never has to be in memory whole.
    public static func write(to url: URL, permissions: mode_t = 0o600, _ produce: (_ append: (Data) throws -> Void) throws -> Void) throws {
        let directory = url.deletingLastPathComponent().path
        let temp = "\(directory)/.\(url.lastPathComponent).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(temp): \(String(cString: strerror(errno)))") }
        var ok = false
        var isOpen = true
        defer {
            if isOpen { close(fd) }
            if !ok { unlink(temp) }
        }
        try produce { data in
            let written = data.withUnsafeBytes { bytes -> Bool in
                var offset = 0
                while offset < bytes.count {
                    let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += n
                }
                return true
            }
            guard written else { throw WriteError(description: "cannot write \(temp): \(String(cString: strerror(errno)))") }
        }
        let synced = fsync(fd) == 0
        isOpen = false
        let closed = close(fd) == 0
        guard synced, closed else { throw WriteError(description: "cannot write \(temp): \(String(cString: strerror(errno)))") }
        guard rename(temp, url.path) == 0 else {
            throw WriteError(description: "cannot replace \(url.path): \(String(cString: strerror(errno)))")
        }
        ok = true
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }
}
