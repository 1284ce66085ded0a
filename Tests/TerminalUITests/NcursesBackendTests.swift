import Glibc
import Testing
import TerminalUI

/// Drives the real ncurses backend through a pseudo-terminal: we play the terminal on the master side.
// Serialized: ncurses keeps global state (the current screen), so two of these must not overlap.
@Suite("Ncurses backend on a pseudo-terminal", .serialized)
struct NcursesBackendTests {
    @Test("Keys typed into the terminal arrive as keys; drawn text reaches the terminal as UTF-8")
    func keysAndDrawing() throws {
        // ncursesw writes multibyte text only in a UTF-8 locale; the backend adopts the environment's.
        setenv("LC_ALL", "C.UTF-8", 1)
        let (master, terminalPath) = try #require(openPseudoTerminal())
        defer { close(master) }
        var size = winsize(ws_row: 5, ws_col: 20, ws_xpixel: 0, ws_ypixel: 0)
        try #require(ioctl(master, UInt(TIOCSWINSZ), &size) == 0)
        let terminal = open(terminalPath, O_RDWR | O_NOCTTY)
        try #require(terminal >= 0)
        defer { close(terminal) }

        // Explicit depth: `swift test` may run with NO_COLOR set, which would turn colour off.
        let backend = try NcursesBackend(
            terminalType: "xterm-256color", input: terminal, output: terminal, colorDepth: .palette256)
        defer { backend.restore() }
        #expect(backend.size == (20, 5))

        type("\u{1B}OA" + "ж" + "\u{12}" + "\r" + "\u{7F}" + "\u{1B}[Z" + "\u{1B}[15~" + "\u{1B}[3~" + "q" + "\u{1B}x", into: master)
        var keys: [Key] = []
        while keys.count < 10, let event = backend.readEvent(timeoutMilliseconds: 2000) {
            if case .key(let key) = event { keys.append(key) }
        }
        #expect(keys == [.up, .char("ж"), .ctrl("r"), .enter, .backspace, .backTab, .function(5), .delete, .char("q"), .alt("x")])

        Terminal(backend: backend).draw { buffer in
            buffer.setString(x: 0, y: 1, "Приложения 漢字", style: Style(fg: .indexed(196), modifiers: .bold))
            buffer.setString(x: 0, y: 2, "rgb", style: Style(fg: .rgb(255, 255, 255), bg: .rgb(0, 95, 135)))
        }
        let output = String(decoding: readAvailable(from: master), as: UTF8.self)
        #expect(output.contains("Приложения 漢字"))
        #expect(output.contains("38;5;196"), "palette colour 196 as foreground")
        #expect(output.contains("48;5;24"), "24-bit colour as the nearest palette colour on a 256-colour terminal")
    }

    @Test("On a direct-colour terminal (COLORTERM=truecolor, xterm-direct) 24-bit colours go out as they are")
    func truecolor() throws {
        setenv("LC_ALL", "C.UTF-8", 1)
        let (master, terminalPath) = try #require(openPseudoTerminal())
        defer { close(master) }
        var size = winsize(ws_row: 3, ws_col: 10, ws_xpixel: 0, ws_ypixel: 0)
        try #require(ioctl(master, UInt(TIOCSWINSZ), &size) == 0)
        let terminal = open(terminalPath, O_RDWR | O_NOCTTY)
        try #require(terminal >= 0)
        defer { close(terminal) }
        // xterm-direct comes with Debian's ncurses-term, which scripts/dev installs.
        let backend = try NcursesBackend(terminalType: "xterm-direct", input: terminal, output: terminal, colorDepth: .truecolor)
        defer { backend.restore() }
        Terminal(backend: backend).draw { buffer in
            buffer.setString(x: 0, y: 0, "rgb", style: Style(fg: .rgb(12, 34, 56), bg: .rgb(200, 100, 50)))
        }
        let output = String(decoding: readAvailable(from: master), as: UTF8.self)
        #expect(output.contains("rgb"))
        #expect(output.contains("38:2::12:34:56") || output.contains("38;2;12;34;56"), "24-bit foreground as sent: \(output.debugDescription)")
        #expect(output.contains("48:2::200:100:50") || output.contains("48;2;200;100;50"), "24-bit background as sent")
    }

    /// The master side and the path of the terminal side of a new Linux pseudo-terminal. Swift's Glibc
    /// module hides posix_openpt/ptsname and the _IOR/_IOW request macros, hence /dev/ptmx and the
    /// request numbers from <asm-generic/ioctls.h>.
    private func openPseudoTerminal() -> (Int32, String)? {
        let unlock: UInt = 0x4004_5431  // TIOCSPTLCK
        let number: UInt = 0x8004_5430  // TIOCGPTN
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var locked: Int32 = 0
        var index: UInt32 = 0
        guard ioctl(master, unlock, &locked) == 0, ioctl(master, number, &index) == 0 else {
            close(master)
            return nil
        }
        return (master, "/dev/pts/\(index)")
    }

    private func type(_ text: String, into master: Int32) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Everything the program has written so far: up to 5 s for the first bytes (a loaded machine),
    /// then briefly for stragglers.
    private func readAvailable(from master: Int32) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while poll(&descriptor, 1, output.isEmpty ? 5000 : 200) > 0 {
            let count = read(master, &chunk, chunk.count)
            if count <= 0 { break }
            output += chunk[0..<count]
        }
        return output
    }
}
