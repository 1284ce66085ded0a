import Foundation
import Glibc

/// A shell command in a process group of its own, its stdout and stderr going into a
/// `BoundedLog`; `onExit` gets the exit code (128 + signal when killed). Stopping signals the whole
/// group, so `python3 -m service` started through `/bin/sh -c` goes too.
final class SupervisedProcess: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var exited = false

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(command: String, workdir: String?, environment: [String: String], log: BoundedLog,
         onExit: @escaping @Sendable (Int32) -> Void) throws {
        var fds: [Int32] = [-1, -1]
        // Close-on-exec: only the dup2'd copies (stdout, stderr) reach this child, and no other child
        // started meanwhile inherits the write end (which would hold the log open after an exit).
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        var none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        // The shell changes directory itself (posix_spawn's addchdir is not visible to Swift here);
        // a missing directory is then an exit with the shell's message in the log.
        // A simple command replaces the shell (`exec`), so that the process waited for is the
        // service itself and its exit is the service's exit.
        let simple = !command.contains(where: { ";&|\n`$(".contains($0) })
        let body = simple ? "exec \(command)" : command
        let script = workdir.map { "cd '\($0.replacingOccurrences(of: "'", with: "'\\''"))' && \(body)" } ?? body
        let argv = ["/bin/sh", "-c", script]
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, cArgs, cEnv)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw Failure(description: "cannot start /bin/sh: \(String(cString: strerror(status)))")
        }
        pid = child
        let readEnd = fds[0]
        let pid = child
        // Output and exit each get a thread: both block, and neither may hold a thread of
        // Swift's cooperative pool.
        let drained = DispatchSemaphore(value: 0)
        let reader = Thread {
            var chunk = [UInt8](repeating: 0, count: 8192)
            while true {
                let n = read(readEnd, &chunk, chunk.count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                log.append(Array(chunk[0..<n]))
            }
            close(readEnd)
            drained.signal()
        }
        reader.start()
        Thread { [self] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // The last words (a traceback on stderr) must be in the log before anyone reads it for
            // the event; a child that outlives the process may hold the pipe open, so not forever.
            _ = drained.wait(timeout: .now() + 1)
            let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            lock.withLock { exited = true }
            onExit(code)
        }.start()
    }

    var hasExited: Bool { lock.withLock { exited } }

    /// SIGTERM to the group, SIGKILL after `grace` if anything is left.
    func stop(grace: Duration = .seconds(5)) async {
        kill(-pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while !hasExited, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(-pid, SIGKILL)
        // The group may outlive its leader (a shell's children): wait, briefly, until it is empty.
        let groupDeadline = ContinuousClock.now + .seconds(1)
        while Glibc.kill(-pid, 0) == 0, ContinuousClock.now < groupDeadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
