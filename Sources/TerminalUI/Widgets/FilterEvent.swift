/// What a key did to a `FilterState`.
public enum FilterEvent: Equatable, Sendable {
    /// The key is not one the filter line uses.
    case ignored
    /// The cursor moved, or the key was used without changing the query.
    case edited
    /// The query changed: the caller filters again as the user types.
    case changed(String)
    /// Enter: the query stays in force and the filter line closes.
    case applied(String)
    /// Esc: the query is cleared and the filter line closes.
    case cancelled
}
