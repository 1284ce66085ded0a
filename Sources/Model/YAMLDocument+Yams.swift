import Yams

/// YAML is read by Yams (libyaml, YAML 1.1 syntax): block and flow style, every scalar style, LF,
/// CRLF and CR line ends, a BOM, comments, anchors and aliases, merge keys (`<<: *defaults`),
/// several documents. What comes back is the node tree the manifest reader walks, with lines;
/// whatever Yams refuses comes back as a `YAMLError` at its line, never a trap.
extension YAMLDocument {
    /// The values a document may expand to: an alias repeats what it names, so a few lines can
    /// stand for billions of values ("billion laughs"); a manifest has a few hundred.
    public static let valueLimit = 100_000

    /// The one document of `text`; no document at all (an empty text, comments alone) is an empty
    /// mapping. A second document is refused at its `---`.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        let documents = try parseAll(text)
        if documents.count > 1 {
            throw YAMLError(line: documents[1].line, message: LocalizedText(
                ru: "здесь начинается второй документ: в файле должен быть один",
                en: "a second document starts here: the file is to hold one"))
        }
        return documents.first?.root ?? YAMLNode(.mapping([]), line: 1)
    }

    /// Every document of `text` in order, leaving out empty ones (a `---` with nothing after it).
    public static func parseAll(_ text: String) throws(YAMLError) -> [YAMLDocument] {
        let lines = text.textLines
        var documents: [YAMLDocument] = []
        do {
            // UTF-8 named outright: the default may be changed by an environment variable, and
            // Yams then prints a line to standard output, the cabinet's terminal.
            let parser = try Parser(yaml: text, resolver: .default, constructor: .default, encoding: .utf8)
            while let root = try parser.nextRoot() {
                if case .scalar(let scalar) = root, scalar.string.isEmpty, scalar.style == .plain, scalar.tag.description.isEmpty {
                    continue
                }
                var conversion = YamsConversion()
                let node = try conversion.node(root, line: root.mark?.line ?? 1)
                documents.append(YAMLDocument(root: node, line: Self.start(of: node.line, in: lines, after: documents.last?.root.line ?? 0)))
            }
        } catch let error as YAMLError {
            throw error
        } catch {
            throw YamsProblem.describe(error, in: text, lines: lines)
        }
        return documents
    }

    /// The `---` a document's content at `line` follows, if one does (and not the previous
    /// document's), else `line` itself.
    private static func start(of line: Int, in lines: [Substring], after previous: Int) -> Int {
        var candidate = min(line, lines.count)
        while candidate > previous, candidate >= 1 {
            if isMarker(lines[candidate - 1]) { return candidate }
            candidate -= 1
        }
        return line
    }

    private static func isMarker(_ line: Substring) -> Bool {
        line.hasPrefix("---") && (line.count == 3 || line.dropFirst(3).first == " " || line.dropFirst(3).first == "\t")
    }
}

/// A Yams node tree turned into ours: keys as text, merge keys merged, tags checked, values counted.
private struct YamsConversion {
    private var values = 0

