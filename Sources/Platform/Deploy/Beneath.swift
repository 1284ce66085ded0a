import Foundation
import CLinux
import Glibc

/// Paths inside a root that only ever resolve inside it: every step is opened relative to the one
/// before with `O_NOFOLLOW`, so a symbolic link anywhere on the way (a component can make one in
/// its box) is refused instead of followed out of the box, to the platform's token, say.
enum Beneath {
    enum Failure: Error, Equatable {
        /// A step does not exist.
        case missing
        /// A step is a link, a device or other non-regular thing, or a file where a folder must be.
        case unsafe
        case system(Int32)
    }

    /// An `csys_o_path()` descriptor of `root/components...`, or why not; the caller closes it.
    static func open(root: String, _ components: [String], directory: Bool? = nil, create: Bool = false) -> Result<Int32, Failure> {
        var current = Glibc.open(root, csys_o_path() | O_DIRECTORY | O_CLOEXEC)
        if current < 0 && create && errno == ENOENT {
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            current = Glibc.open(root, csys_o_path() | O_DIRECTORY | O_CLOEXEC)
        }
        guard current >= 0 else { return .failure(errno == ENOENT ? .missing : .system(errno)) }
        for (index, component) in components.enumerated() {
            let last = index == components.count - 1
            let mustBeDirectory = !last || directory == true
            var next = openat(current, component, csys_o_path() | O_NOFOLLOW | O_CLOEXEC | (mustBeDirectory ? O_DIRECTORY : 0))
            if next < 0 && errno == ENOENT && create && mustBeDirectory {
                _ = mkdirat(current, component, 0o700)
                next = openat(current, component, csys_o_path() | O_NOFOLLOW | O_CLOEXEC | O_DIRECTORY)
            }
            let error = errno
            close(current)
            guard next >= 0 else {
                return .failure(error == ENOENT ? .missing : (error == ELOOP || error == ENOTDIR) ? .unsafe : .system(error))
            }
            var info = stat()
            guard fstat(next, &info) == 0 else { close(next); return .failure(.system(errno)) }
            let kind = info.st_mode & S_IFMT
            // csys_o_path() with O_NOFOLLOW opens a link itself rather than failing: refuse it here.
            guard kind == S_IFDIR || (last && directory != true && kind == S_IFREG) else {
                close(next)
                return .failure(.unsafe)
            }
            current = next
        }
        return .success(current)
    }

    /// The path of an open descriptor as the kernel knows it.
    static func path(of descriptor: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Opens a regular file (found by `open`) for reading; the file's size with it.
    static func openForReading(root: String, _ components: [String]) -> Result<(descriptor: Int32, size: Int64), Failure> {
        switch open(root: root, components, directory: false) {
        case .failure(let failure): return .failure(failure)
        case .success(let pathDescriptor):
            defer { close(pathDescriptor) }
            // The magic link of an csys_o_path() descriptor reopens exactly the file it pinned.
            let descriptor = Glibc.open("/proc/self/fd/\(pathDescriptor)", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return .failure(.system(errno)) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                close(descriptor)
                return .failure(.unsafe)
            }
            return .success((descriptor, Int64(info.st_size)))
        }
    }
}
