import CLinux
import CNcursesw
import Glibc

/// The real terminal, through ncursesw. Use it from one thread; call `restore()` before printing to
/// the terminal again.
public final class NcursesBackend: TerminalBackend {
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    private struct ColorPairKey: Hashable {
        let fg: Int32
        let bg: Int32
    }

    private let window: UnsafeMutablePointer<WINDOW>
    /// The colours actually drawn: what the environment asks for (see `ColorDepth.detect`), capped by
    /// what ncurses can send to this terminal. 24-bit colour needs a terminal description with direct
    /// colour (COLORS >= 2^24, e.g. xterm-direct); otherwise 24-bit colours go to the 256 palette.
    public let colorDepth: ColorDepth
    /// Direct-colour terminals take a colour number as packed RGB, except 0...7 which stay the ANSI colours.
    private let isDirectColor: Bool
    private let pairLimit: Int
    private var pairs: [ColorPairKey: Int32] = [:]
    private var isActive = true
    private let input: Int32
    private let output: Int32

    /// Takes over the terminal of type `terminalType` (default: $TERM) on the given descriptors
    /// (default: standard input and output). `colorDepth` overrides the depth detected from NO_COLOR,
    /// COLORTERM and the terminal description; it is still capped by what the terminal can show.
    public init(
        terminalType: String? = nil, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO,
        colorDepth: ColorDepth? = nil
    ) throws {
        if setlocale(LC_ALL, "") == nil { Self.keepUTF8() }
        // Before ncurses changes anything: these are the modes a crash gives back.
        cn_restore_on_crash(input, output)
        let outputFile = fdopen(output, "w")
        let inputFile = fdopen(input, "r")
        // newterm instead of initscr: initscr exits the process when the terminal type is unusable.
        let screen = terminalType.map { type in type.withCString { newterm($0, outputFile, inputFile) } }
            ?? newterm(nil, outputFile, inputFile)
        guard screen != nil, let window = cn_stdscr() else {
            let type = terminalType ?? getenv("TERM").map { String(cString: $0) } ?? "unset"
            throw StartError(description: "cannot open the terminal (TERM=\(type))")
        }
        guard cn_can_address_cursor() != 0 else {
            endwin()
            let type = terminalType ?? getenv("TERM").map { String(cString: $0) } ?? "unset"
            throw StartError(description: "the terminal TERM=\(type) cannot move the cursor, and a full-screen program needs that; "
                                 + "set TERM to your terminal's type (xterm-256color, screen-256color, tmux-256color, linux)")
        }
        self.window = window
        self.input = input
        self.output = output
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        curs_set(0)
        set_escdelay(25)
        // C-s and C-q are keys of the cabinet (submit, filter, quit in some keymaps), not XOFF/XON;
        // C-c and C-z still signal, as cbreak keeps ISIG. Done after ncurses' own mode calls and
        // saved as the program's mode (they would write back the modes ncurses remembers), so that
        // coming back from $EDITOR keeps it; endwin restores the shell's, flow control on.
        cn_flow_control_off(input)
        def_prog_mode()
        var colorCount = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(cn_colors())
        }
        let supported = ColorDepth.detect(environment: [:], terminalColors: colorCount)
        let requested =
            colorDepth ?? ColorDepth.detect(environment: Self.colorEnvironment(), terminalColors: colorCount)
        self.colorDepth = min(requested, supported)
        isDirectColor = colorCount >= 1 << 24
        pairLimit = self.colorDepth == .none ? 0 : Int(cn_color_pairs())
    }

    private static func colorEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for name in ["NO_COLOR", "COLORTERM"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }

    deinit {
        restore()
    }

    /// Gives the terminal back to the shell; safe to call more than once. The next `flush()` takes it
    /// over again.
    /// Gives the terminal back from any thread, for a process about to exit on a signal while the
    /// runtime's thread may be drawing: leaves the alternate screen and restores the tty modes.
    public static func restoreBeforeExit() {
        leaveScreen()
    }

    public func restore() {
        guard isActive else { return }
        isActive = false
        Self.leaveScreen()
    }

    /// endwin, with the cursor shown again and, where there is no alternate screen to leave (the
    /// Linux console, `TERM=linux`), the last frame wiped, so the shell does not come back under
    /// the cabinet's picture with no cursor.
    private static func leaveScreen() {
        curs_set(1)
        if cn_has_alternate_screen() == 0, let screen = cn_stdscr() {
            werase(screen)
            wmove(screen, 0, 0)
            wrefresh(screen)
        }
        endwin()
    }

    public var size: (width: Int, height: Int) {
        var height: Int32 = 0
        var width: Int32 = 0
        cn_getmaxyx(window, &height, &width)
        return (Int(width), Int(height))
    }

    public func write(_ updates: [CellUpdate]) {
        let (width, height) = size
        for update in updates where !update.cell.symbol.isEmpty {
            let attributes = attributes(for: update.cell.style.modifiers)
            let pair = colorPair(for: update.cell.style)
            let scalars = update.cell.symbol.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
            let result = put(scalars, x: update.x, y: update.y, attributes: attributes, pair: pair)
            // The bottom-right cell reports ERR because the cursor cannot advance past it, yet it is
            // drawn. Elsewhere ERR means ncurses rejected the combination (e.g. a ZWJ emoji sequence):
            // its first scalar alone is the best we can show.
            let isBottomRight = update.x == width - 1 && update.y == height - 1
            if result == ERR && !isBottomRight && scalars.count > 1 {
                put([scalars[0]], x: update.x, y: update.y, attributes: attributes, pair: pair)
            }
        }
    }

    public func clearScreen() {
        clearok(window, true)
    }

    /// After `restore()` this resumes full-screen mode, e.g. when coming back from an external editor.
    public func flush() {
        isActive = true
        wnoutrefresh(window)
        doupdate()
    }

    /// Waits on the keyboard and `descriptor` together, so that a posted message is handled at
    /// once rather than at the next tick. A resize's SIGWINCH interrupts the wait.
    public func readEvent(timeoutMilliseconds: Int, wakingOn descriptor: Int32) -> InputEvent? {
        // Keys ncurses has already read ahead are not seen by poll: they come first.
        if let event = readEvent(timeoutMilliseconds: 0) { return event }
        var descriptors = [pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(clamping: timeoutMilliseconds))
        if ready == 0 { return nil }
        if ready < 0 || descriptors[0].revents != 0 { return readEvent(timeoutMilliseconds: 0) }
        return nil
    }

    /// endwin leaves the alternate screen and gives the shell's tty modes back; the program runs
    /// in the foreground of the terminal (see `ForegroundProcess`); then the modes of the cabinet
    /// come back, pending input is dropped (keys typed after the program quit, answers to terminal
    /// queries it made) and the next flush repaints everything, at the size the window has now.
    public func runForeground(_ program: ExternalProgram) -> ExternalProgram.Outcome {
        def_prog_mode()
        endwin()
        isActive = false
        let error = isatty(STDERR_FILENO) != 0 ? STDERR_FILENO : output
        let outcome = ForegroundProcess.run(program, input: input, output: output, error: error,
                                            terminal: isatty(input) != 0 ? input : nil)
        reset_prog_mode()
        tcflush(input, TCIFLUSH)
        flushinp()
        // The window may have been resized meanwhile: SIGWINCH went to the program's group.
        var rows: Int32 = 0
        var columns: Int32 = 0
        cn_window_size(output, &rows, &columns)
        let current = size
        if rows > 0, columns > 0, (Int(columns), Int(rows)) != (current.width, current.height) {
            resizeterm(rows, columns)
        }
        clearok(cn_curscr(), true)
        clearok(window, true)
        return outcome
    }

    /// The locale the environment names is not installed here (an SSH client forwarding its LANG
    /// to a login node without it, say): setlocale left everything at "C", where ncursesw draws no
    /// Cyrillic at all. The user asked for UTF-8, so their terminal speaks it: characters are
    /// classified as in C.UTF-8, which every glibc has, instead.
    static func keepUTF8() {
        let variables: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
        let named = variables.lazy.compactMap { name in getenv(name).map { String(cString: $0) } }.first { !$0.isEmpty } ?? ""
        let lowercased = named.lowercased()
        guard lowercased.contains("utf-8") || lowercased.contains("utf8") else { return }
        for fallback in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, fallback) != nil { return }
    }

    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        let code = Int32(bitPattern: character)
        if result == cn_key_code_yes() {
            if code == KEY_RESIZE {
                let (width, height) = size
                return .resize(width: width, height: height)
            }
            return Self.key(forKeyCode: code).map(InputEvent.key)
        }
        if code == 27, let alt = readAltKey() { return .key(alt) }
        return Self.key(forCharacter: code).map(InputEvent.key)
    }

    /// Terminals send Alt-x as ESC followed at once by x. Whatever else follows the ESC is put back
    /// to be read as the next key.
    private func readAltKey() -> Key? {
        wtimeout(window, 0)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        let code = Int32(bitPattern: character)
        if result == cn_key_code_yes() {
            ungetch(code)
            return nil
        }
        guard code >= 32, code != 127, let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else {
            unget_wch(wchar_t(bitPattern: UInt32(bitPattern: code)))
            return nil
        }
        return .alt(Character(scalar))
    }

    @discardableResult
    private func put(_ scalars: [wchar_t], x: Int, y: Int, attributes: attr_t, pair: Int32) -> Int32 {
        (scalars + [0]).withUnsafeBufferPointer { text in
            cn_put_cell(window, Int32(y), Int32(x), text.baseAddress, attributes, pair)
        }
    }

    private func attributes(for modifiers: Modifiers) -> attr_t {
        var attributes = cn_a_normal()
        if modifiers.contains(.bold) { attributes |= cn_a_bold() }
        if modifiers.contains(.dim) { attributes |= cn_a_dim() }
        if modifiers.contains(.italic) { attributes |= cn_a_italic() }
        if modifiers.contains(.underline) { attributes |= cn_a_underline() }
        if modifiers.contains(.reverse) { attributes |= cn_a_reverse() }
        return attributes
    }

    /// Pairs are allocated on first use; when the terminal has no pairs left, text falls back to the
    /// default colours rather than failing. Without colour every cell uses pair 0: modifiers only.
    private func colorPair(for style: Style) -> Int32 {
        guard colorDepth != .none else { return 0 }
        let shown = style.downgraded(to: colorDepth)
        let key = ColorPairKey(fg: colorNumber(shown.fg), bg: colorNumber(shown.bg))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let pair = Int32(pairs.count + 1)
        guard pair < pairLimit, init_extended_pair(pair, key.fg, key.bg) != ERR else { return 0 }
        pairs[key] = pair
        return pair
    }

    /// -1 is the terminal's default colour (enabled by use_default_colors).
    private func colorNumber(_ color: Color) -> Int32 {
        switch color.downgraded(to: colorDepth) {
        case .default:
            return -1
        case .indexed(let index):
            guard isDirectColor, index >= 8 else { return Int32(index) }
            let (red, green, blue) = XtermPalette.rgb(index)
            return Int32(red << 16 | green << 8 | blue)
        case .rgb(let red, let green, let blue):
            return Int32(red) << 16 | Int32(green) << 8 | Int32(blue)
        }
    }

    private static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_IC: .insert
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_ENTER: .enter
        case cn_key_f(1)...cn_key_f(63): .function(Int(code - cn_key_f(0)))
        default: nil
        }
    }

    private static func key(forCharacter code: Int32) -> Key? {
        switch code {
        case 10, 13: .enter
        case 27: .escape
        case 127, 8: .backspace
        case 9: .tab
        case 1...26: .ctrl(Character(Unicode.Scalar(UInt8(96 + code))))
        default: Unicode.Scalar(UInt32(bitPattern: code)).map { .char(Character($0)) }
        }
    }
}
