import Foundation
import CLinux
import Glibc

/// Starts the components' processes from one thread that lives as long as the platform.
///
/// Bubblewrap's `--die-with-parent` (PR_SET_PDEATHSIG) ends a sandbox when the *thread* that
/// started it ends, not only the process: started from a thread of Swift's pool, which may retire
/// an idle thread, a healthy service could be killed at any moment. This thread never ends, so
/// the sandbox ends exactly when the platform's process does, SIGKILL included.
///
/// Each child gets a session and process group of its own (no controlling terminal to inject
/// keys into; the group is what `stop` signals), stdin from /dev/null, stdout and stderr into a
/// pipe, every other descriptor closed, default signal dispositions and an empty signal mask.
package final class Spawner: @unchecked Sendable {
    /// Why a process could not be started, in the system's words.
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    static let shared = Spawner()

    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "smartmlops-spawner"
        thread.start()
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let job = queue.removeFirst()
            condition.unlock()
            job()
        }
    }

    /// The child's pid and the read end of its output pipe.
    func spawn(argv: [String], environment: [String: String], passing: [Int32] = []) throws -> (pid_t, Int32) {
        let result = Mutexed<Result<(pid_t, Int32), SupervisedProcess.Failure>?>(nil)
        let done = DispatchSemaphore(value: 0)
        condition.lock()
        queue.append {
            result.set(Self.spawnHere(argv: argv, environment: environment, passing: passing))
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        return try result.get()!.get()
    }

    private static func spawnHere(argv: [String], environment: [String: String], passing: [Int32]) -> Result<(pid_t, Int32), SupervisedProcess.Failure> {
        var fds: [Int32] = [-1, -1]
        // Close-on-exec from the start: no child started meanwhile inherits the write end.
        guard csys_pipe_cloexec(&fds) == 0 else {
            return .failure(.init(description: "pipe: \(String(cString: strerror(errno)))"))
        }
        let started = spawnInNewSession(argv: argv, environment: environment, output: fds[1], passing: passing)
        close(fds[1])
        switch started {
        case .success(let child):
            return .success((child, fds[0]))
        case .failure(let failure):
            close(fds[0])
            return .failure(.init(description: failure.description))
        }
    }

    /// Starts `argv` from the calling thread in a session and process group of its own: stdin from
    /// /dev/null, stdout and stderr into `output`, `passing` as descriptors 3, 4, …, every other
    /// descriptor closed, default signal dispositions and an empty signal mask. For a child that
    /// must outlive its parent's thread (the embedded platform a cabinet starts) call it directly;
    /// components go through `spawn`, whose thread never ends.
    package static func spawnInNewSession(argv: [String], environment: [String: String], output: Int32,
                                          passing: [Int32] = []) -> Result<pid_t, Failure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Descriptors handed on become 3, 4, …: copied first above every number they could land on.
        var high: [Int32] = []
        defer { high.forEach { close($0) } }
        for descriptor in passing {
            let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 64 + Int32(passing.count))
            guard copy >= 0 else { return .failure(.init(description: "cannot pass a descriptor: \(String(cString: strerror(errno)))")) }
            high.append(copy)
        }
        for (index, copy) in high.enumerated() { posix_spawn_file_actions_adddup2(&actions, copy, 3 + Int32(index)) }
        // Whatever else the platform holds open (sockets, the database) stays the platform's.
        csys_spawn_closefrom(&actions, 3 + Int32(passing.count))

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        csys_spawn_new_session(&attributes)

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, argv[0], &actions, &attributes, cArgs, cEnv)
        guard status == 0 else {
            return .failure(.init(description: "cannot start \(argv[0]): \(String(cString: strerror(status)))"))
        }
        return .success(child)
    }

    /// Whether `pid` still runs: an exited child nobody reaped yet (a zombie) does not.
    package static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }
}

/// A value behind a lock, for handing a result from one thread to another.
final class Mutexed<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func set(_ new: Value) { lock.withLock { value = new } }
    func get() -> Value { lock.withLock { value } }
}
