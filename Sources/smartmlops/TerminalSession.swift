import Cabinet
import TerminalUI

/// Runs a program on the real terminal and always gives the terminal back, however it ends.
enum TerminalSession {
    /// `makeProgram` learns the colour depth the terminal turned out to have (to pick a theme).
    static func run<P: Program>(_ makeProgram: (ColorDepth) -> P) throws {
        let backend = try NcursesBackend()
        defer { backend.restore() }
        _ = Runtime(program: makeProgram(backend.colorDepth), terminal: Terminal(backend: backend)).run()
    }
}
