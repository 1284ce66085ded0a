import Synchronization

/// Runs a `Program` on the calling thread: input and finished commands are fed to the program, and
/// the screen is redrawn whenever one of them arrived. The backend's read timeout paces the loop.
public final class Runtime<P: Program> {
    /// Shareable with other threads and tasks (timers, streams) that need to send messages.
    public let mailbox = Mailbox<P.Message>()
    private var program: P
    private let terminal: Terminal
    private let tickMilliseconds: Int
    private var quitRequested = false
    /// Another program had the screen: the next frame is drawn even if nothing else changed.
    private var redrawRequested = false
    /// The timers armed by `Command.tick`, by id; only the newest of an id may fire.
    private let ticks = ArmedTicks<P.Message>()

    /// A posted message wakes the loop at once; `tick` only bounds how long the loop sleeps with
    /// nothing to do (a resize that lands just before it starts waiting is seen within a tick).
    public init(program: P, terminal: Terminal, tick: Duration = .milliseconds(250)) {
        self.program = program
        self.terminal = terminal
        let (seconds, attoseconds) = tick.components
        tickMilliseconds = max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// Blocks until the program asks to quit, or until `shouldContinue` says no after a frame (tests
    /// use it to stop once the screen shows what they wait for); returns the program's final state.
    /// The program learns the terminal's size first, as a `.resize`, before `start`.
    public func run(while shouldContinue: (P) -> Bool = { _ in true }) -> P {
        quitRequested = false
        let size = terminal.backend.size
        perform(program.update(.resize(width: size.width, height: size.height)))
        perform(program.start())
        draw()
        while !quitRequested && shouldContinue(program) {
            var changed = false
            if let event = terminal.backend.readEvent(timeoutMilliseconds: tickMilliseconds, wakingOn: mailbox.wakeDescriptor) {
                changed = true
                perform(program.update(event))
            }
            for message in mailbox.takeAll() + ticks.takeDue() where !quitRequested {
                changed = true
                perform(program.receive(message))
            }
            if (changed || redrawRequested) && !quitRequested { draw() }
        }
        return program
    }

    /// Thread-safe; the message is handled on the runtime's thread within one tick.
    public func post(_ message: P.Message) {
        mailbox.post(message)
    }

    private func draw() {
        redrawRequested = false
        terminal.draw { program.view(into: &$0) }
    }

    private func perform(_ command: Command<P.Message>?) {
        switch command?.operation {
        case .run(let work):
            let mailbox = mailbox
            // Detached so that commands never run on, or wait for, the runtime's blocked thread.
            Task.detached {
                if let message = await work() { mailbox.post(message) }
            }
        case .batch(let commands):
            commands.forEach(perform)
        case .tick(let id, let delay, let message):
            ticks.arm(id: id, after: delay, message: message, waking: mailbox)
        case .cancelTick(let id):
            ticks.cancel(id: id)
        case .quit:
            quitRequested = true
        case .exec(let external, let then):
            // On this thread: the backend is not to be used from any other, and nothing else may
            // draw while the program has the terminal.
            let before = terminal.backend.size
            let outcome = terminal.backend.runForeground(external)
            terminal.invalidate()
            redrawRequested = true
            let after = terminal.backend.size
            if after != before { perform(program.update(.resize(width: after.width, height: after.height))) }
            if let message = then(outcome) { mailbox.post(message) }
        case nil:
            break
        }
    }
}

/// Timers by id. Arming an id again replaces its timer; the replaced one's message is dropped even
/// if it fired between the two, because a fired tick only counts when its generation is still the
/// id's current one as the runtime's thread takes it.
final class ArmedTicks<Message: Sendable>: Sendable {
    private struct State {
        var generations: [String: Int] = [:]
        var tasks: [String: Task<Void, Never>] = [:]
        var fired: [(id: String, generation: Int, message: Message)] = []
        var next = 0
    }

    private let state = Mutex(State())

    func arm<M: Sendable>(id: String, after delay: Duration, message: @escaping @Sendable () -> Message, waking mailbox: Mailbox<M>) {
        state.withLock { state in
            state.next += 1
            let generation = state.next
            state.generations[id] = generation
            state.tasks[id]?.cancel()
            state.tasks[id] = Task.detached { [weak self] in
                do { try await Task.sleep(for: delay) } catch { return }
                guard let self else { return }
                let value = message()
                self.state.withLock { $0.fired.append((id, generation, value)) }
                mailbox.wake()
            }
        }
    }

    func cancel(id: String) {
        state.withLock { state in
            state.generations[id] = nil
            state.tasks.removeValue(forKey: id)?.cancel()
        }
    }

    /// The messages of ticks that fired and were not replaced, oldest first.
    func takeDue() -> [Message] {
        state.withLock { state in
            let fired = state.fired
            state.fired = []
            return fired.compactMap { tick in
                guard state.generations[tick.id] == tick.generation else { return nil }
                state.generations[tick.id] = nil
                state.tasks[tick.id] = nil
                return tick.message
            }
        }
    }

    deinit {
        state.withLock { state in state.tasks.values.forEach { $0.cancel() } }
    }
}
