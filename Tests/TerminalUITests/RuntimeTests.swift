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
