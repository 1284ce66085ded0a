import Cabinet
import TerminalUI

/// Runs a program on the real terminal and always gives the terminal back, however it ends.
enum TerminalSession {
    static func run<P: Program>(_ program: P) throws {
        let backend = try NcursesBackend()
        defer { backend.restore() }
        _ = Runtime(program: program, terminal: Terminal(backend: backend)).run()
    }
}
