import Glibc

/// Runs a program on the given descriptors and waits for it. On a terminal it gets a process group
/// of its own that is made the terminal's foreground group, so the keys that send signals (C-c,
/// C-z, C-\) reach it and not the program that started it; the foreground is taken back afterwards.
enum ForegroundProcess {
    static func run(_ program: ExternalProgram, input: Int32, output: Int32, error: Int32, terminal: Int32?) -> ExternalProgram.Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 onto the same number clears close-on-exec (glibc), so 0/1/2 always reach the child.
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if terminal != nil {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        // Signals this process ignores (SIGPIPE, say) would stay ignored across exec.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD, SIGWINCH, SIGHUP, SIGTERM, SIGCONT, SIGALRM, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([program.executable] + program.arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program.executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            return .failedToStart("\(program.executable): \(String(cString: strerror(spawned)))")
        }
        let owner = terminal.map { tcgetpgrp($0) } ?? -1
        if let terminal {
            setpgid(pid, pid)  // also done by the child; whichever runs first wins the race
            handOver(terminal, to: pid)
        }
        defer { if let terminal, owner > 0 { handOver(terminal, to: owner) } }

        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WUNTRACED)
            if reaped < 0 {
                if errno == EINTR { continue }
                return .failedToStart("waitpid: \(String(cString: strerror(errno)))")
            }
            if status & 0xff == 0x7f {
                // Stopped: by C-z, or by reading the terminal before it became the foreground. There
                // is no shell above it to resume it later, so it goes on at once, in the foreground.
                if let terminal { handOver(terminal, to: pid) }
                kill(-pid, SIGCONT)
                kill(pid, SIGCONT)
                continue
            }
            if status & 0x7f == 0 { return .exited(status: (status >> 8) & 0xff) }
            return .signalled(status & 0x7f)
        }
    }

    /// Makes `group` the terminal's foreground process group. A background process doing so gets
    /// SIGTTOU unless it blocks it, so it is blocked meanwhile on this thread.
    private static func handOver(_ terminal: Int32, to group: pid_t) {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        tcsetpgrp(terminal, group)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
