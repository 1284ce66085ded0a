import Foundation
import Glibc

/// An advisory `flock(2)` on a file of the runtime directory (local, never NFS: see
/// `SharedPlatformFiles`). The lock belongs to this open file, close-on-exec, so no child process
/// (a component, `$EDITOR`) inherits it and keeps it held after this process is gone; the kernel
/// drops it when the process ends by any means, SIGKILL included.
final class FileLock: @unchecked Sendable {
    private let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(_ url: URL) throws(Failure) {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(url.path): \(String(cString: strerror(errno)))") }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Waits for the lock (an interrupted wait is resumed).
    func lock(shared: Bool) {
        while flock(descriptor, shared ? LOCK_SH : LOCK_EX) != 0, errno == EINTR {}
    }

    /// Takes the lock only if nobody holds it in a way that conflicts.
    func tryLock(shared: Bool) -> Bool {
        flock(descriptor, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
    }
}
