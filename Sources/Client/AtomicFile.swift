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
        let directory = url.deletingLastPathComponent().path
        let temp = "\(directory)/.\(url.lastPathComponent).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(temp): \(String(cString: strerror(errno)))") }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
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
        let synced = written && fsync(fd) == 0
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
