// Counts the bytes the real ncursesw backend sends to a terminal for the benchmark's 200×50 frame with
// a 10,000-row table: the first full frame, one selection move, and an unchanged frame. We play the
// terminal on the master side of a pseudo-terminal, as Tests/TerminalUITests/NcursesBackendTests does.
//
//   swift run -c release TerminalBytes            the counts
//   swift run -c release TerminalBytes --dump     also the bytes of one move, one scroll and the start of the first frame, escapes made visible
import Foundation
import Glibc
import Synchronization
import TableFixture
import TerminalUI

/// Reads the master side on its own thread, so that ncurses never blocks on a full pty buffer, and
/// counts what arrives. Non-blocking reads until EAGAIN, with a short poll between bursts.
final class MasterReader: Sendable {
    private let master: Int32
    private let received = Mutex<[UInt8]>([])
    private let stopped = Atomic<Bool>(false)

    init(master: Int32) {
        self.master = master
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    func start() {
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while !stopped.load(ordering: .relaxed) {
                var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 10) > 0 else { continue }
                while true {
                    let count = read(master, &chunk, chunk.count)
                    if count > 0 {
                        received.withLock { $0 += chunk[0..<count] }
                    } else {
                        break  // EAGAIN (drained), EIO (terminal side closed) or end of file
                    }
                }
            }
        }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    /// The bytes received since the previous call, once nothing more has arrived for `quietMilliseconds`.
    func settle(quietMilliseconds: Int = 150) -> [UInt8] {
        var last = -1
        var quietSince = ContinuousClock.now
        while true {
            let count = received.withLock { $0.count }
            if count != last {
                last = count
                quietSince = .now
            } else if ContinuousClock.now - quietSince >= .milliseconds(quietMilliseconds) {
                return received.withLock { bytes in
                    defer { bytes.removeAll(keepingCapacity: true) }
                    return bytes
                }
            }
            usleep(5_000)
        }
    }
}

/// The master side and the path of the terminal side of a new Linux pseudo-terminal. Swift's Glibc
/// module hides posix_openpt/ptsname and the _IOR/_IOW request macros, hence /dev/ptmx and the request
/// numbers from <asm-generic/ioctls.h> (as in NcursesBackendTests).
func openPseudoTerminal() -> (master: Int32, path: String)? {
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

/// Escape sequences and control bytes made readable: ESC as `␛`, other controls as `^X`.
func visible(_ bytes: [UInt8]) -> String {
    var text = ""
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
        switch scalar.value {
        case 0x1B: text += "␛"
        case 0..<0x20: text += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
        default: text.unicodeScalars.append(scalar)
        }
    }
    return text
}

/// Bytes spent on escape sequences and control characters (cursor movement, attributes, colours) and
/// bytes of text.
func breakdown(_ bytes: [UInt8]) -> (control: Int, text: Int) {
    var control = 0
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x1B, index + 1 < bytes.count {
            var end = index + 1
            if bytes[end] == UInt8(ascii: "[") {
                end += 1
                while end < bytes.count && !(0x40...0x7E).contains(bytes[end]) { end += 1 }
            } else if bytes[end] == UInt8(ascii: "(") || bytes[end] == UInt8(ascii: ")") {
                end += 1
            }
            control += end - index + 1
            index = end + 1
        } else {
            if byte < 0x20 || byte == 0x7F { control += 1 }
            index += 1
        }
    }
    return (control, bytes.count - control)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("TerminalBytes: \(message)\n".utf8))
    exit(1)
}

let dump = CommandLine.arguments.contains("--dump")
// ncursesw writes multibyte text only in a UTF-8 locale; the backend adopts the environment's.
setenv("LC_ALL", "C.UTF-8", 1)
// LINES/COLUMNS would override the size the terminal reports.
unsetenv("LINES")
unsetenv("COLUMNS")

guard let (master, terminalPath) = openPseudoTerminal() else { fail("cannot open a pseudo-terminal") }
var size = winsize(ws_row: UInt16(TableFixture.height), ws_col: UInt16(TableFixture.width), ws_xpixel: 0, ws_ypixel: 0)
guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else { fail("TIOCSWINSZ failed") }
let terminalSide = open(terminalPath, O_RDWR | O_NOCTTY)
guard terminalSide >= 0 else { fail("cannot open \(terminalPath)") }

let reader = MasterReader(master: master)
reader.start()
let backend: NcursesBackend
do {
    backend = try NcursesBackend(terminalType: "xterm-256color", input: terminalSide, output: terminalSide)
} catch {
    fail("\(error)")
}
guard backend.size == (TableFixture.width, TableFixture.height) else { fail("the terminal is \(backend.size)") }

let scenario = SelectionScenario(backend: backend, rows: TableFixture.rows())
let startup = reader.settle()

scenario.draw()
let firstFrame = reader.settle()

scenario.moveWithinPage()
let oneMove = reader.settle()

scenario.draw()
let unchanged = reader.settle()

// Every other position on the page, so the first move is not a lucky one: 2 × 48 moves, down then up.
var moves: [Int] = []
for _ in 0..<96 {
    scenario.moveWithinPage()
    moves.append(reader.settle(quietMilliseconds: 40).count)
}
moves.sort()

// Scrolling by one row from the last line of the page (the first call only moves to that line).
scenario.scrollDown()
_ = reader.settle()
var scrolls: [Int] = []
var lastScroll: [UInt8] = []
for _ in 0..<20 {
    scenario.scrollDown()
    lastScroll = reader.settle(quietMilliseconds: 40)
    scrolls.append(lastScroll.count)
}
scrolls.sort()

backend.restore()
let shutdown = reader.settle()
reader.stop()

print("ncursesw backend, TERM=xterm-256color, \(TableFixture.width)x\(TableFixture.height), \(TableFixture.rowCount) rows")
print("startup (newterm, before the first frame): \(startup.count) B")
print("(a) first full frame:                      \(firstFrame.count) B")
print("(b) one selection move:                    \(oneMove.count) B   (goal ≤ 200 B)")
let (moveControl, moveText) = breakdown(oneMove)
print("    of which escape sequences and controls \(moveControl) B, text \(moveText) B")
print("(c) unchanged frame:                       \(unchanged.count) B   (goal 0 B)")
print("    selection moves within the page (n=\(moves.count)): min \(moves.first!) B, median \(moves[moves.count / 2]) B, max \(moves.last!) B")
print("    one-row scrolls (n=\(scrolls.count)): min \(scrolls.first!) B, median \(scrolls[scrolls.count / 2]) B, max \(scrolls.last!) B")
print("restore (endwin): \(shutdown.count) B")
if dump {
    print("\n--- bytes of (b), one selection move ---\n\(visible(oneMove))")
    print("\n--- bytes of the last one-row scroll ---\n\(visible(lastScroll))")
    print("\n--- bytes of (a), the first 600 of the first frame ---\n\(visible(Array(firstFrame.prefix(600))))")
}
close(terminalSide)
close(master)
