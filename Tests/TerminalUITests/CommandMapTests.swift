import Foundation
import Testing
import TerminalUI

/// A program that hosts `CounterProgram` as an inner screen, the way the cabinet hosts its screens:
/// the inner program's commands are mapped into the host's messages.
private struct HostProgram: Program {
    enum Message: Sendable {
        case counter(CounterProgram.Message)
    }

    var counter = CounterProgram()

    mutating func start() -> Command<Message>? { nil }

    mutating func update(_ event: InputEvent) -> Command<Message>? {
        counter.update(event)?.map(Message.counter)
    }

    mutating func receive(_ message: Message) -> Command<Message>? {
        guard case .counter(let inner) = message else { return nil }
        return counter.receive(inner)?.map(Message.counter)
    }

    func view(into buffer: inout Buffer) {
        counter.view(into: &buffer)
    }
}

@Suite("Command.map")
struct CommandMapTests {
    @Test("a hosted program's batches, runs and quit keep working through the host's messages")
    func hosted() async {
        let (program, screen) = await withCheckedContinuation { continuation in
            Thread {
                let backend = MemoryBackend(width: 24, height: 2)
                backend.push(.key(.char("+")), .key(.char("l")))
                // "l" loads two lists in a batch; once both arrive the counter asks to quit, through the host.
                let program = Runtime(program: HostProgram(), terminal: Terminal(backend: backend), tick: .milliseconds(5)).run()
                continuation.resume(returning: (program, backend.screen.lines()))
            }.start()
        }
        #expect(program.counter.loaded == ["models", "teams"])
        #expect(screen == ["count 1                 ", "loaded: models, teams   "])
    }
}
