import Model
import TerminalUI

extension FormState {
    /// A key in a form, the keymap's `submit` first: it sends the form from whichever field has
    /// the focus, as its first button (Create, Save, Add) would; every other key goes to the fields
    /// (Enter moves on in a line, presses a button; Esc cancels).
    /// A character a full field refuses is said under it (it would otherwise just not appear).
    mutating func handle(_ key: Key, command: KeyAction?, language: Language) -> FormEvent {
        if command == .submit { return .submitted(0) }
        let event = handle(key)
        if let full = refusedAtLimit { setError(Catalog.fieldFull(full.limit).text(in: language), for: full.id) }
        return event
    }
}
