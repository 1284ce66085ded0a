/// The fields of a form with their values and errors, and which field (or button) has focus.
public struct FormState: Equatable, Sendable {
    public var fields: [FormField] {
        didSet { clampFocus() }
    }
    /// The field with focus.
    public private(set) var focusedField = 0
    /// Within a button row, the button with focus.
    public private(set) var focusedButton = 0
    /// The first row shown; `Form.render` keeps the focused field visible.
    public internal(set) var offset = 0
    /// The field whose limit refused the last key (a 1001st character), for the screen to say so.
    public private(set) var refusedAtLimit: FieldLimit?

    public struct FieldLimit: Equatable, Sendable {
        public let id: String
        public let limit: Int
    }

    /// Focus is on the form's last stop (its last field, or the last button of its last row):
    /// Tab from here wraps to the first. A screen may take that Tab to move on instead.
    public var focusIsOnLastStop: Bool {
        guard let last = fields.indices.last else { return true }
        return focusedField == last && focusedButton >= fields[last].buttonCount - 1
    }

    /// Focus is on the form's first stop: BackTab from here wraps to the last.
    public var focusIsOnFirstStop: Bool { focusedField == 0 && focusedButton == 0 }

    public init(fields: [FormField]) {
        self.fields = fields
        clampFocus()
    }

    /// Takes the words of `other` (the same form built in another language): each field's label,
    /// placeholder, a select's option names (when there are as many) and the buttons' names. What
    /// was typed or chosen, the focus and the errors stay as they are.
    public mutating func relabel(from other: FormState) {
        for index in fields.indices {
            guard let words = other[fields[index].id] else { continue }
            fields[index].label = words.label
            switch (fields[index].kind, words.kind) {
            case (.text(let state, _), .text(_, let placeholder)):
                fields[index].kind = .text(state, placeholder: placeholder)
            case (.textArea(let state, _, let height), .textArea(_, let placeholder, _)):
                fields[index].kind = .textArea(state, placeholder: placeholder, height: height)
            case (.select(var state, _), .select(let named, let placeholder)):
                if named.options.count == state.options.count { state.options = named.options }
                fields[index].kind = .select(state, placeholder: placeholder)
            case (.buttons(let mine), .buttons(let names)) where mine.count == names.count:
                fields[index].kind = .buttons(names)
            default:
                break
            }
        }
    }

    public subscript(id: String) -> FormField? {
        get { fields.first { $0.id == id } }
        set {
            guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
            if let newValue { fields[index] = newValue } else { fields.remove(at: index) }
        }
    }

    /// The text of a text field or text area, or the chosen option of a select.
    public func value(of id: String) -> String? {
        self[id]?.value
    }

    /// Shows `message` under the field (nil removes it), e.g. an error the server reported for it.
    public mutating func setError(_ message: String?, for id: String) {
        guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[index].error = message
    }

    public mutating func clearErrors() {
        for index in fields.indices { fields[index].error = nil }
    }

    /// Moves focus to the field `id`, e.g. the first one with an error.
    public mutating func focus(_ id: String) {
        guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
        moveFocus(to: index, button: 0)
    }

    /// The focused field sees the key first. Keys it does not use move focus: Tab and down to the
    /// next field (Tab also through the buttons of a row, wrapping), BackTab and up back; left and
    /// right between buttons. Enter in a text field moves on; Enter or space on a button submits it;
    /// Esc cancels.
    public mutating func handle(_ key: Key) -> FormEvent {
        guard fields.indices.contains(focusedField) else {
            return key == .escape ? .cancelled : .none
        }
        let before = fields[focusedField].value
        refusedAtLimit = nil
        if useInFocusedField(key) {
            if case .char = key, fields[focusedField].value == before, let limit = fields[focusedField].limit,
               fields[focusedField].length >= limit {
                refusedAtLimit = FieldLimit(id: fields[focusedField].id, limit: limit)
            }
            // An error is about the value it was given: a changed value is not it any more (a
            // screen that checks as you type sets its own again; the platform's goes until the
            // next refusal).
            if fields[focusedField].value != before { fields[focusedField].error = nil }
            return .none
        }
        let buttons = fields[focusedField].buttonCount
        switch key {
        case .escape:
            return .cancelled
        case .enter where buttons > 0, .char(" ") where buttons > 0:
            return .submitted(buttonsBefore(focusedField) + focusedButton)
        case .tab:
            if focusedButton < buttons - 1 {
                focusedButton += 1
            } else {
                moveFocus(to: (focusedField + 1) % fields.count, button: 0)
            }
        case .backTab:
            if focusedButton > 0 {
                focusedButton -= 1
            } else {
                let previous = (focusedField - 1 + fields.count) % fields.count
                moveFocus(to: previous, button: fields[previous].buttonCount - 1)
            }
        case .down, .enter:
            moveFocus(to: min(focusedField + 1, fields.count - 1), button: 0)
        case .up:
            moveFocus(to: max(focusedField - 1, 0), button: 0)
        case .left where buttons > 0:
            focusedButton = max(focusedButton - 1, 0)
        case .right where buttons > 0:
            focusedButton = min(focusedButton + 1, buttons - 1)
        default:
            break
        }
        return .none
    }

    private mutating func useInFocusedField(_ key: Key) -> Bool {
        switch fields[focusedField].kind {
        case .text(var state, let placeholder):
            let used = state.handle(key)
            fields[focusedField].kind = .text(state, placeholder: placeholder)
            return used
        case .textArea(var state, let placeholder, let height):
            let used = state.handle(key)
            fields[focusedField].kind = .textArea(state, placeholder: placeholder, height: height)
            return used
        case .select(var state, let placeholder):
            let used = state.handle(key)
            fields[focusedField].kind = .select(state, placeholder: placeholder)
            return used
        case .buttons:
            return false
        }
    }

    private mutating func moveFocus(to index: Int, button: Int) {
        if case .select(var state, let placeholder) = fields[focusedField].kind, state.isOpen {
            state.close()
            fields[focusedField].kind = .select(state, placeholder: placeholder)
        }
        focusedField = index
        focusedButton = min(max(button, 0), max(fields[index].buttonCount - 1, 0))
    }

    private func buttonsBefore(_ index: Int) -> Int {
        fields.prefix(index).reduce(0) { $0 + $1.buttonCount }
    }

    private mutating func clampFocus() {
        focusedField = min(max(focusedField, 0), max(fields.count - 1, 0))
        let buttons = fields.indices.contains(focusedField) ? fields[focusedField].buttonCount : 0
        focusedButton = min(max(focusedButton, 0), max(buttons - 1, 0))
    }
}
