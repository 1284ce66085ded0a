/// The screen and keyboard a `Terminal` draws to and reads from. Used from one thread only.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Puts cells on the screen; they become visible on `flush()`.
    func write(_ updates: [CellUpdate])
    /// Makes the next flush repaint the whole screen.
    func clearScreen()
    func flush()
    /// The next key or resize, or nil when none arrives within the timeout.
    func readEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Gives the screen and keyboard to `program` until it exits, then takes them back: the next
    /// frame must be drawn in full, and input that arrived meanwhile is not reported.
    func runForeground(_ program: ExternalProgram) -> ExternalProgram.Outcome
    /// The same, but also returning nil as soon as `descriptor` becomes readable (a message was
    /// posted to the runtime's mailbox).
    func readEvent(timeoutMilliseconds: Int, wakingOn descriptor: Int32) -> InputEvent?
}

extension TerminalBackend {
    /// For backends that cannot wait on a descriptor: a message waits for the timeout.
    public func readEvent(timeoutMilliseconds: Int, wakingOn descriptor: Int32) -> InputEvent? {
        readEvent(timeoutMilliseconds: timeoutMilliseconds)
    }
}