    mutating func node(_ node: Node, line fallback: Int) throws(YAMLError) -> YAMLNode {
        let line = node.mark?.line ?? fallback
        values += 1
        guard values <= YAMLDocument.valueLimit else {
            throw YAMLError(line: line, message: LocalizedText(
                ru: "документ разворачивается больше чем в \(YAMLDocument.valueLimit) значений (ссылки * повторяют то, что называют): манифест намного меньше",
                en: "the document expands to more than \(YAMLDocument.valueLimit) values (each alias * repeats what it names): a manifest is far smaller"))
        }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, quoted: try Self.isText(scalar, line: line)), line: line)
        case .mapping(let mapping):
            try Self.check(mapping.tag, allowed: .map, line: line)
            return YAMLNode(.mapping(try entries(of: mapping, line: line)), line: line)
        case .sequence(let sequence):
            try Self.check(sequence.tag, allowed: .seq, line: line)
            var items: [YAMLNode] = []
            for item in sequence { items.append(try self.node(item, line: line)) }
            return YAMLNode(.sequence(items), line: line)
        case .alias:
            // Yams resolves every alias while composing; a bare one would be a change of Yams.
            throw YAMLError(line: line, message: LocalizedText(ru: "ссылка * не разрешена", en: "an alias * left unresolved"))
        }
    }

    /// The mapping's own keys, then those merged in with `<<` that it does not set itself (of
    /// several merged mappings, the first to set a key wins), as YAML's merge key says.
    private mutating func entries(of mapping: Node.Mapping, line: Int) throws(YAMLError) -> [YAMLEntry] {
        var entries: [YAMLEntry] = []
        var keys: Set<String> = []
        var merged: [YAMLEntry] = []
        for (key, value) in mapping {
            let keyLine = key.mark?.line ?? line
            guard case .scalar(let scalar) = key else {
                throw YAMLError(line: keyLine, message: LocalizedText(ru: "ключ должен быть строкой, а не списком или словарём",
                                                                      en: "a key must be text, not a list or a mapping"))
            }
            if scalar.style == .plain, scalar.string == "<<" {
                merged += try merge(value, line: keyLine)
                continue
            }
            guard keys.insert(scalar.string).inserted else {
                throw YAMLError(line: keyLine, message: LocalizedText(ru: "ключ \(scalar.string) повторяется", en: "the key \(scalar.string) is repeated"))
            }
            var converted = try node(value, line: keyLine)
            // An empty value has no text of its own: it is on its key's line.
            if converted.value == .scalar("", quoted: false) { converted.line = keyLine }
            entries.append(YAMLEntry(key: scalar.string, line: keyLine, value: converted))
        }
        for entry in merged where keys.insert(entry.key).inserted { entries.append(entry) }
        return entries
    }

    /// What `<<:` merges in: a mapping (usually an alias, `<<: *defaults`) or a list of them.
    private mutating func merge(_ value: Node, line: Int) throws(YAMLError) -> [YAMLEntry] {
        let sources: [Node]
        switch value {
        case .mapping: sources = [value]
        case .sequence(let sequence) where !sequence.isEmpty: sources = Array(sequence)
        default: throw Self.mergeRefused(line)
        }
        var merged: [YAMLEntry] = []
        var keys: Set<String> = []
        for source in sources {
            guard case .mapping(let entries) = try node(source, line: line).value else { throw Self.mergeRefused(line) }
            for entry in entries where keys.insert(entry.key).inserted { merged.append(entry) }
        }
        return merged
    }

    private static func mergeRefused(_ line: Int) -> YAMLError {
        YAMLError(line: line, message: LocalizedText(ru: "<<: ожидался словарь или список словарей, например *defaults",
                                                     en: "<<: expected a mapping or a list of mappings, such as *defaults"))
    }

    /// Whether a scalar is text whatever it says (quoted, a block, tagged `!!str` or `!`), or is
    /// typed by its text (plain, or tagged with one of the core schema's types). Other tags
    /// (`!!binary`, `!custom`) mean something this reader cannot give the platform.
    private static func isText(_ scalar: Node.Scalar, line: Int) throws(YAMLError) -> Bool {
        let tag = Tag.Name(rawValue: scalar.tag.description)
        if tag == .str || tag == .nonSpecific { return true }
        if [.null, .bool, .int, .float].contains(tag) { return false }
        if tag == .implicit { return scalar.style != .plain }
        // Yams resolves the tags of the plain scalars it compares (keys, and what aliases share with them).
        if scalar.style == .plain, [.timestamp, .merge, .value].contains(tag) { return false }
        throw tagRefused(tag, line: line)
    }

    private static func check(_ tag: Tag, allowed: Tag.Name, line: Int) throws(YAMLError) {
        let name = Tag.Name(rawValue: tag.description)
        guard name == .implicit || name == allowed else { throw tagRefused(name, line: line) }
    }

    private static func tagRefused(_ tag: Tag.Name, line: Int) -> YAMLError {
        let shown = tag.rawValue.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.rawValue.dropFirst("tag:yaml.org,2002:".count) : tag.rawValue
        return YAMLError(line: line, message: LocalizedText(ru: "тег \(shown) не поддерживается: уберите его (или возьмите значение в кавычки)",
                                                            en: "the tag \(shown) is not supported: remove it (or quote the value)"))
    }
}
