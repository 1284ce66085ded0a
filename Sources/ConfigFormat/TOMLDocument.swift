import Foundation

/// A TOML 1.0 file (<https://toml.io/en/v1.0.0>): every value keeps the line it is on, so that later
/// checks (an unknown colour, a bad key) can point the user at it. What TOML 1.0 rejects is refused
/// at its line, with one kindness: a key given twice is reported and the first value kept, so that
/// one slip in a keymap does not cost the user the whole file. Integers are 64-bit; a larger one is
/// refused, as the specification asks.
public struct TOMLDocument: Sendable {
    public let file: String
    public let root: TOMLTable
    /// Keys given twice (or a key where a table already is, or the other way round).
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

/// The document level: table headers, arrays of tables and `key = value` lines, and TOML's rules
/// for which table may be written to where (kept in `TOMLDefinitions`, as Python's tomllib does).
struct TOMLParser {
    let file: String
    var text: [Unicode.Scalar]
    var index = 0
    var line = 1
    private(set) var root = TOMLTable()
    private(set) var duplicates: [ConfigProblem] = []
    private var header: [String] = []
    private var definitions = TOMLDefinitions()

    init(text: String, file: String) {
        // CRLF ends a line as LF does; a CR anywhere else is refused where it stands.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == "\n", scalars.last == "\r" { scalars.removeLast() }
            scalars.append(scalar)
        }
        self.text = scalars
        self.file = file
    }

    mutating func parseDocument() throws(ConfigProblem) {
        while true {
            try skipBlankLinesAndComments()
            guard let next = peek else { return }
            if next == "[" {
                try parseHeader()
            } else {
                try parseKeyValue()
            }
        }
    }

    private mutating func parseHeader() throws(ConfigProblem) {
        let headerLine = line
        advance()
        let isArray = peek == "["
        if isArray { advance() }
        let path = try parseKey()
        let closing = isArray ? "]]" : "]"
        for _ in closing.unicodeScalars {
            guard peek == "]" else { throw error("expected \"\(closing)\" to close the table header", found: true) }
            advance()
        }
        try expectEndOfLine(after: "the table header")
        let name = Self.display(path)
        definitions.finishSection()
        if let frozen = definitions.frozenLine(path) {
            throw error("\(isArray ? "[[\(name)]]" : "[\(name)]") adds to a value that is complete where it is written (line \(frozen)): an inline table or an array", line: headerLine)
        }
        if !isArray, let first = definitions.definedLine(path) {
            throw error("table [\(name)] is defined twice (first on line \(first))", line: headerLine)
        }
        do throws(TOMLTable.Conflict) {
            if isArray {
                definitions.startArrayElement(path, line: headerLine)
                try root.appendTable(at: path[...], line: headerLine)
            } else {
                definitions.define(path, line: headerLine)
                try root.ensureTable(at: path[...], line: headerLine)
            }
        } catch {
            throw self.error("\(isArray ? "[[\(name)]]" : "[\(name)]") clashes with the value on line \(error.firstLine)", line: headerLine)
        }
        header = path
    }

    private mutating func parseKeyValue() throws(ConfigProblem) {
        let keyLine = line
        let (path, value) = try parseAssignment()
        try expectEndOfLine(after: "the value of key \"\(Self.display(path))\"")
        let name = Self.display(path)
        for count in 1..<path.count {
            let table = header + path[..<count]
            if let defined = definitions.definedLine(table) {
                throw error("key \"\(name)\" writes into [\(Self.display(table))], a table defined on line \(defined); put the key under that header", line: keyLine)
            }
            definitions.defineLater(table, line: keyLine)
        }
        let full = header + path
        if let frozen = definitions.frozenLine(Array(full.dropLast())) {
            throw error("key \"\(name)\" adds to a value that is complete where it is written (line \(frozen)): an inline table or an array", line: keyLine)
        }
        do throws(TOMLTable.Conflict) {
            try root.insert(value, at: full[...])
        } catch {
            let context = header.isEmpty ? "" : " in [\(Self.display(header))]"
            duplicates.append(ConfigProblem(file: file, line: keyLine, key: path.joined(separator: "."),
                                            message: "defined twice\(context) (first on line \(error.firstLine)); the first one is kept"))
            return
        }
        if value.table != nil || value.array != nil { definitions.freeze(full, line: keyLine) }
    }

    /// `key = value`, at the top level or inside an inline table.
    mutating func parseAssignment() throws(ConfigProblem) -> (path: [String], value: TOMLValue) {
        let path = try parseKey()
        guard peek == "=" else { throw error("expected \"=\" after key \"\(Self.display(path))\"", found: true) }
        advance()
        skipSpaces()
        return (path, try parseValue())
    }

    /// A dotted key: `a`, `"ui.selection"`, `a."b c".d`. Leaves the position after trailing spaces.
    mutating func parseKey() throws(ConfigProblem) -> [String] {
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

    /// A key path as the user would write it in a header.
    static func display(_ path: some Collection<String>) -> String {
        path.map { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy(isBareKeyScalar) ? part : "\"\(part)\""
        }.joined(separator: ".")
    }

    // MARK: Scanning

    var peek: Unicode.Scalar? { index < text.count ? text[index] : nil }

    func peek(offset: Int) -> Unicode.Scalar? {
        index + offset < text.count ? text[index + offset] : nil
    }

    mutating func advance() {
        if text[index] == "\n" { line += 1 }
        index += 1
    }

    mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { advance() }
    }

    /// A comment runs to the end of the line; control characters other than tab are refused in it.
    mutating func skipComment() throws(ConfigProblem) {
        guard peek == "#" else { return }
        while let scalar = peek, scalar != "\n" {
            if Self.isControl(scalar) { throw error("a control character (U+\(Self.hex(scalar))) in a comment") }
            advance()
        }
    }

    mutating func skipBlankLinesAndComments() throws(ConfigProblem) {
        while true {
            skipSpaces()
            try skipComment()
            guard peek == "\n" else { return }
            advance()
        }
    }

    private mutating func expectEndOfLine(after what: String) throws(ConfigProblem) {
        skipSpaces()
        try skipComment()
        guard let scalar = peek else { return }
        guard scalar == "\n" else { throw error("expected the end of the line after \(what)", found: true) }
        advance()
    }

    /// Controls TOML refuses in strings and comments: U+0000–U+001F except tab, and U+007F.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func error(_ message: String, found: Bool = false, line: Int? = nil) -> ConfigProblem {
        var text = message
        if found {
            switch peek {
            case nil: text += ", found the end of the file"
            case "\n"?: text += ", found the end of the line"
            case "\r"?: text += ", found a carriage return (CR) that does not end a line"
            case let scalar? where Self.isControl(scalar): text += ", found the control character U+\(Self.hex(scalar))"
            case let scalar?: text += ", found \"\(scalar)\""
            }
        }
        return ConfigProblem(file: file, line: line ?? self.line, message: text)
    }
}
