import Foundation

/// What is wrong with a manifest edited by hand, at its 1-based line when there is one.
public struct ManifestProblem: Error, Equatable, Sendable {
    public var line: Int?
    public var message: LocalizedText

    public init(line: Int?, message: LocalizedText) {
        self.line = line
        self.message = message
    }
}

/// Reading a manifest back: the inverse of `Manifest.yaml(of:namespace:)`.
extension Manifest {
    /// The spec an edited manifest gives the component. The manifest must stay that component's
    /// (the same apiVersion, kind, name and namespace: renaming or moving is not an edit); unknown
    /// and missing fields and values of the wrong type are refused at their line. A plain scalar
    /// where text is expected is taken as text (`cpu: 2` is "2"), as Kubernetes takes quantities.
    /// The text is one component's manifest: a second YAML document (after `---`) would be another
    /// component, and is refused at its line rather than ignored.
    public static func spec(from text: String, kind: ComponentKind, name: String, namespace: String?) throws(ManifestProblem) -> ComponentSpec {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLDocument.parseAll(text)
        } catch {
            throw ManifestProblem(line: error.line, message: error.message)
        }
        if documents.count > 1 {
            throw problem(documents[1].line, ru: "второй документ в файле: здесь правится манифест одного компонента, \(name); другие правьте на их страницах",
                          en: "a second document in the file: this is the manifest of one component, \(name); edit others on their own pages")
        }
        let root = documents.first?.root ?? YAMLNode(.mapping([]), line: 1)
        guard case .mapping(let entries) = root.value, !entries.isEmpty else {
            throw problem(root.line, ru: "манифест — словарь с ключами apiVersion, kind, metadata и spec",
                          en: "a manifest is a mapping with the keys apiVersion, kind, metadata and spec")
        }
        for entry in entries where !["apiVersion", "kind", "metadata", "spec"].contains(entry.key) {
            throw unknownField(entry.key, line: entry.line)
        }
        let version = try scalarText(of: root, key: "apiVersion", path: "apiVersion")
        guard version.value == apiVersion else {
            throw problem(version.line, ru: "apiVersion должен быть \(apiVersion)", en: "apiVersion must be \(apiVersion)")
        }
        let declared = try scalarText(of: root, key: "kind", path: "kind")
        guard declared.value == kind.rawValue else {
            throw problem(declared.line, ru: "вид компонента не меняется: у этого компонента kind \(kind.rawValue)",
                          en: "a component's kind cannot change: this one's kind is \(kind.rawValue)")
        }
        guard let metadata = root["metadata"] else { throw missingField("metadata", line: root.line) }
        guard case .mapping(let metadataEntries) = metadata.value.value else {
            throw problem(metadata.line, ru: "metadata: ожидался словарь", en: "metadata: expected a mapping")
        }
        for entry in metadataEntries where !["name", "namespace"].contains(entry.key) {
            throw unknownField("metadata.\(entry.key)", line: entry.line)
        }
        let declaredName = try scalarText(of: metadata.value, key: "name", path: "metadata.name", missingLine: metadata.line)
        guard declaredName.value == name else {
            throw problem(declaredName.line, ru: "переименование — не правка: имя компонента \(name)",
                          en: "renaming is not an edit: the component's name is \(name)")
        }
        if metadata.value["namespace"] != nil, let namespace {
            let declaredNamespace = try scalarText(of: metadata.value, key: "namespace", path: "metadata.namespace")
            guard declaredNamespace.value == namespace else {
                throw problem(declaredNamespace.line, ru: "пространство имён не меняется: \(namespace)",
                              en: "the namespace cannot change: \(namespace)")
            }
        }
        guard let spec = root["spec"] else { throw missingField("spec", line: root.line) }
        var reading = SpecReading()
        let json = try reading.json(spec.value, path: [.key("spec")], line: spec.line)
        return try reading.decode(json, kind: kind)
    }

    /// The line of the key a field path of the platform names (`spec.stages[0].name`; `name` is
    /// metadata.name), or of the nearest enclosing key there is; nil when the text does not parse.
    public static func line(of field: String, in text: String) -> Int? {
        guard let root = try? YAMLDocument.parse(text) else { return nil }
        let steps = field == "name" ? [PathStep.key("metadata"), .key("name")] : PathStep.parse(field)
        var node = root
        var line: Int?
        for step in steps {
            switch (step, node.value) {
            case (.key(let key), .mapping(let entries)):
                guard let entry = entries.first(where: { $0.key == key }) else { return line }
                line = entry.line
                node = entry.value
            case (.index(let index), .sequence(let items)):
                guard items.indices.contains(index) else { return line }
                line = items[index].line
                node = items[index]
            default:
                return line
            }
        }
        return line
    }

    /// The namespace a manifest's metadata names, if it parses and names one.
    public static func namespace(in text: String) -> String? {
        guard let root = try? YAMLDocument.parse(text), case .scalar(let namespace, _)? = root["metadata"]?.value["namespace"]?.value.value else {
            return nil
        }
        return namespace
    }

    private static func scalarText(of node: YAMLNode, key: String, path: String, missingLine: Int? = nil) throws(ManifestProblem) -> (value: String, line: Int) {
        guard let entry = node[key] else { throw missingField(path, line: missingLine ?? node.line) }
        guard case .scalar(let value, _) = entry.value.value, !value.isEmpty else {
            throw problem(entry.line, ru: "\(path): ожидалась строка", en: "\(path): expected a string")
        }
        return (value, entry.line)
    }

    static func problem(_ line: Int?, ru: String, en: String) -> ManifestProblem {
        ManifestProblem(line: line, message: LocalizedText(ru: ru, en: en))
    }

    static func unknownField(_ path: String, line: Int?) -> ManifestProblem {
        problem(line, ru: "неизвестное поле \(path)", en: "unknown field \(path)")
    }

    static func missingField(_ path: String, line: Int?) -> ManifestProblem {
        problem(line, ru: "не хватает поля \(path)", en: "missing field \(path)")
    }
}

