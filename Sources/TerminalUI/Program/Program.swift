/// A full-screen program in the Elm style: state changes only in `update`/`receive`, the screen is
/// a function of the state (`view`), and I/O happens only in the commands they return.
public protocol Program {
    associatedtype Message: Sendable

    /// The first commands, e.g. loading a cache.
    mutating func start() -> Command<Message>?
    /// Keys and resizes.
    mutating func update(_ event: InputEvent) -> Command<Message>?
    /// Results of commands and messages posted from outside.
    mutating func receive(_ message: Message) -> Command<Message>?
    func view(into buffer: inout Buffer)
}
