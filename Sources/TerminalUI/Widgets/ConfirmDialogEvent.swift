/// What a key did to a `ConfirmDialogState`.
public enum ConfirmDialogEvent: Equatable, Sendable {
    case none
    /// Enter was pressed with the expected name typed: go ahead.
    case confirmed
    /// Esc was pressed: do nothing.
    case cancelled
}
