/// Values: strings of the four kinds, integers, floats, booleans, date-times, arrays and inline tables.
extension TOMLParser {
    mutating func parseValue() throws(ConfigProblem) -> TOMLValue {
        let valueLine = line
        guard let next = peek else { throw error("expected a value", found: true) }
        switch next {
        case "\"":
            let text = peek(offset: 1) == "\"" && peek(offset: 2) == "\"" ? try parseMultilineString(literal: false) : try parseBasicString()
            return TOMLValue(.string(text), line: valueLine)
        case "'":
            let text = peek(offset: 1) == "'" && peek(offset: 2) == "'" ? try parseMultilineString(literal: true) : try parseLiteralString()
            return TOMLValue(.string(text), line: valueLine)
        case "[":
            return TOMLValue(.array(try parseArray()), line: valueLine)
        case "{":
            return TOMLValue(.table(try parseInlineTable()), line: valueLine)
        default:
            let word = takeWord()
            switch word {
            case "": throw error("expected a value", found: true)
            case "true": return TOMLValue(.boolean(true), line: valueLine)
            case "false": return TOMLValue(.boolean(false), line: valueLine)
            default:
                if let kind = Self.scalar(word) { return TOMLValue(kind, line: valueLine) }
                if let first = word.unicodeScalars.first, "0123456789+-".unicodeScalars.contains(first) {
                    throw error("expected a number or a date, found \"\(word)\"\(Self.numberHint(word))", line: valueLine)
                }
                throw error("expected a value, found \"\(word)\" (strings need quotes)", line: valueLine)
            }
        }
    }

    /// The run of characters a number, a boolean or a date-time is made of. A date followed by a
    /// space and a time is one date-time (`1979-05-27 07:32:00`).
    private mutating func takeWord() -> String {
        var word = takeRun()
        if word.unicodeScalars.count == 10, TOMLDateTime.parse(word)?.date != nil, peek == " ",
           let first = peek(offset: 1), ("0"..."9").contains(first), let second = peek(offset: 2), ("0"..."9").contains(second), peek(offset: 3) == ":" {
            advance()
            word += " " + takeRun()
        }
        return word
    }

    private mutating func takeRun() -> String {
        var word = ""
        while let scalar = peek, ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
                || "+-_.:".unicodeScalars.contains(scalar) {
            word.unicodeScalars.append(scalar)
            advance()
        }
        return word
    }

    /// An integer, a float or a date-time as TOML 1.0 writes them; nil for anything else.
    static func scalar(_ word: String) -> TOMLValue.Kind? {
        switch word {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if word.contains(":") || (word.unicodeScalars.count >= 10 && Array(word.unicodeScalars)[4] == "-") {
            return TOMLDateTime.parse(word).map { .dateTime($0) }
        }
        for (prefix, radix, isDigit) in [("0x", 16, { (s: Unicode.Scalar) in s.properties.isASCIIHexDigit }),
                                         ("0o", 8, { ("0"..."7").contains($0) }), ("0b", 2, { $0 == "0" || $0 == "1" })]
        where word.hasPrefix(prefix) {
            guard let digits = digits(word.dropFirst(2), isDigit), let value = Int(digits, radix: radix) else { return nil }
            return .integer(value)
        }
        var rest = Substring(word)
        var sign = ""
        if let first = rest.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            rest = rest.dropFirst()
        }
        let isDecimal = { (s: Unicode.Scalar) in ("0"..."9").contains(s) }
        let integerEnd = rest.firstIndex { $0 == "." || $0 == "e" || $0 == "E" } ?? rest.endIndex
        guard let integer = digits(rest[..<integerEnd], isDecimal), integer == "0" || !integer.hasPrefix("0") else { return nil }
        rest = rest[integerEnd...]
        if rest.isEmpty { return Int(sign + integer).map { .integer($0) } }
        var number = sign + integer
        if rest.first == "." {
            let fractionEnd = rest.firstIndex { $0 == "e" || $0 == "E" } ?? rest.endIndex
            guard let fraction = digits(rest.dropFirst()[..<fractionEnd], isDecimal) else { return nil }
            number += "." + fraction
            rest = rest[fractionEnd...]
        }
        if let first = rest.first, first == "e" || first == "E" {
            var exponent = rest.dropFirst()
            var exponentSign = ""
            if let first = exponent.first, first == "+" || first == "-" {
                exponentSign = String(first)
                exponent = exponent.dropFirst()
            }
            guard let exponentDigits = digits(exponent, isDecimal) else { return nil }
            number += "e" + exponentSign + exponentDigits
            rest = rest[rest.endIndex...]
        }
        guard rest.isEmpty, let value = Double(number) else { return nil }
        return .float(value)
    }

