/// A labelled field of a form, holding its own value so the value outlives each frame.
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text(TextFieldState, placeholder: String = "")
        /// A multi-line field `height` rows tall, its counter included.
        case textArea(TextAreaState, placeholder: String = "", height: Int = 4)
        case select(SelectState, placeholder: String = "")
        /// A row of buttons, e.g. "Создать" and "Отмена".
        case buttons([String])
    }

    /// How the caller finds the field, e.g. to read its value or attach a server error.
    public var id: String
    /// Shown above the field; an empty label takes no row.
    public var label: String
    public var kind: Kind
    /// Shown under the field in the error style until the caller clears it.
    public var error: String?

    public init(id: String, label: String, kind: Kind, error: String? = nil) {
        self.id = id
        self.label = label
        self.kind = kind
        self.error = error
    }

    /// The text of a text field or text area, or the chosen option of a select.
    public var value: String? {
        switch kind {
        case .text(let state, _): state.text
        case .textArea(let state, _, _): state.text
        case .select(let state, _): state.selectedOption
        case .buttons: nil
        }
    }

    /// A text's most characters, and how many it has (as its limit counts them).
    var limit: Int? {
        switch kind {
        case .text(let state, _): state.maxLength
        case .textArea(let state, _, _): state.maxLength
        case .select, .buttons: nil
        }
    }

    var length: Int {
        switch kind {
        case .text(let state, _): state.text.count
        case .textArea(let state, _, _): state.count
        case .select, .buttons: 0
        }
    }

    var buttonCount: Int {
        if case .buttons(let labels) = kind { labels.count } else { 0 }
    }

    /// Rows the field itself takes, without label and error.
    var inputHeight: Int {
        if case .textArea(_, _, let height) = kind { max(height, 1) } else { 1 }
    }
}
