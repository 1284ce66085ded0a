extension Command {
    /// The same work with its message wrapped, so that a screen with messages of its own can live
    /// inside a program whose messages enclose them.
    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Message) -> Other) -> Command<Other> {
        switch operation {
        case .run(let work): .run { await work().map(transform) }
        case .batch(let commands): .batch(commands.map { $0.map(transform) })
        case .quit: .quit
        case .exec(let program, let then): .exec(program) { then($0).map(transform) }
        case .tick(let id, let delay, let message): .tick(id: id, after: delay) { transform(message()) }
        case .cancelTick(let id): .cancelTick(id: id)
        }
    }
}
