import Foundation
import Testing
import TerminalUI

/// A counter that can load two lists in the background and quits on "q" or once both are loaded.
struct CounterProgram: Program {
    enum Message: Sendable {
        case loaded(String)
        case allLoaded
        case stop
    }

    var count = 0
    var loaded: [String] = []

    mutating func start() -> Command<Message>? { nil }

    mutating func update(_ event: InputEvent) -> Command<Message>? {
        switch event {
        case .key(.char("+")):
            count += 1
            return nil
        case .key(.char("l")):
            return .batch([.run { .loaded("models") }, .run { .loaded("teams") }])
        case .key(.char("q")):
            return .quit
        default:
            return nil
        }
    }

    mutating func receive(_ message: Message) -> Command<Message>? {
        switch message {
        case .loaded(let name):
            loaded = (loaded + [name]).sorted()
            // Quit one message later, so the screen shows the loaded state first.
            return loaded.count == 2 ? .run { .allLoaded } : nil
        case .allLoaded, .stop:
            return .quit
        }
    }

    func view(into buffer: inout Buffer) {
        buffer.setString(x: 0, y: 0, "count \(count)", style: Style())
        buffer.setString(x: 0, y: 1, "loaded: \(loaded.joined(separator: ", "))", style: Style())
    }
}

@Suite("Runtime")
struct RuntimeTests {
    /// `run()` blocks its thread, so it gets its own: blocking the test's pool thread could starve
    /// the tasks that deliver the messages it waits for.
    func runOnOwnThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    @Test("Key presses change the state and the screen; q ends run()")
    func keys() async {
        let (program, screen) = await runOnOwnThread {
            let backend = MemoryBackend(width: 20, height: 2)
            backend.push(.key(.char("+")), .key(.char("+")), .key(.char("x")), .key(.char("q")), .key(.char("+")))
            let program = Runtime(program: CounterProgram(), terminal: Terminal(backend: backend), tick: .milliseconds(5)).run()
            return (program, backend.screen.lines())
        }
        #expect(program.count == 2)
        #expect(screen == ["count 2             ", "loaded:             "])
    }

    @Test("Messages from commands arrive and are drawn")
    func commandMessages() async {
        let (program, screen) = await runOnOwnThread {
            let backend = MemoryBackend(width: 24, height: 2)
            backend.push(.key(.char("l")))
            let program = Runtime(program: CounterProgram(), terminal: Terminal(backend: backend), tick: .milliseconds(5)).run()
            return (program, backend.screen.lines())
        }
        #expect(program.loaded == ["models", "teams"])
        #expect(screen == ["count 0                 ", "loaded: models, teams   "])
    }

    @Test("Messages posted from another task reach the program")
    func postedMessages() async {
        let program = await runOnOwnThread {
            let runtime = Runtime(program: CounterProgram(), terminal: Terminal(backend: MemoryBackend(width: 10, height: 2)), tick: .milliseconds(5))
            let mailbox = runtime.mailbox
            Task.detached {
                try? await Task.sleep(for: .milliseconds(20))
                mailbox.post(.loaded("streamed"))
                mailbox.post(.stop)
            }
            return runtime.run()
        }
        #expect(program.loaded == ["streamed"])
    }
}

/// Arms timers at start: "refresh" twice (the second replaces the first, which would fire first),
/// "clock" once; quits when "clock" fires.
struct TimerProgram: Program {
    enum Message: Sendable, Equatable {
        case fired(String)
    }

    var fired: [String] = []

    mutating func start() -> Command<Message>? {
        .batch([
            .tick(id: "refresh", after: .milliseconds(30)) { .fired("refresh, first") },
            .tick(id: "refresh", after: .milliseconds(150)) { .fired("refresh, second") },
            .tick(id: "clock", after: .milliseconds(600)) { .fired("clock") },
        ])
    }

    mutating func update(_ event: InputEvent) -> Command<Message>? { nil }

    mutating func receive(_ message: Message) -> Command<Message>? {
        guard case .fired(let name) = message else { return nil }
        fired.append(name)
        return name == "clock" ? .quit : nil
    }

    func view(into buffer: inout Buffer) {}
}

@Suite("Runtime timers")
struct RuntimeTimerTests {
    @Test("A newer tick with the same id replaces the older one; other ids keep theirs")
    func replacedTicks() async {
        let program = await withCheckedContinuation { continuation in
            Thread {
                let backend = MemoryBackend(width: 10, height: 1)
                continuation.resume(returning: Runtime(program: TimerProgram(), terminal: Terminal(backend: backend), tick: .milliseconds(5)).run())
            }.start()
        }
        #expect(program.fired == ["refresh, second", "clock"])
    }

    @Test("A mapped tick keeps its id and wraps its message")
    func mappedTick() async {
        struct Outer: Program {
            enum Message: Sendable { case inner(TimerProgram.Message) }
            var inner = TimerProgram()
            mutating func start() -> Command<Message>? { inner.start()?.map { .inner($0) } }
            mutating func update(_ event: InputEvent) -> Command<Message>? { nil }
            mutating func receive(_ message: Message) -> Command<Message>? {
                guard case .inner(let wrapped) = message else { return nil }
                return inner.receive(wrapped)?.map { .inner($0) }
            }
            func view(into buffer: inout Buffer) {}
        }
        let program = await withCheckedContinuation { continuation in
            Thread {
                let backend = MemoryBackend(width: 10, height: 1)
                continuation.resume(returning: Runtime(program: Outer(), terminal: Terminal(backend: backend), tick: .milliseconds(5)).run())
            }.start()
        }
        #expect(program.inner.fired == ["refresh, second", "clock"])
    }
}
