import Foundation
import Glibc

/// How a component's process is confined: bubblewrap (Debian's `bubblewrap`) gives it a root of
/// its own in which only the system's programs and libraries (read-only), its working directory
/// (read-only) and its own boxes or run folders (as mounts) exist. The platform's data directory
/// (its database, local token, logs, every other namespace's boxes and runs) is not in that root;
/// where the working directory contains it, an empty directory is put over it. The process also
/// gets its own user namespace (no capabilities, uid `nobody`), process namespace (it sees only
/// its own processes), `/tmp`, `/dev` and IPC; it shares the host's network, so that its service
/// port is reachable on loopback (docs/security.md says what that leaves open).
///
/// Why bubblewrap rather than a user per namespace: it needs no root and no user accounts (the
/// embedded platform runs as the developer), it hides the data directory even from a process of
/// the same uid, and it ends with the platform (`--die-with-parent`).
package struct Confinement: Sendable, Equatable {
    /// A mount inside the sandbox.
    package struct Mount: Sendable, Equatable {
        /// A path of the host's, or (read-only) an open descriptor of what to mount: a path could
        /// have become a link since it was checked, a descriptor is what was checked.
        package var source: String
        package var descriptor: Int32?
        package var target: String
        package var writable: Bool

        package init(source: String, target: String, writable: Bool) {
            self.source = source
            self.target = target
            self.writable = writable
        }

        package init(descriptor: Int32, target: String) {
            self.source = ""
            self.descriptor = descriptor
            self.target = target
            self.writable = false
        }
    }

    package enum Refusal: Error, Equatable, CustomStringConvertible {
        case noBubblewrap
        case workdirMissing(String)
        case workdirInsidePlatformData
        case workdirTooBroad
        case badMountPath(String)

        package var description: String {
            switch self {
            case .noBubblewrap:
                "components run confined by bubblewrap, which is not installed here (Debian: apt-get install bubblewrap)"
            case .workdirMissing(let path):
                "the working directory \(path) does not exist"
            case .workdirInsidePlatformData:
                "the working directory is inside the platform's data directory, which no component may see"
            case .workdirTooBroad:
                "the working directory cannot be / or a system folder: name the component's own folder"
            case .badMountPath(let path):
                "\(path) cannot be a mount path: it must be absolute and outside /usr, /etc, /proc, /dev and the system's folders"
            }
        }
    }

    /// The bubblewrap binary.
    package var bwrap: String
    /// Directories no component may see (the platform's data directory among them).
    package var hidden: [String]

    package init(bwrap: String, hidden: [String]) {
        self.bwrap = bwrap
        self.hidden = hidden.map(Self.resolved)
    }

    /// Bubblewrap from the `PATH` or `/usr/bin`; nil when it is not installed.
    package static func locate(hiding hidden: [URL], environment: [String: String] = ProcessInfo.processInfo.environment) -> Confinement? {
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/bin"]
        for directory in path where !directory.isEmpty {
            let candidate = directory + "/bwrap"
            if access(candidate, X_OK) == 0 { return Confinement(bwrap: candidate, hidden: hidden.map(\.path)) }
        }
        return nil
    }

    /// The system's folders a program needs, read-only; on a merged-/usr system `/bin`, `/lib`,
    /// `/sbin` are symlinks into `/usr` and stay symlinks.
    private static let systemPaths = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"]
    /// Files of `/etc` that are the host's secrets: replaced by an empty file.
    private static let maskedFiles = ["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-", "/etc/sudoers"]
    /// Where a mount may not go.
    private static let reservedTargets = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt", "/proc", "/dev", "/sys"]

    /// The command line that runs `/bin/sh -c script` confined, in `workdir` (read-only) or `/tmp`,
    /// with `mounts` as the only other things it may see.
    ///
    /// `descriptors` are to be the child's 3, 4, … in that order (`--ro-bind-fd` names them).
    package func argv(script: String, workdir: String?, mounts: [Mount]) throws(Refusal) -> (argv: [String], descriptors: [Int32]) {
        var args = [bwrap, "--unshare-all", "--share-net", "--unshare-user", "--uid", "65534", "--gid", "65534",
                    "--cap-drop", "ALL", "--die-with-parent", "--hostname", "component"]
        for path in Self.systemPaths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK, let target = Self.linkTarget(path) {
                args += ["--symlink", target, path]
            } else if (info.st_mode & S_IFMT) == S_IFDIR {
                args += ["--ro-bind", path, path]
            }
        }
        for file in Self.maskedFiles where access(file, F_OK) == 0 {
            args += ["--ro-bind", "/dev/null", file]
        }
        args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        var directory = "/tmp"
        if let workdir, !workdir.isEmpty {
            let real = Self.resolved(workdir)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .workdirMissing(workdir)
            }
            guard !hidden.contains(where: { Self.isWithin(real, $0) }) else { throw .workdirInsidePlatformData }
            guard real != "/", !Self.reservedTargets.contains(real) else { throw .workdirTooBroad }
            args += ["--ro-bind", real, real]
            // An empty folder over whatever hidden directory lies inside the working directory.
            for secret in hidden where Self.isWithin(secret, real) {
                args += ["--tmpfs", secret]
            }
            directory = real
        }
        var passed: [Int32] = []
        for mount in mounts {
            guard mount.target.hasPrefix("/"), !mount.target.split(separator: "/").contains(".."),
                  !Self.reservedTargets.contains(where: { Self.isWithin(mount.target, $0) }), mount.target != "/" else {
                throw .badMountPath(mount.target)
            }
            if let descriptor = mount.descriptor {
                args += ["--ro-bind-fd", String(3 + passed.count), mount.target]
                passed.append(descriptor)
            } else {
                args += [mount.writable ? "--bind" : "--ro-bind", mount.source, mount.target]
            }
        }
        args += ["--chdir", directory, "--", "/bin/sh", "-c", script]
        return (args, passed)
    }

    /// The path with symlinks resolved (as far as it exists).
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(real) }
        return String(cString: real)
    }

    /// Whether `path` is `directory` or lies under it.
    static func isWithin(_ path: String, _ directory: String) -> Bool {
        let base = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        return path == base || path.hasPrefix(base == "/" ? "/" : base + "/")
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
