/// A small YAML reader for what people write in manifests: block mappings and sequences, plain,
/// single- and double-quoted scalars, `|` and `>` block scalars, comments, empty `{}` and `[]`, a
/// leading `---`. Every node keeps the line it starts on, so problems can be pointed at. Anchors,
/// aliases, tags, flow collections with content and multi-line plain scalars are refused with a
/// line rather than misread.
public struct YAMLNode: Equatable, Sendable {
    public indirect enum Value: Equatable, Sendable {
        /// `quoted` is false for a plain scalar, whose type (null, bool, number, text) follows from its text.
        case scalar(String, quoted: Bool)
        case mapping([YAMLEntry])
        case sequence([YAMLNode])
    }

    public var value: Value
    /// 1-based.
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// The entry of a mapping under `key`.
    public subscript(key: String) -> YAMLEntry? {
        if case .mapping(let entries) = value { entries.first { $0.key == key } } else { nil }
    }
}

public struct YAMLEntry: Equatable, Sendable {
    public var key: String
    /// The line of the key.
    public var line: Int
    public var value: YAMLNode
}

/// A syntax error and the 1-based line it is on.
public struct YAMLError: Error, Equatable, Sendable {
    public var line: Int
    public var message: LocalizedText
}

public enum YAMLDocument {
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        var parser = YAMLParser(text)
        return try parser.document()
    }
}

