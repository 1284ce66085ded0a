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

    /// `sh -c` of a run command: a simple command replaces the shell (`exec`), so that the process
    /// waited for is the service itself and its exit is the service's exit.
    static func script(for command: String) -> String {
        let simple = !command.contains(where: { ";&|\n`$(".contains($0) })
        return simple ? "exec \(command)" : command
    }

    /// Starts `argv` (its first element an absolute path) with exactly `environment`.
    /// `passing` become the child's descriptors 3, 4, … (the parent keeps and closes its own).
    init(argv: [String], environment: [String: String], passing: [Int32] = [], log: BoundedLog,
         onExit: @escaping @Sendable (Int32) -> Void) throws {
        let (child, readEnd) = try Spawner.shared.spawn(argv: argv, environment: environment, passing: passing)
        pid = child
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
