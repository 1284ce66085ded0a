import ConfigFormat

/// Turns the values of a theme file into colours, modifiers and styles, describing what is wrong
/// with a value instead of guessing.
enum ThemeStyleReader {
    /// The 16 ANSI names as helix spells them: "gray" is bright black, "light-gray" is plain white.
    static let ansiNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "light-gray": 7,
        "gray": 8, "light-red": 9, "light-green": 10, "light-yellow": 11, "light-blue": 12,
        "light-magenta": 13, "light-cyan": 14, "white": 15,
    ]

    static let modifierNames: [String: Modifiers] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "underlined": .underline,
        "reversed": .reverse, "reverse": .reverse,
    ]

    /// "#rrggbb", 0...255, one of the 16 ANSI names, "default", or a name from the palette.
    static func color(_ value: TOMLValue, palette: [String: Color]) -> Result<Color, Failure> {
        if let number = value.integer {
            guard let index = UInt8(exactly: number) else {
                return .failure(Failure("colour number \(number) is outside 0-255"))
            }
            return .success(.indexed(index))
        }
        guard let text = value.string else {
            return .failure(Failure("expected a colour (\"#rrggbb\", 0-255 or a name), found \(value.typeDescription)"))
        }
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            guard digits.count == 6, let packed = UInt32(digits, radix: 16) else {
                return .failure(Failure("colour \"\(text)\" is not of the form #rrggbb"))
            }
            return .success(.rgb(UInt8(packed >> 16), UInt8(packed >> 8 & 0xFF), UInt8(packed & 0xFF)))
        }
        if let color = palette[text] { return .success(color) }
        if let index = ansiNames[text] { return .success(.indexed(index)) }
        if text == "default" { return .success(.default) }
        return .failure(Failure("unknown colour \"\(text)\""))
    }

    /// A scope's value: a colour string (foreground only) or `{ fg, bg, modifiers }`. Each faulty part
    /// is reported and left out; the rest of the style still applies.
    static func style(_ value: TOMLValue, palette: [String: Color]) -> (Style, [Failure]) {
        if value.string != nil || value.integer != nil {
            switch color(value, palette: palette) {
            case .success(let fg): return (Style(fg: fg), [])
            case .failure(let failure): return (Style(), [failure])
            }
        }
        guard let table = value.table else {
            return (
                Style(),
                [Failure("expected a colour or { fg = …, bg = …, modifiers = […] }, found \(value.typeDescription)")]
            )
        }
        var style = Style()
        var failures: [Failure] = []
        for (field, fieldValue) in table.entries {
            switch field {
            case "fg", "bg":
                switch color(fieldValue, palette: palette) {
                case .success(let color) where field == "fg": style.fg = color
                case .success(let color): style.bg = color
                case .failure(let failure): failures.append(failure.at(fieldValue.line))
                }
            case "modifiers":
                guard let names = fieldValue.array else {
                    failures.append(Failure("modifiers must be an array such as [\"bold\"]", line: fieldValue.line))
                    continue
                }
                for name in names {
                    if let text = name.string, let modifier = modifierNames[text] {
                        style.modifiers.insert(modifier)
                    } else {
                        let shown = name.string.map { "\"\($0)\"" } ?? name.typeDescription
                        failures.append(
                            Failure(
                                "unknown modifier \(shown) (expected bold, dim, italic, underline, reversed)",
                                line: name.line))
                    }
                }
            default:
                failures.append(
                    Failure(
                        "unknown style field \"\(field)\" (expected fg, bg, modifiers; quote dotted scopes: \"ui.text\")",
                        line: fieldValue.line))
            }
        }
        return (style, failures)
    }

    struct Failure: Error, Equatable {
        let message: String
        /// Where inside a multi-line value the fault is, when it is not the line of the key.
        var line: Int?

        init(_ message: String, line: Int? = nil) {
            self.message = message
            self.line = line
        }

        func at(_ line: Int) -> Failure {
            Failure(message, line: self.line ?? line)
        }
    }
}
