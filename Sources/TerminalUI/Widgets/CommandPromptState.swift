/// The `:` command being typed: the text and cursor, the history of submitted commands (up and down
/// go through it) and Tab completion from the caller's commands.
public struct CommandPromptState: Sendable {
    var field: TextFieldState
    /// What Tab completes from, matched by prefix ignoring case.
    public var commands: [String]
    /// Submitted commands, oldest first, at most `maxHistory` of them.
    public private(set) var history: [String]
    public var maxHistory: Int
    /// The history entry shown, while going through it with up and down.
    private var historyIndex: Int?
    /// The text typed before going into the history, restored after its newest entry.
    private var draft = ""
    /// The candidates repeated Tabs cycle through, and which one is shown.
    private var cycle: (candidates: [String], index: Int)?

    public init(commands: [String] = [], history: [String] = [], maxHistory: Int = 100) {
        field = TextFieldState()
        self.commands = commands
        self.maxHistory = max(maxHistory, 0)
        self.history = Array(history.suffix(self.maxHistory))
    }

    public var text: String {
        get { field.text }
        set {
            field.text = newValue
            cycle = nil
        }
    }

    /// The cursor as a grapheme index, 0 through the grapheme count.
    public var cursor: Int {
        get { field.cursor }
        set { field.cursor = newValue }
    }

    public mutating func handle(_ key: Key) -> CommandPromptEvent {
        if key != .tab && key != .backTab { cycle = nil }
        switch key {
        case .enter:
            let command = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            reset()
            guard !command.isEmpty else { return .cancelled }
            if history.last != command { history.append(command) }
            history = Array(history.suffix(maxHistory))
            return .submitted(command)
        case .escape:
            reset()
            return .cancelled
        case .tab: complete(forward: true)
        case .backTab: complete(forward: false)
        case .up: showHistory(older: true)
        case .down: showHistory(older: false)
        default:
            guard field.handle(key) else { return .ignored }
            historyIndex = nil
        }
        return .edited
    }

    /// Tab: with one candidate, it is taken; with several, the text grows to their common prefix, and
    /// once it is there each further Tab shows the next candidate (Shift-Tab the previous one).
    public mutating func complete(forward: Bool = true) {
        if var cycle, !cycle.candidates.isEmpty {
            let count = cycle.candidates.count
            cycle.index = ((cycle.index + (forward ? 1 : -1)) % count + count) % count
            show(cycle.candidates[cycle.index])
            self.cycle = cycle
            return
        }
        let typed = text.lowercased()
        var candidates: [String] = []
        for command in commands where command.lowercased().hasPrefix(typed) && !candidates.contains(command) {
            candidates.append(command)
        }
        guard let first = candidates.first else { return }
        guard candidates.count > 1 else {
            show(first)
            return
        }
        let prefix = Self.commonPrefix(candidates)
        if prefix.count > text.count {
            show(prefix)
        } else {
            // The text may itself be a candidate ("theme" of "theme", "theme light"): the first
            // Tab of the cycle shows the next one, not the text again.
            let index = forward ? candidates.firstIndex { $0.lowercased() != typed } ?? 0 : candidates.count - 1
            show(candidates[index])
            cycle = (candidates, index)
        }
    }

    private mutating func show(_ text: String) {
        field.text = text
        field.cursor = field.text.count
    }

    private mutating func showHistory(older: Bool) {
        guard !history.isEmpty else { return }
        if historyIndex == nil {
            guard older else { return }
            draft = text
        }
        let index = (historyIndex ?? history.count) + (older ? -1 : 1)
        if index >= history.count {
            historyIndex = nil
            show(draft)
        } else {
            historyIndex = max(index, 0)
            show(history[max(index, 0)])
        }
    }

    private mutating func reset() {
        field.text = ""
        historyIndex = nil
        draft = ""
        cycle = nil
    }

    /// The longest start all `texts` share, ignoring case, spelt as in the first.
    private static func commonPrefix(_ texts: [String]) -> String {
        guard var prefix = texts.first.map(Array.init) else { return "" }
        for text in texts.dropFirst() {
            let characters = Array(text)
            var length = 0
            while length < min(prefix.count, characters.count)
                && prefix[length].lowercased() == characters[length].lowercased()
            {
                length += 1
            }
            prefix = Array(prefix.prefix(length))
        }
        return String(prefix)
    }
}
