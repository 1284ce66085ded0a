import TerminalUI

extension FormState {
    /// A key in a form, the keymap's `submit` first: it sends the form from whichever field has
    /// the focus, as its first button (Create, Save, Add) would; every other key goes to the fields
    /// (Enter moves on in a line, presses a button; Esc cancels).
    mutating func handle(_ key: Key, command: KeyAction?) -> FormEvent {
        command == .submit ? .submitted(0) : handle(key)
    }
}