/// A step of a field path: `spec.stages[0]` is key spec, key stages, index 0.
enum PathStep: Hashable {
    case key(String)
    case index(Int)

    static func parse(_ path: String) -> [PathStep] {
        var steps: [PathStep] = []
        for part in path.split(separator: ".") {
            var rest = part
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { steps.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) { steps.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }

    static func text(_ steps: [PathStep]) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

/// The spec's YAML as JSON for the model's decoders, remembering the line of every key and item
/// and the text of every plain scalar (for `cpu: 2` where text is expected).
private struct SpecReading {
    var lines: [[PathStep]: Int] = [:]
    var plainTexts: [[PathStep]: String] = [:]

    mutating func json(_ node: YAMLNode, path: [PathStep], line: Int) throws(ManifestProblem) -> JSONValue {
        lines[path] = line
        switch node.value {
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key] = try json(entry.value, path: path + [.key(entry.key)], line: entry.line) }
            return .object(object)
        case .sequence(let items):
            var array: [JSONValue] = []
            for (index, item) in items.enumerated() { array.append(try json(item, path: path + [.index(index)], line: item.line)) }
            return .array(array)
        case .scalar(let text, quoted: true):
            return .string(text)
        case .scalar(let text, quoted: false):
            let value = Self.typed(text)
            if case .string = value {} else { plainTexts[path] = text }
            return value
        }
    }

    /// The YAML 1.2 core schema: null, booleans, integers and floats; the rest is text.
    static func typed(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = Int64(text) { return .integer(integer) }
        if text.contains(where: \.isNumber), text.allSatisfy({ $0.isNumber || ".eE+-".contains($0) }), let double = Double(text) {
            return .double(double)
        }
        return .string(text)
    }

    private struct Wrapper: Encodable {
        let kind: ComponentKind
        let spec: JSONValue
    }

    mutating func decode(_ spec: JSONValue, kind: ComponentKind) throws(ManifestProblem) -> ComponentSpec {
        var spec = spec
        if case .null = spec { spec = .object([:]) }
        guard case .object = spec else {
            throw Manifest.problem(lines[[.key("spec")]], ru: "spec: ожидался словарь", en: "spec: expected a mapping")
        }
        // Each round turns one plain scalar into the text a field expects, or fails.
        for _ in 0...max(plainTexts.count, 1) {
            let decoded: ComponentSpec
            do {
                let data = try JSONEncoder().encode(Wrapper(kind: kind, spec: spec))
                decoded = try JSONDecoder().decode(ComponentSpec.self, from: data)
            } catch let DecodingError.typeMismatch(type, context) {
                let path = Self.steps(context.codingPath)
                if type == String.self, let text = plainTexts[path] {
                    plainTexts[path] = nil
                    spec = Self.replacing(in: spec, at: Array(path.dropFirst()), with: .string(text))
                    continue
                }
                throw wrongType(path, expected: type, context: context)
            } catch let DecodingError.keyNotFound(key, context) {
                let parent = Self.steps(context.codingPath)
                throw Manifest.missingField(PathStep.text(parent + [.key(key.stringValue)]), line: line(of: parent))
            } catch let DecodingError.valueNotFound(type, context) {
                let path = Self.steps(context.codingPath)
                throw Manifest.problem(line(of: path), ru: "\(PathStep.text(path)): нужно значение (\(Self.describe(type).ru))",
                                       en: "\(PathStep.text(path)): a value is needed (\(Self.describe(type).en))")
            } catch let DecodingError.dataCorrupted(context) {
                let path = Self.steps(context.codingPath)
                throw Manifest.problem(line(of: path), ru: "\(PathStep.text(path)): недопустимое значение", en: "\(PathStep.text(path)): a value not allowed here")
            } catch {
                throw Manifest.problem(nil, ru: "манифест не прочитан: \(error)", en: "the manifest could not be read: \(error)")
            }
            try checkKnown(spec, against: decoded)
            return decoded
        }
        throw Manifest.problem(nil, ru: "манифест не прочитан", en: "the manifest could not be read")
    }

    /// Every key given must be one the spec has: the decoders skip unknown keys, so the decoded
    /// spec is encoded again and what it lacks was not understood (a typo, a field of another kind).
    private func checkKnown(_ given: JSONValue, against decoded: ComponentSpec) throws(ManifestProblem) {
        guard let data = try? JSONEncoder().encode(decoded),
              case .object(let wrapper)? = try? JSONDecoder().decode(JSONValue.self, from: data), let known = wrapper["spec"] else { return }
        try compare(given, known, path: [.key("spec")])
    }

    private func compare(_ given: JSONValue, _ known: JSONValue, path: [PathStep]) throws(ManifestProblem) {
        switch (given, known) {
        case (.object(let given), .object(let known)):
            for key in given.keys.sorted(by: { (lines[path + [.key($0)]] ?? 0) < (lines[path + [.key($1)]] ?? 0) }) {
                let value = given[key]!
                if case .null = value { continue }
                guard let counterpart = known[key] else {
                    throw Manifest.unknownField(PathStep.text(path + [.key(key)]), line: lines[path + [.key(key)]])
                }
                try compare(value, counterpart, path: path + [.key(key)])
            }
        case (.array(let given), .array(let known)):
            for (index, value) in given.enumerated() where known.indices.contains(index) {
                try compare(value, known[index], path: path + [.index(index)])
            }
        default:
            break
        }
    }

    private func wrongType(_ path: [PathStep], expected type: Any.Type, context: DecodingError.Context) -> ManifestProblem {
        let expected = Self.describe(type)
        return Manifest.problem(line(of: path), ru: "\(PathStep.text(path)): ожидался тип «\(expected.ru)»",
                                en: "\(PathStep.text(path)): expected \(expected.en)")
    }

    /// The line of the path's key, or of the nearest enclosing one.
    private func line(of path: [PathStep]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    static func describe(_ type: Any.Type) -> (ru: String, en: String) {
        let name = String(describing: type)
        if type == Int.self || type == Int64.self { return ("целое число", "an integer") }
        if type == Double.self { return ("число", "a number") }
        if type == Bool.self { return ("true или false", "true or false") }
        if type == String.self { return ("строка", "a string") }
        if name.hasPrefix("Dictionary") || name.contains(":") { return ("словарь", "a mapping") }
        if name.hasPrefix("Array") || name.hasPrefix("[") { return ("список", "a list") }
        return ("словарь", "a mapping")
    }

    static func steps(_ codingPath: [any CodingKey]) -> [PathStep] {
        codingPath.map { key in key.intValue.map(PathStep.index) ?? .key(key.stringValue) }
    }

    static func replacing(in value: JSONValue, at path: [PathStep], with new: JSONValue) -> JSONValue {
        guard let step = path.first else { return new }
        switch (step, value) {
        case (.key(let key), .object(var object)):
            guard let inner = object[key] else { return value }
            object[key] = replacing(in: inner, at: Array(path.dropFirst()), with: new)
            return .object(object)
        case (.index(let index), .array(var array)) where array.indices.contains(index):
            array[index] = replacing(in: array[index], at: Array(path.dropFirst()), with: new)
            return .array(array)
        default:
            return value
        }
    }
}

extension JSONValue: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let object): try container.encode(object)
        case .array(let array): try container.encode(array)
        case .string(let text): try container.encode(text)
        case .integer(let integer): try container.encode(integer)
        case .double(let double): try container.encode(double)
        case .bool(let bool): try container.encode(bool)
        case .null: try container.encodeNil()
        }
    }
}