    /// Digits with single underscores between them (`1_000`), without the underscores; nil otherwise.
    private static func digits(_ text: Substring, _ isDigit: (Unicode.Scalar) -> Bool) -> String? {
        var result = ""
        var previousWasDigit = false
        for scalar in text.unicodeScalars {
            if scalar == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
            } else {
                guard isDigit(scalar) else { return nil }
                result.unicodeScalars.append(scalar)
                previousWasDigit = true
            }
        }
        return previousWasDigit ? result : nil
    }

    private static func numberHint(_ word: String) -> String {
        let digits = word.filter { $0 != "_" && $0 != "+" && $0 != "-" }
        if word.contains("__") || word.hasSuffix("_") || word.contains("_.") || word.contains("._") { return " (an underscore goes between two digits)" }
        if digits.count > 1, digits.hasPrefix("0"), digits.allSatisfy(\.isNumber) { return " (no leading zeros: write 7, not 007)" }
        if word.hasSuffix(".") || word.contains(".e") || word.contains(".E") { return " (a decimal point needs digits on both sides)" }
        if word.contains(":") || word.filter({ $0 == "-" }).count >= 2 { return " (a date is 1979-05-27, a time 07:32:00)" }
        if Int(word.filter { $0 != "_" }) == nil, word.allSatisfy({ $0.isNumber || $0 == "_" || $0 == "+" || $0 == "-" }) { return " (integers are 64-bit)" }
        return ""
    }

    // MARK: Strings

    mutating func parseBasicString() throws(ConfigProblem) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek, scalar != "\n" else { throw error("expected a closing quote (\")", found: true) }
            if Self.isControl(scalar) { throw error("expected a closing quote (\")", found: true) }
            advance()
            switch scalar {
            case "\"": return String(result)
            case "\\": result.append(try parseEscape())
            default: result.append(scalar)
            }
        }
    }

    mutating func parseLiteralString() throws(ConfigProblem) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek, scalar != "\n", !Self.isControl(scalar) else { throw error("expected a closing quote (')", found: true) }
            advance()
            if scalar == "'" { return String(result) }
            result.append(scalar)
        }
    }

    /// `"""…"""` or `'''…'''`: a newline right after the opening quotes is not part of the text; in
    /// the basic kind a backslash at the end of a line joins it to the next, spaces and all; up to two
    /// quotes may stand before the closing three.
    private mutating func parseMultilineString(literal: Bool) throws(ConfigProblem) -> String {
        let quote: Unicode.Scalar = literal ? "'" : "\""
        let closing = String(repeating: String(quote), count: 3)
        for _ in 0..<3 { advance() }
        if peek == "\n" { advance() }
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek else { throw error("expected the closing \(closing)", found: true) }
            if scalar == quote, peek(offset: 1) == quote, peek(offset: 2) == quote {
                for _ in 0..<3 { advance() }
                for _ in 0..<2 where peek == quote {
                    result.append(quote)
                    advance()
                }
                return String(result)
            }
            if Self.isControl(scalar) && scalar != "\n" { throw error("expected the closing \(closing)", found: true) }
            advance()
            if scalar == "\\" && !literal {
                if let next = peek, next == " " || next == "\t" || next == "\n" {
                    skipSpaces()
                    guard peek == "\n" else { throw error("a \\ that ends a line may only be followed by spaces", found: true) }
                    while let blank = peek, blank == " " || blank == "\t" || blank == "\n" { advance() }
                } else {
                    result.append(try parseEscape())
                }
            } else {
                result.append(scalar)
            }
        }
    }

    private mutating func parseEscape() throws(ConfigProblem) -> Unicode.Scalar {
        guard let code = peek, code != "\n" else { throw error("expected an escape after \"\\\"", found: true) }
        advance()
        switch code {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u": return try parseUnicodeEscape(digits: 4)
        case "U": return try parseUnicodeEscape(digits: 8)
        default:
            throw error("unknown escape \"\\\(code)\" (expected \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX or \\UXXXXXXXX)")
        }
    }

    private mutating func parseUnicodeEscape(digits: Int) throws(ConfigProblem) -> Unicode.Scalar {
        var hex = ""
        for _ in 0..<digits {
            guard let scalar = peek, scalar.properties.isASCIIHexDigit else {
                throw error("expected \(digits) hexadecimal digits after \\\(digits == 4 ? "u" : "U")", found: true)
            }
            hex.unicodeScalars.append(scalar)
            advance()
        }
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw error("\\\(digits == 4 ? "u" : "U")\(hex) is not a Unicode scalar value")
        }
        return scalar
    }

    // MARK: Arrays and inline tables

    private mutating func parseArray() throws(ConfigProblem) -> [TOMLValue] {
        advance()
        var elements: [TOMLValue] = []
        while true {
            try skipBlankLinesAndComments()
            if peek == "]" {
                advance()
                return elements
            }
            elements.append(try parseValue())
            try skipBlankLinesAndComments()
            switch peek {
            case ",": advance()
            case "]": continue
            default: throw error("expected \",\" or \"]\" in the array", found: true)
            }
        }
    }

    /// `{ fg = "red", modifiers = ["bold"] }`: on one line, without a trailing comma (TOML 1.0), and
    /// complete: nothing is added to it later.
    private mutating func parseInlineTable() throws(ConfigProblem) -> TOMLTable {
        let tableLine = line
        advance()
        var table = TOMLTable()
        let definitions = TOMLDefinitions()
        skipSpaces()
        if peek == "}" {
            advance()
            return table
        }
        while true {
            skipSpaces()
            if peek == "\n" { throw error("an inline table is written on one line (line \(tableLine)); use a [table] for more", found: true) }
            let keyLine = line
            let (path, value) = try parseAssignment()
            let name = Self.display(path)
            if let frozen = definitions.frozenLine(path) {
                throw error("key \"\(name)\" adds to a value that is complete where it is written (line \(frozen))", line: keyLine)
            }
            do throws(TOMLTable.Conflict) {
                try table.insert(value, at: path[...])
            } catch {
                throw self.error("key \"\(name)\" is given twice in the inline table", line: keyLine)
            }
            if value.table != nil || value.array != nil { definitions.freeze(path, line: keyLine) }
            skipSpaces()
            switch peek {
            case ",":
                advance()
                skipSpaces()
                if peek == "}" { throw error("no comma after the last key of an inline table") }
            case "}":
                advance()
                return table
            case "\n"?:
                throw error("an inline table is written on one line (line \(tableLine)); use a [table] for more", found: true)
            default: throw error("expected \",\" or \"}\" in the inline table", found: true)
            }
        }
    }
}
