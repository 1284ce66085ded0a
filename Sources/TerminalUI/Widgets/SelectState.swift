/// What a `Select` chooses from and which option is chosen; while open, which option is highlighted.
public struct SelectState: Equatable, Sendable {
    public var options: [String] {
        didSet { clamp() }
    }
    /// The chosen option; nil until the user chooses one (or when there are no options).
    public var selected: Int? {
        didSet { clamp() }
    }
    public private(set) var isOpen = false
    /// The option under the cursor while the list is open.
    public private(set) var highlighted = 0
    /// The first option shown in the open list; `Select.render` keeps the highlight visible.
    public internal(set) var offset = 0

    public init(options: [String], selected: Int? = nil) {
        self.options = options
        self.selected = selected
        clamp()
    }

    public var selectedOption: String? { selected.map { options[$0] } }

    /// Closed: Enter or space opens the list. Open: up/down (or k/j), Home/End and PageUp/PageDown move,
    /// Enter or space chooses, Esc closes without change, and Tab closes and is passed on; every other
    /// key is swallowed while the list is open. True when the key was used.
    public mutating func handle(_ key: Key) -> Bool {
        guard isOpen else {
            guard key == .enter || key == .char(" "), !options.isEmpty else { return false }
            isOpen = true
            highlighted = selected ?? 0
            return true
        }
        switch key {
        case .up, .char("k"), .ctrl("p"): move(by: -1)
        case .down, .char("j"), .ctrl("n"): move(by: 1)
        case .pageUp: move(by: -10)
        case .pageDown: move(by: 10)
        case .home: move(by: -options.count)
        case .end: move(by: options.count)
        case .enter, .char(" "):
            selected = options.isEmpty ? nil : highlighted
            isOpen = false
        case .escape:
            isOpen = false
        case .tab, .backTab:
            isOpen = false
            return false
        default:
            break
        }
        return true
    }

    public mutating func close() {
        isOpen = false
    }

    private mutating func move(by delta: Int) {
        highlighted = min(max(highlighted + delta, 0), max(options.count - 1, 0))
    }

    private mutating func clamp() {
        if let chosen = selected, !options.indices.contains(chosen) {
            selected = options.isEmpty ? nil : min(max(chosen, 0), options.count - 1)
        }
        highlighted = min(max(highlighted, 0), max(options.count - 1, 0))
        if options.isEmpty { isOpen = false }
    }
}
