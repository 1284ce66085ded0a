import Foundation
import Testing
import TerminalUI

/// Hands the terminal to a program on "e" and shows how it ended; "q" quits.
private struct EditorProgram: Program {
    enum Message: Sendable { case ended(ExternalProgram.Outcome) }

    let external: ExternalProgram
    var outcome: ExternalProgram.Outcome?
    var keys: [Key] = []

    mutating func start() -> Command<Message>? { nil }

    mutating func update(_ event: InputEvent) -> Command<Message>? {
        guard case .key(let key) = event else { return nil }
        keys.append(key)
        switch key {
        case .char("e"): return .exec(external) { .ended($0) }
        case .char("q"): return .quit
        default: return nil
        }
    }

    mutating func receive(_ message: Message) -> Command<Message>? {
        if case .ended(let outcome) = message { self.outcome = outcome }
        return nil
    }

    func view(into buffer: inout Buffer) {
        buffer.setString(x: 0, y: 0, "title", style: Style())
        buffer.setString(x: 0, y: 1, outcome.map { "\($0)" } ?? "-", style: Style())
    }
}

@Suite("Runtime: handing the terminal to another program")
struct ExecTests {
    private func runOnOwnThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    private func run(_ external: ExternalProgram, runner: (@Sendable (ExternalProgram) -> ExternalProgram.Outcome)? = nil,
                     input: [InputEvent] = [.key(.char("e"))]) async -> (EditorProgram, [String], [ExternalProgram]) {
        await runOnOwnThread {
            let backend = MemoryBackend(width: 40, height: 2)
            backend.foregroundRunner = runner
            backend.push(contentsOf: input)
            let deadline = ContinuousClock.now + .seconds(10)
            let program = Runtime(program: EditorProgram(external: external), terminal: Terminal(backend: backend), tick: .milliseconds(5))
                .run(while: { $0.outcome == nil && ContinuousClock.now < deadline })
            // One more frame is drawn before `while` is asked again: the screen shows the outcome.
            return (program, backend.screen.lines().map { $0.trimmingCharacters(in: .whitespaces) }, backend.foregroundRuns)
        }
    }

    @Test("the program runs, its exit status comes back as a message and the screen is repainted in full")
    func exitStatus() async {
        let script = ExternalProgram(executable: "/bin/sh", arguments: ["-c", "exit 3"])
        let (program, screen, runs) = await run(script)
        #expect(program.outcome == .exited(status: 3))
        #expect(runs == [script])
        // The memory terminal blanks the screen while the program has it: "title" is only there
        // again because the frame after it was drawn in full, not as a diff.
        #expect(screen == ["title", "exited(status: 3)"])
    }

    @Test("a program that cannot start says why, and the cabinet goes on")
    func launchFailure() async {
        let (program, screen, _) = await run(ExternalProgram(executable: "/nonexistent/editor"))
        guard case .failedToStart(let why)? = program.outcome else { Issue.record("\(String(describing: program.outcome))"); return }
        #expect(why.contains("/nonexistent/editor"))
        #expect(screen.first == "title")
    }

    @Test("keys that arrived while the program had the terminal are not read as the program's")
    func inputDropped() async {
        // "q" was queued before the program ran: a real terminal would have given it to the editor.
        let (program, _, _) = await run(ExternalProgram(executable: "true"), runner: { _ in .exited(status: 0) },
                                        input: [.key(.char("e")), .key(.char("q"))])
        #expect(program.outcome == .exited(status: 0))
        #expect(program.keys == [.char("e")])
    }

    @Test("the editor is $VISUAL, then $EDITOR, then vi; a command with arguments goes through the shell")
    func editorChoice() {
        #expect(ExternalProgram.editorCommand(environment: ["VISUAL": "nvim", "EDITOR": "nano"]) == "nvim")
        #expect(ExternalProgram.editorCommand(environment: ["VISUAL": " ", "EDITOR": "nano"]) == "nano")
        #expect(ExternalProgram.editorCommand(environment: [:]) == "vi")
        let shell = ExternalProgram.shell("code --wait", arguments: ["/tmp/x/inference.yaml"])
        #expect(shell.executable == "/bin/sh")
        #expect(shell.arguments == ["-c", "code --wait \"$@\"", "code --wait", "/tmp/x/inference.yaml"])
    }
}

extension MemoryBackend {
    func push(contentsOf events: [InputEvent]) {
        for event in events { push(event) }
    }
}
