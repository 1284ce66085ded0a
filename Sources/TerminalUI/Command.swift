/// Work for the runtime to do outside `update`: all I/O lives in commands, whose results come back
/// to the program as messages.
public struct Command<Message: Sendable>: Sendable {
    enum Operation: Sendable {
        case run(@Sendable () async -> Message?)
        case batch([Command])
        case quit
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

    /// Ends `Runtime.run()`.
    public static var quit: Command {
        Command(operation: .quit)
    }
}
