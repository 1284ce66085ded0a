/// Keys as keymap files write them, in helix's notation: `j`, `G`, `C-f`, `A-x`, `S-tab`, `F10`,
/// `esc`, `enter`, `space`, `up`, `pageup`, `del`, ….
public enum KeyNotation {
    public static func parse(_ text: String) -> Key? {
        try? read(text).get()
    }

    /// The notation `parse` reads back; help screens show it.
    public static func describe(_ key: Key) -> String {
        switch key {
        case .char(" "): "space"
        case .char(let character): String(character)
        case .ctrl(let character): "C-\(character)"
        case .alt(" "): "A-space"
        case .alt(let character): "A-\(character)"
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "backspace"
        case .tab: "tab"
        case .backTab: "S-tab"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pageup"
        case .pageDown: "pagedown"
        case .insert: "ins"
        case .delete: "del"
        case .function(let number): "F\(number)"
        }
    }

    struct Failure: Error {
        let message: String
    }

    /// The key, or why the notation cannot be one.
    static func read(_ text: String) -> Result<Key, Failure> {
        var rest = Substring(text)
        var modifiers: [Character] = []
        while rest.count > 2, let first = rest.first, "CAS".contains(first), rest.dropFirst().first == "-" {
            guard !modifiers.contains(first) else { return .failure(Failure(message: "\"\(first)-\" given twice")) }
            modifiers.append(first)
            rest = rest.dropFirst(2)
        }
        guard let base = named[rest.lowercased()] ?? single(rest) ?? function(rest) else {
            let examples = "a character, C-x, A-x, S-tab, F1, esc, enter, space, up, pageup…"
            return .failure(Failure(message: "\"\(rest)\" is not a key (try \(examples))"))
        }
        switch (Set(modifiers), base) {
        case ([], _):
            return .success(base)
        case (["C"], .char(let character)):
            return control(character)
        case (["A"], .char(let character)):
            return .success(.alt(character))
        case (["S"], .tab):
            return .success(.backTab)
        case (["S"], .char(let character)) where character.isLetter:
            return .success(.char(Character(character.uppercased())))
        case (["A", "S"], .char(let character)) where character.isLetter:
            return .success(.alt(Character(character.uppercased())))
        default:
            let combination = modifiers.map { "\($0)-" }.joined() + rest
            let rule = "use C- with a letter, A- with a character, S- with a letter or tab"
            return .failure(Failure(message: "terminals cannot send \(combination): \(rule)"))
        }
    }

    /// Control letters; those a terminal sends as the same byte as another key are refused, since a
    /// binding for them would silently catch that key too.
    private static func control(_ character: Character) -> Result<Key, Failure> {
        let letter = Character(character.lowercased())
        if let twin = ["h": "backspace", "i": "tab", "j": "enter", "m": "enter"][letter] {
            return .failure(Failure(message: "terminals send C-\(letter) as \(twin); bind \"\(twin)\" instead"))
        }
        guard letter.isASCII, letter.isLetter else {
            return .failure(Failure(message: "C- combines only with a letter a-z"))
        }
        return .success(.ctrl(letter))
    }

    private static func single(_ text: Substring) -> Key? {
        text.count == 1 ? text.first.map(Key.char) : nil
    }

    private static func function(_ text: Substring) -> Key? {
        guard text.count > 1, text.first == "F" || text.first == "f", let number = Int(text.dropFirst()),
            (1...63).contains(number)
        else { return nil }
        return .function(number)
    }

    private static let named: [String: Key] = [
        "esc": .escape, "escape": .escape, "enter": .enter, "ret": .enter, "return": .enter,
        "space": .char(" "), "minus": .char("-"), "tab": .tab, "backtab": .backTab, "backspace": .backspace,
        "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown,
        "ins": .insert, "insert": .insert, "del": .delete, "delete": .delete,
    ]
}
