import Foundation

/// A TOML file, read with the subset that themes and keymaps need: comments, `[table]` and `[a.b]`
/// headers, bare, quoted and dotted keys, basic and literal strings, integers, booleans, arrays (over
/// several lines if need be) and inline tables. Floats, dates, multi-line strings and `[[arrays]]` of
/// tables are reported as unsupported rather than misread.
public struct TOMLDocument: Sendable {
    public let file: String
    public let root: TOMLTable
    /// Keys given twice. TOML forbids them; we keep the first value and report the rest, so that one
    /// slip in a keymap does not cost the user the whole file.
    public let duplicates: [ConfigProblem]

    /// Throws on the first syntax error, naming the file, the line and what was expected there.
    public init(parsing text: String, file: String) throws(ConfigProblem) {
        var parser = TOMLParser(text: text, file: file)
        try parser.parseDocument()
        self.file = file
        root = parser.root
        duplicates = parser.duplicates
    }

    /// Reads and parses the file at `path`; a file that cannot be read is reported without a line.
    public init(contentsOf path: String) throws(ConfigProblem) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigProblem(file: path, message: "cannot read the file")
        }
        let text = String(decoding: data, as: UTF8.self)
        try self.init(parsing: text, file: path)
    }
}

private struct TOMLParser {
    let file: String
    private let text: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private(set) var root = TOMLTable()
    private(set) var duplicates: [ConfigProblem] = []
    private var currentTable: [String] = []
    private var headerLines: [[String]: Int] = [:]

    init(text: String, file: String) {
        self.text = Array(text.unicodeScalars)
        self.file = file
    }

    mutating func parseDocument() throws(ConfigProblem) {
        while true {
            skipBlankLinesAndComments()
            guard let next = peek else { return }
            if next == "[" {
                try parseHeader()
            } else {
                try parseKeyValue()
            }
        }
    }

    // MARK: Lines

    private mutating func parseHeader() throws(ConfigProblem) {
        let headerLine = line
        advance()
        if peek == "[" { throw error("arrays of tables ([[…]]) are not supported") }
        let path = try parseKey()
        guard peek == "]" else { throw error("expected \"]\" to close the table header", found: true) }
        advance()
        try expectEndOfLine(after: "the table header")
        let name = path.joined(separator: ".")
        if let first = headerLines[path] {
            throw error("table [\(name)] is defined twice (first on line \(first))", line: headerLine)
        }
        headerLines[path] = headerLine
        do throws(TOMLTable.Conflict) {
            try root.ensureTable(at: path[...], line: headerLine)
        } catch {
            throw self.error("table [\(name)] clashes with the value on line \(error.firstLine)", line: headerLine)
        }
        currentTable = path
    }

    private mutating func parseKeyValue() throws(ConfigProblem) {
        let assignment = try parseAssignment()
        try expectEndOfLine(after: "the value of key \"\(assignment.name)\"")
        var table = root
        root = TOMLTable()  // keeps `table` uniquely referenced while it changes
        let duplicate = store(assignment.value, at: currentTable + assignment.path, name: assignment.name, line: assignment.line, in: &table)
        root = table
        if let duplicate { duplicates.append(duplicate) }
    }

    /// `key = value`, at the top level or inside an inline table.
    private mutating func parseAssignment() throws(ConfigProblem) -> (path: [String], name: String, line: Int, value: TOMLValue) {
        let keyLine = line
        let path = try parseKey()
        let name = path.joined(separator: ".")
        guard peek == "=" else { throw error("expected \"=\" after key \"\(name)\"", found: true) }
        advance()
        skipSpaces()
        return (path, name, keyLine, try parseValue())
    }

    /// Puts a value into `table`, recording rather than throwing when the key is already taken.
    private func store(
        _ value: TOMLValue, at path: [String], name: String, line: Int, in table: inout TOMLTable
    ) -> ConfigProblem? {
        do throws(TOMLTable.Conflict) {
            try table.insert(value, at: path[...])
            return nil
        } catch {
            let context = currentTable.isEmpty ? "" : " in [\(currentTable.joined(separator: "."))]"
            return ConfigProblem(
                file: file, line: line, key: name,
                message: "defined twice\(context) (first on line \(error.firstLine)); the first one is kept")
        }
    }

