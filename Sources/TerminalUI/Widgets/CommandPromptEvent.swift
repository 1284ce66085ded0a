/// What a key did to a `CommandPromptState`.
public enum CommandPromptEvent: Equatable, Sendable {
    /// The key is not one the command line uses.
    case ignored
    /// The text or the cursor changed, or the key was used without changing anything.
    case edited
    /// Enter with a command: the trimmed text, now in the history; the line is emptied.
    case submitted(String)
    /// Esc, or Enter on an empty line: the caller closes the prompt; the line is emptied.
    case cancelled
}
