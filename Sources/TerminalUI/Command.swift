/// Work for the runtime to do outside `update`: all I/O lives in commands, whose results come back
/// to the program as messages.
public struct Command<Message: Sendable>: Sendable {
    enum Operation: Sendable {
        case run(@Sendable () async -> Message?)
        case batch([Command])
        case quit
        case exec(ExternalProgram, @Sendable (ExternalProgram.Outcome) -> Message?)
    }

    let operation: Operation

    /// Runs `work` in the background; its message, if any, is delivered to `Program.receive`.
    public static func run(_ work: @escaping @Sendable () async -> Message?) -> Command {
        Command(operation: .run(work))
    }

    /// Starts all `commands` together.
    public static func batch(_ commands: [Command]) -> Command {
        Command(operation: .batch(commands))
    }

    /// Hands the terminal to `program` until it exits (an editor): the screen is suspended, the
    /// program runs in the foreground with the user's terminal, then the screen is repainted in
    /// full and `then` turns the outcome into a message. Input typed meanwhile is dropped.
    public static func exec(_ program: ExternalProgram, then: @escaping @Sendable (ExternalProgram.Outcome) -> Message?) -> Command {
        Command(operation: .exec(program, then))
    }

    /// Ends `Runtime.run()`.
    public static var quit: Command {
        Command(operation: .quit)
    }
}
