/// Work for the runtime to do outside `update`: all I/O lives in commands, whose results come back
/// to the program as messages.
public struct Command<Message: Sendable>: Sendable {
    enum Operation: Sendable {
        case run(@Sendable () async -> Message?)
        case batch([Command])
        case quit
        case exec(ExternalProgram, @Sendable (ExternalProgram.Outcome) -> Message?)
        case tick(id: String, after: Duration, @Sendable () -> Message)
        case cancelTick(id: String)
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

    /// Delivers `message` once `delay` has passed — unless a newer tick with the same `id` was
    /// started meanwhile, which replaces this one: a timer that is re-armed (the next refresh, a
    /// retry after a failure) needs no generation counter of its own, and a stale one never fires.
    public static func tick(id: String, after delay: Duration, _ message: @escaping @Sendable () -> Message) -> Command {
        Command(operation: .tick(id: id, after: delay, message))
    }

    /// Disarms the tick `id`, if one is armed: its message never arrives.
    public static func cancelTick(id: String) -> Command {
        Command(operation: .cancelTick(id: id))
    }

    /// Ends `Runtime.run()`.
    public static var quit: Command {
        Command(operation: .quit)
    }
}
