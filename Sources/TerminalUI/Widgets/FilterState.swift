/// The `/` filter being typed: its query and cursor.
public struct FilterState: Sendable {
    var field: TextFieldState

    public init(query: String = "") {
        field = TextFieldState(text: query)
    }

    public var query: String {
        get { field.text }
        set { field.text = newValue }
    }

    public mutating func handle(_ key: Key) -> FilterEvent {
        switch key {
        case .enter:
            return .applied(query)
        case .escape:
            query = ""
            return .cancelled
        default:
            let before = query
            guard field.handle(key) else { return .ignored }
            return query == before ? .edited : .changed(query)
        }
    }
}
