/// A destructive action waiting for the user to type the name it acts on, e.g. an application slug.
public struct ConfirmDialogState: Equatable, Sendable {
    /// The text the user must type exactly.
    public let expected: String
    public var input: TextFieldState
    /// Set when Enter was pressed with a wrong name; cleared by the next edit.
    public private(set) var showsHint = false

    public init(expected: String) {
        self.expected = expected
        input = TextFieldState()
    }

    /// Whether the confirm button works yet.
    public var isConfirmable: Bool { input.text == expected }

    /// Enter confirms only when the name matches, otherwise it shows the hint; Esc cancels; other keys
    /// edit the name.
    public mutating func handle(_ key: Key) -> ConfirmDialogEvent {
        switch key {
        case .escape:
            return .cancelled
        case .enter:
            if isConfirmable { return .confirmed }
            showsHint = true
        default:
            let before = input.text
            if input.handle(key) && input.text != before { showsHint = false }
        }
        return .none
    }
}
