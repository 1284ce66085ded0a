/// What a key did to a `FormState`, for its caller to act on.
public enum FormEvent: Equatable, Sendable {
    case none
    /// A button was pressed; buttons are numbered in form order from 0, across all button rows.
    case submitted(Int)
    /// Esc was pressed while no field needed it.
    case cancelled
}