    // MARK: Keys

    /// A dotted key: `a`, `"ui.selection"`, `a."b c".d`. Leaves the position after trailing spaces.
    private mutating func parseKey() throws(ConfigProblem) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let next = peek else { throw error("expected a key", found: true) }
            if next == "\"" {
                parts.append(try parseBasicString())
            } else if next == "'" {
                parts.append(try parseLiteralString())
            } else if Self.isBareKeyScalar(next) {
                var part = ""
                while let scalar = peek, Self.isBareKeyScalar(scalar) {
                    part.unicodeScalars.append(scalar)
                    advance()
                }
                parts.append(part)
            } else {
                throw error("expected a key", found: true)
            }
            skipSpaces()
            guard peek == "." else { return parts }
            advance()
        }
    }

    private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    // MARK: Values

    private mutating func parseValue() throws(ConfigProblem) -> TOMLValue {
        let valueLine = line
        guard let next = peek else { throw error("expected a value", found: true) }
        switch next {
        case "\"":
            return TOMLValue(.string(try parseBasicString()), line: valueLine)
        case "'":
            return TOMLValue(.string(try parseLiteralString()), line: valueLine)
        case "[":
            return TOMLValue(.array(try parseArray()), line: valueLine)
        case "{":
            return TOMLValue(.table(try parseInlineTable()), line: valueLine)
        case "t", "f":
            let word = takeWord()
            switch word {
            case "true": return TOMLValue(.boolean(true), line: valueLine)
            case "false": return TOMLValue(.boolean(false), line: valueLine)
            default: throw error("expected a value, found \"\(word)\" (strings need quotes)")
            }
        case "0"..."9", "+", "-":
            return TOMLValue(.integer(try parseInteger()), line: valueLine)
        default:
            let word = takeWord()
            if word.isEmpty { throw error("expected a value", found: true) }
            throw error("expected a value, found \"\(word)\" (strings need quotes)")
        }
    }

    private mutating func parseBasicString() throws(ConfigProblem) -> String {
        advance()
        if peek == "\"", peek(offset: 1) == "\"" { throw error("multi-line strings (\"\"\") are not supported") }
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek, scalar != "\n" else { throw error("expected a closing quote (\")", found: true) }
            advance()
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                result.append(try parseEscape())
            default:
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
        case "e": return "\u{1B}"
        case "\"": return "\""
        case "\\": return "\\"
        case "u": return try parseUnicodeEscape(digits: 4)
        case "U": return try parseUnicodeEscape(digits: 8)
        default:
            throw error(
                "unknown escape \"\\\(code)\" (expected \\b \\t \\n \\f \\r \\e \\\" \\\\ \\uXXXX or \\UXXXXXXXX)")
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

    private mutating func parseLiteralString() throws(ConfigProblem) -> String {
        advance()
        if peek == "'", peek(offset: 1) == "'" { throw error("multi-line strings (''') are not supported") }
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek, scalar != "\n" else { throw error("expected a closing quote (')", found: true) }
            advance()
            if scalar == "'" { return String(result) }
            result.append(scalar)
        }
    }

    private mutating func parseInteger() throws(ConfigProblem) -> Int {
        let word = takeWord()
        var digits = word.filter { $0 != "_" }
        var sign = 1
        if digits.hasPrefix("+") || digits.hasPrefix("-") {
            sign = digits.hasPrefix("-") ? -1 : 1
            digits.removeFirst()
        }
        var radix = 10
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            radix = base
            digits.removeFirst(2)
        }
        guard !digits.isEmpty, let magnitude = Int(digits, radix: radix) else {
            let kind =
                word.contains(".") || word.contains("e") || word.contains(":")
                ? " (floats and dates are not supported)" : ""
            throw error("expected an integer, found \"\(word)\"\(kind)")
        }
        return sign * magnitude
    }

    private mutating func parseArray() throws(ConfigProblem) -> [TOMLValue] {
        advance()
        var elements: [TOMLValue] = []
        while true {
            skipBlankLinesAndComments()
            if peek == "]" {
                advance()
                return elements
            }
            elements.append(try parseValue())
            skipBlankLinesAndComments()
            switch peek {
            case ",": advance()
            case "]": continue
            default: throw error("expected \",\" or \"]\" in the array", found: true)
            }
        }
    }

    /// `{ fg = "red", modifiers = ["bold"] }`. Like TOML 1.1 we allow line breaks inside.
    private mutating func parseInlineTable() throws(ConfigProblem) -> TOMLTable {
        advance()
        var table = TOMLTable()
        skipBlankLinesAndComments()
        if peek == "}" {
            advance()
            return table
        }
        while true {
            skipBlankLinesAndComments()
            let assignment = try parseAssignment()
            if let duplicate = store(assignment.value, at: assignment.path, name: assignment.name, line: assignment.line, in: &table) {
                duplicates.append(duplicate)
            }
            skipBlankLinesAndComments()
            switch peek {
            case ",": advance()
            case "}":
                advance()
                return table
            default: throw error("expected \",\" or \"}\" in the inline table", found: true)
            }
        }
    }

    // MARK: Scanning

    private var peek: Unicode.Scalar? { index < text.count ? text[index] : nil }

    private func peek(offset: Int) -> Unicode.Scalar? {
        index + offset < text.count ? text[index + offset] : nil
    }

    private mutating func advance() {
        if text[index] == "\n" { line += 1 }
        index += 1
    }

    private mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { advance() }
    }

    private mutating func skipComment() {
        guard peek == "#" else { return }
        while let scalar = peek, scalar != "\n" { advance() }
    }

    private mutating func skipBlankLinesAndComments() {
        while true {
            skipSpaces()
            skipComment()
            guard let scalar = peek, scalar == "\n" || scalar == "\r" else { return }
            advance()
        }
    }

    private mutating func expectEndOfLine(after what: String) throws(ConfigProblem) {
        skipSpaces()
        skipComment()
        if peek == "\r" { advance() }
        guard let scalar = peek else { return }
        guard scalar == "\n" else { throw error("expected the end of the line after \(what)", found: true) }
        advance()
    }

    /// The run of characters up to the next separator, for values without quotes.
    private mutating func takeWord() -> String {
        var word = ""
        while let scalar = peek, !" \t\r\n,]}#".unicodeScalars.contains(scalar) {
            word.unicodeScalars.append(scalar)
            advance()
        }
        return word
    }

    private func error(_ message: String, found: Bool = false, line: Int? = nil) -> ConfigProblem {
        var text = message
        if found {
            switch peek {
            case nil: text += ", found the end of the file"
            case "\n"?, "\r"?: text += ", found the end of the line"
            case let scalar?: text += ", found \"\(scalar)\""
            }
        }
        return ConfigProblem(file: file, line: line ?? self.line, message: text)
    }
}

extension TOMLTable {
    struct Conflict: Error {
        let firstLine: Int
    }

    /// Inserts along a dotted path, creating the intermediate tables; an occupied key is a conflict.
    mutating func insert(_ value: TOMLValue, at path: ArraySlice<String>) throws(Conflict) {
        guard let key = path.first else { return }
        if path.count == 1 {
            if let existing = self[key] { throw Conflict(firstLine: existing.line) }
            self[key] = value
            return
        }
        var child = self[key] ?? TOMLValue(.table(TOMLTable()), line: value.line)
        guard case .table(var table) = child.kind else { throw Conflict(firstLine: child.line) }
        try table.insert(value, at: path.dropFirst())
        child.kind = .table(table)
        self[key] = child
    }

    /// Makes sure a table exists at `path` for a `[header]`.
    mutating func ensureTable(at path: ArraySlice<String>, line: Int) throws(Conflict) {
        guard let key = path.first else { return }
        var child = self[key] ?? TOMLValue(.table(TOMLTable()), line: line)
        guard case .table(var table) = child.kind else { throw Conflict(firstLine: child.line) }
        try table.ensureTable(at: path.dropFirst(), line: line)
        child.kind = .table(table)
        self[key] = child
    }
}
