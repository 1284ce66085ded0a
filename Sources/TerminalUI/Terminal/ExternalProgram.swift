/// A program the terminal is handed to until it exits, e.g. the user's editor: the runtime suspends
/// the screen, runs it in the foreground and repaints afterwards (bubbletea's `tea.ExecProcess`).
public struct ExternalProgram: Equatable, Sendable {
    /// A path, or a name looked up in PATH.
    public var executable: String
    /// Without the program's name (argv[0] is `executable`).
    public var arguments: [String]

    public init(executable: String, arguments: [String] = []) {
        self.executable = executable
        self.arguments = arguments
    }

    /// `command` as the shell reads it (so that "code --wait" or "emacs -nw" work, as with git),
    /// given `arguments` as its own: `sh -c 'command "$@"' command arguments…`.
    public static func shell(_ command: String, arguments: [String]) -> ExternalProgram {
        ExternalProgram(executable: "/bin/sh", arguments: ["-c", command + " \"$@\"", command] + arguments)
    }

    /// The user's editor as Unix programs choose it: $VISUAL (a full-screen editor, which this is a
    /// terminal for), then $EDITOR, then vi. Empty variables count as unset.
    public static func editorCommand(environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], value.contains(where: { $0 != " " && $0 != "\t" }) { return value }
        }
        return "vi"
    }

    /// How it ended.
    public enum Outcome: Equatable, Sendable {
        case exited(status: Int32)
        /// Killed by a signal (its number).
        case signalled(Int32)
        /// It could not be started: why (no such program, not executable…).
        case failedToStart(String)

        public var succeeded: Bool { self == .exited(status: 0) }
    }
}