private struct YAMLParser {
    /// Lines without their end; a sequence item's dash is replaced by a space when its content is
    /// read as a node of its own (so "- a: 1" reads as a mapping indented past the dash).
    var lines: [String]
    var index = 0

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        self.lines = lines
    }

    mutating func document() throws(YAMLError) -> YAMLNode {
        skipBlank()
        if index < lines.count, Self.isMarker(lines[index], "---") {
            let rest = lines[index].dropFirst(3).drop { $0 == " " }
            guard rest.isEmpty || rest.hasPrefix("#") else { throw error(index, ru: "после --- документ начинается со следующей строки", en: "after --- the document starts on the next line") }
            index += 1
            skipBlank()
        }
        guard index < lines.count else { return YAMLNode(.mapping([]), line: 1) }
        let node = try block(minimumIndent: 0)
        skipBlank()
        if index < lines.count, Self.isMarker(lines[index], "...") { index += 1; skipBlank() }
        if index < lines.count {
            if Self.isMarker(lines[index], "---") {
                throw error(index, ru: "в файле больше одного документа", en: "more than one document in the file")
            }
            throw error(index, ru: "неожиданный отступ", en: "unexpected indentation")
        }
        return node
    }

    private static func isMarker(_ line: String, _ marker: String) -> Bool {
        line.hasPrefix(marker) && (line.count == 3 || line.dropFirst(3).first == " ")
    }

    // MARK: Lines

    /// Moves past blank and comment-only lines.
    mutating func skipBlank() {
        while index < lines.count {
            let content = lines[index].drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { index += 1 } else { return }
        }
    }

    func indent(of line: String) -> Int { line.prefix { $0 == " " }.count }

    func error(_ lineIndex: Int, ru: String, en: String) -> YAMLError {
        YAMLError(line: min(lineIndex, max(lines.count - 1, 0)) + 1, message: LocalizedText(ru: ru, en: en))
    }

    private func checkTabs(_ lineIndex: Int) throws(YAMLError) {
        let line = lines[lineIndex]
        if line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
            throw error(lineIndex, ru: "табуляция в отступе: в YAML отступы делаются пробелами",
                        en: "a tab in the indentation: YAML indents with spaces")
        }
    }

    // MARK: Blocks

    /// The node starting at the current (non-blank) line, indented at least `minimumIndent`.
    mutating func block(minimumIndent: Int) throws(YAMLError) -> YAMLNode {
        try checkTabs(index)
        let line = lines[index]
        let indent = indent(of: line)
        let content = line.dropFirst(indent)
        if Self.isDash(content) { return try sequence(indent: indent) }
        if try key(in: content, lineIndex: index) != nil { return try mapping(indent: indent) }
        // A scalar standing alone on its line (the whole document, or a value on the next line).
        let start = index
        let value = try inlineValue(String(content), lineIndex: index, parentIndent: indent - 1)
        if index == start { index += 1 }
        return value
    }

    /// The current line's content past `indent`, while it belongs to the block at that indent;
    /// nil at the end or at a line indented less (the block is over). Deeper is an error.
    private mutating func blockLine(indent: Int) throws(YAMLError) -> Substring? {
        guard index < lines.count else { return nil }
        try checkTabs(index)
        let line = lines[index]
        let here = self.indent(of: line)
        if here < indent { return nil }
        guard here == indent else { throw error(index, ru: "неожиданный отступ", en: "unexpected indentation") }
        return line.dropFirst(indent)
    }

    /// After a line that ends with its key or dash: the block indented past `indent` on the lines
    /// that follow, or nil (the value is empty) with the next line current.
    private mutating func nestedBlock(under indent: Int) throws(YAMLError) -> YAMLNode? {
        index += 1
        skipBlank()
        guard index < lines.count, self.indent(of: lines[index]) > indent else { return nil }
        return try block(minimumIndent: indent + 1)
    }

    static func isDash(_ content: Substring) -> Bool {
        content == "-" || content.hasPrefix("- ")
    }

    mutating func sequence(indent: Int) throws(YAMLError) -> YAMLNode {
        let first = index + 1
        var items: [YAMLNode] = []
        while let content = try blockLine(indent: indent) {
            guard Self.isDash(content) else {
                if try key(in: content, lineIndex: index) != nil {
                    throw error(index, ru: "ключ на уровне списка: не хватает отступа или «- »",
                                en: "a key at the level of a list: missing indentation or \"- \"")
                }
                throw error(index, ru: "ожидался элемент списка «- »", en: "expected a list item \"- \"")
            }
            let after = content.dropFirst(1).drop { $0 == " " }
            if after.isEmpty || after.hasPrefix("#") {
                let itemLine = index
                items.append(try nestedBlock(under: indent) ?? YAMLNode(.scalar("", quoted: false), line: itemLine + 1))
            } else {
                // The item's content becomes a line of its own, indented past the dash.
                let offset = content.count - after.count
                lines[index] = String(repeating: " ", count: indent + offset) + after
                items.append(try block(minimumIndent: indent + 1))
            }
            skipBlank()
        }
        return YAMLNode(.sequence(items), line: first)
    }

    mutating func mapping(indent: Int) throws(YAMLError) -> YAMLNode {
        let first = index + 1
        var entries: [YAMLEntry] = []
        while let content = try blockLine(indent: indent) {
            if Self.isDash(content) {
                throw error(index, ru: "элемент списка среди ключей: не хватает ключа или отступа",
                            en: "a list item among keys: missing a key or indentation")
            }
            guard let (key, rest) = try key(in: content, lineIndex: index) else {
                throw error(index, ru: "ожидалось «ключ: значение»", en: "expected \"key: value\"")
            }
            if entries.contains(where: { $0.key == key }) {
                throw error(index, ru: "ключ \(key) повторяется", en: "the key \(key) is repeated")
            }
            let keyLine = index
            let value: YAMLNode
            let trimmed = rest.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                if let nested = try nestedBlock(under: indent) {
                    value = nested
                } else if index < lines.count, self.indent(of: lines[index]) == indent, Self.isDash(lines[index].dropFirst(indent)) {
                    // A list may start at its key's indentation.
                    value = try sequence(indent: indent)
                } else {
                    value = YAMLNode(.scalar("", quoted: false), line: keyLine + 1)
                }
            } else {
                value = try inlineValue(String(trimmed), lineIndex: index, parentIndent: indent)
                if index == keyLine { index += 1 }
            }
            entries.append(YAMLEntry(key: key, line: keyLine + 1, value: value))
            skipBlank()
        }
        return YAMLNode(.mapping(entries), line: first)
    }

    /// "key: rest" (or "key:" at the end): the key and what follows the colon; nil when the line
    /// is not a key.
    func key(in content: Substring, lineIndex: Int) throws(YAMLError) -> (String, Substring)? {
        if let quote = content.first, quote == "\"" || quote == "'" {
            var reader = ScalarReader(text: content, line: lineIndex + 1)
            guard let key = try? reader.quoted() else { return nil }
            let rest = reader.rest
            guard rest.hasPrefix(":"), rest.count == 1 || rest.dropFirst().first == " " else { return nil }
            return (key, rest.dropFirst())
        }
        if content.hasPrefix("#") { return nil }
        var previous: Character = " "
        var position = content.startIndex
        while position < content.endIndex {
            let character = content[position]
            if character == "#" && previous == " " { return nil }
            if character == ":" {
                let next = content.index(after: position)
                if next == content.endIndex || content[next] == " " {
                    let key = content[content.startIndex..<position]
                    guard !key.isEmpty else { return nil }
                    if let marker = key.first, "&*!|>%@`{[".contains(marker) {
                        throw error(lineIndex, ru: "такие ключи не поддерживаются: \(key)", en: "keys like this are not supported: \(key)")
                    }
                    return (String(key.reversed().drop { $0 == " " }.reversed()), content[next...])
                }
            }
            previous = character
            position = content.index(after: position)
        }
        return nil
    }

    /// A value after "key: " or "- ": a scalar, `{}`/`[]`, or a block scalar (which reads the lines
    /// below, indented past `parentIndent`).
    mutating func inlineValue(_ text: String, lineIndex: Int, parentIndent: Int) throws(YAMLError) -> YAMLNode {
        let line = lineIndex + 1
        guard let first = text.first else { return YAMLNode(.scalar("", quoted: false), line: line) }
        switch first {
        case "\"", "'":
            var reader = ScalarReader(text: Substring(text), line: line)
            let value = try reader.quoted()
            let rest = reader.rest.drop { $0 == " " }
            guard rest.isEmpty || rest.hasPrefix("#") else {
                throw error(lineIndex, ru: "лишний текст после кавычек: \(rest)", en: "text after the closing quote: \(rest)")
            }
            return YAMLNode(.scalar(value, quoted: true), line: line)
        case "|", ">":
            return try blockScalar(header: text, lineIndex: lineIndex, parentIndent: parentIndent)
        case "{", "[":
            let flow = Self.withoutComment(Substring(text))
            if flow == "{}" { return YAMLNode(.mapping([]), line: line) }
            if flow == "[]" { return YAMLNode(.sequence([]), line: line) }
            throw error(lineIndex, ru: "списки и словари в скобках не поддерживаются: запишите их блоком", en: "flow collections are not supported: write them as a block")
        case "&", "*", "!":
            throw error(lineIndex, ru: "якоря, ссылки и теги (\(first)) не поддерживаются", en: "anchors, aliases and tags (\(first)) are not supported")
        case "@", "`", "%":
            throw error(lineIndex, ru: "значение не может начинаться с \(first): возьмите его в кавычки", en: "a value cannot start with \(first): quote it")
        default:
            let plain = Self.withoutComment(Substring(text))
            if plain.contains(": ") || plain.hasSuffix(":") {
                throw error(lineIndex, ru: "двоеточие с пробелом внутри значения: возьмите значение в кавычки",
                            en: "a colon and a space inside a value: quote the value")
            }
            // A plain scalar continued on the lines below is not supported: said, instead of misread.
            var next = lineIndex + 1
            while next < lines.count, lines[next].allSatisfy({ $0 == " " }) || lines[next].drop(while: { $0 == " " }).hasPrefix("#") { next += 1 }
            if next < lines.count, indent(of: lines[next]) > parentIndent, parentIndent >= 0 {
                throw error(next, ru: "значение продолжается на следующей строке: возьмите его в кавычки или используйте |",
                            en: "the value continues on the next line: quote it or use |")
            }
            return YAMLNode(.scalar(String(plain), quoted: false), line: line)
        }
    }

    static func withoutComment(_ text: Substring) -> Substring {
        var previous: Character = " "
        var end = text.endIndex
        for position in text.indices {
            if text[position] == "#" && (previous == " " || previous == "\t") { end = position; break }
            previous = text[position]
        }
        return Substring(text[text.startIndex..<end].reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// `|` keeps line breaks, `>` folds lines into one; `-` drops the final break, `+` keeps all.
    mutating func blockScalar(header: String, lineIndex: Int, parentIndent: Int) throws(YAMLError) -> YAMLNode {
        let indicators = Self.withoutComment(Substring(header))
        let folded = indicators.first == ">"
        var chomping: Character = " "
        var explicitIndent: Int?
        for character in indicators.dropFirst() {
            if character == "-" || character == "+", chomping == " " { chomping = character }
            else if let digit = character.wholeNumberValue, digit > 0, explicitIndent == nil { explicitIndent = digit }
            else { throw error(lineIndex, ru: "непонятный заголовок блока: \(indicators)", en: "a block scalar header not understood: \(indicators)") }
        }
        var body: [String] = []
        var contentIndent = explicitIndent.map { max(parentIndent, 0) + $0 }
        var next = lineIndex + 1
        while next < lines.count {
            let line = lines[next]
            if line.allSatisfy({ $0 == " " }) {
                body.append("")
                next += 1
                continue
            }
            let here = indent(of: line)
            if contentIndent == nil {
                guard here > parentIndent else { break }
                contentIndent = here
            }
            guard let contentIndent, here >= contentIndent else { break }
            body.append(String(line.dropFirst(contentIndent)))
            next += 1
        }
        // Trailing blank lines belong to the block only for chomping; the lines after it resume.
        var trailing = 0
        while let last = body.last, last.isEmpty { body.removeLast(); trailing += 1 }
        index = next
        var text: String
        if folded {
            text = ""
            for (i, line) in body.enumerated() {
                if i > 0 {
                    let previous = body[i - 1]
                    if line.isEmpty { text += "\n" } else if !previous.isEmpty && !line.hasPrefix(" ") && !previous.hasPrefix(" ") { text += " " } else if !previous.isEmpty { text += "\n" }
                }
                text += line
            }
        } else {
            text = body.joined(separator: "\n")
        }
        switch chomping {
        case "-": break
        case "+": if !body.isEmpty { text += String(repeating: "\n", count: 1 + trailing) }
        default: if !body.isEmpty { text += "\n" }
        }
        return YAMLNode(.scalar(text, quoted: true), line: lineIndex + 1)
    }
}

/// Reads a quoted scalar at the start of `text`.
private struct ScalarReader {
    var text: Substring
    let line: Int
    var rest: Substring { text }

    mutating func quoted() throws(YAMLError) -> String {
        guard let quote = text.first else { return "" }
        text = text.dropFirst()
        var value = ""
        while let character = text.first {
            text = text.dropFirst()
            if quote == "'" {
                if character == "'" {
                    if text.first == "'" { value.append("'"); text = text.dropFirst(); continue }
                    return value
                }
                value.append(character)
                continue
            }
            if character == "\"" { return value }
            guard character == "\\" else { value.append(character); continue }
            guard let escape = text.first else { break }
            text = text.dropFirst()
            switch escape {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "r": value.append("\r")
            case "0": value.append("\0")
            case "b": value.append("\u{08}")
            case "f": value.append("\u{0C}")
            case "e": value.append("\u{1B}")
            case "a": value.append("\u{07}")
            case "v": value.append("\u{0B}")
            case " ": value.append(" ")
            case "/": value.append("/")
            case "\\": value.append("\\")
            case "\"": value.append("\"")
            case "x", "u", "U":
                let count = escape == "x" ? 2 : escape == "u" ? 4 : 8
                let digits = text.prefix(count)
                guard digits.count == count, var code = UInt32(digits, radix: 16) else {
                    throw YAMLError(line: line, message: LocalizedText(ru: "неверная escape-последовательность \\\(escape)\(digits)",
                                                                       en: "a bad escape sequence \\\(escape)\(digits)"))
                }
                // A UTF-16 surrogate pair, as JSON writes characters beyond the BMP.
                var consumed = count
                let low = text.dropFirst(count)
                if (0xD800...0xDBFF).contains(code), low.hasPrefix("\\u"), let second = UInt32(low.dropFirst(2).prefix(4), radix: 16),
                   (0xDC00...0xDFFF).contains(second) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (second - 0xDC00)
                    consumed += 6
                }
                guard let scalar = Unicode.Scalar(code) else {
                    throw YAMLError(line: line, message: LocalizedText(ru: "неверная escape-последовательность \\\(escape)\(digits)",
                                                                       en: "a bad escape sequence \\\(escape)\(digits)"))
                }
                text = text.dropFirst(consumed)
                value.unicodeScalars.append(scalar)
            default:
                throw YAMLError(line: line, message: LocalizedText(ru: "неизвестная escape-последовательность \\\(escape)",
                                                                   en: "an unknown escape sequence \\\(escape)"))
            }
        }
        throw YAMLError(line: line, message: LocalizedText(ru: "кавычка \(quote) не закрыта в этой строке",
                                                           en: "the quote \(quote) is not closed on this line"))
    }
}
