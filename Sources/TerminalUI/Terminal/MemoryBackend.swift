import Glibc

/// A backend in memory: tests feed it input and read what a user would see.
public final class MemoryBackend: TerminalBackend {
    /// What is visible: the cells written up to the last flush.
    public private(set) var screen: Buffer
    public private(set) var size: (width: Int, height: Int)
    /// Cells received by `write` since creation, to check that unchanged cells are not resent.
    public private(set) var writtenCellCount = 0
    public private(set) var flushCount = 0
    /// The updates of the most recent `write`.
    public private(set) var lastWrite: [CellUpdate] = []
    private var pending: Buffer
    private var queuedEvents: [InputEvent] = []
    /// Programs given the terminal by `runForeground`, oldest first.
    public private(set) var foregroundRuns: [ExternalProgram] = []
    /// Stands in for the program `runForeground` runs (a test's "editor"); without one the program
    /// is really run, on /dev/null for input, the test's output and no terminal.
    public var foregroundRunner: (@Sendable (ExternalProgram) -> ExternalProgram.Outcome)?

    public init(width: Int, height: Int) {
        size = (width, height)
        screen = Buffer(width: width, height: height)
        pending = screen
    }

    /// Queues input for `readEvent`, in order. A resize takes effect at once, as a real window's would.
    public func push(_ events: InputEvent...) {
        for event in events {
            if case .resize(let width, let height) = event {
                size = (width, height)
                screen = Buffer(width: width, height: height)
                pending = screen
            }
            queuedEvents.append(event)
        }
    }

    public func write(_ updates: [CellUpdate]) {
        for update in updates { pending[update.x, update.y] = update.cell }
        writtenCellCount += updates.count
        lastWrite = updates
    }

    /// Blanks the screen, so a frame that fails to repaint every cell shows up in tests.
    public func clearScreen() {
        pending = Buffer(width: size.width, height: size.height)
    }

    public func flush() {
        screen = pending
        flushCount += 1
    }

    /// Waits out the timeout when no input is queued, as a terminal would, so loops over it do not spin.
    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard !queuedEvents.isEmpty else {
            usleep(UInt32(clamping: max(timeoutMilliseconds, 0) * 1000))
            return nil
        }
        return queuedEvents.removeFirst()
    }

    public func readEvent(timeoutMilliseconds: Int, wakingOn descriptor: Int32) -> InputEvent? {
        guard queuedEvents.isEmpty else { return queuedEvents.removeFirst() }
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&waiting, 1, Int32(clamping: timeoutMilliseconds))
        return nil
    }

    /// As a terminal handed to another program: the screen is what that program left (blank here),
    /// input queued before is dropped, and the next frame must repaint everything.
    public func runForeground(_ program: ExternalProgram) -> ExternalProgram.Outcome {
        foregroundRuns.append(program)
        screen = Buffer(width: size.width, height: size.height)
        pending = screen
        queuedEvents.removeAll()
        if let foregroundRunner { return foregroundRunner(program) }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { if null >= 0 { close(null) } }
        return ForegroundProcess.run(program, input: null >= 0 ? null : STDIN_FILENO, output: STDOUT_FILENO, error: STDERR_FILENO, terminal: nil)
    }
}
