import Foundation

/// The Kubernetes manifest of a component: the `unified-platform.cs.hse.ru/v1` custom resource the
/// cluster would be given, in the application's namespace.
public enum Manifest {
    public static let apiVersion = "unified-platform.cs.hse.ru/v1"

    public static func yaml(of component: Component, namespace: String) -> String {
        var spec = JSONValue.object([:])
        if let data = try? JSONEncoder().encode(component.spec),
           case .object(let wrapper)? = try? JSONDecoder().decode(JSONValue.self, from: data) {
            spec = wrapper["spec"] ?? .object([:])
        }
        var out = "apiVersion: \(apiVersion)\nkind: \(component.kind.rawValue)\nmetadata:\n"
        out += "  name: \(scalar(.string(component.name)))\n  namespace: \(scalar(.string(namespace)))\nspec:"
        out += block(spec, indent: 1)
        return out + "\n"
    }

    /// A value after its key: a scalar on the same line, a mapping or list on the lines below.
    private static func block(_ value: JSONValue, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .object(let object):
            if object.isEmpty { return " {}" }
            return object.keys.sorted().map { key in "\n\(pad)\(scalar(.string(key))):" + block(object[key]!, indent: indent + 1) }.joined()
        case .array(let array):
            if array.isEmpty { return " []" }
            return array.map { element -> String in
                if case .object(let object) = element, !object.isEmpty {
                    // The first key goes on the dash's line, the rest align under it.
                    let lines = block(element, indent: indent + 1).split(separator: "\n")
                    let body = lines.enumerated().map { i, line in i == 0 ? String(line.dropFirst((indent + 1) * 2)) : String(line) }
                    return "\n\(pad)- " + body.joined(separator: "\n")
                }
                return "\n\(pad)-" + block(element, indent: indent + 1)
            }.joined()
        default:
            return " " + scalar(value)
        }
    }

    /// Plain when unambiguous, else double-quoted with JSON escapes (valid YAML).
    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .double(let d): return String(d)
        case .null, .object, .array: return "null"
        case .string(let text):
            let reserved: Set<String> = ["", "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
            let special = CharacterSet(charactersIn: ":#{}[],&*!|>'\"%@`\\\n\t\r")
            let plain = !reserved.contains(text.lowercased())
                && text.rangeOfCharacter(from: special) == nil
                && text.first.map { !" -?".contains($0) } ?? false
                && text.last != " "
                && Double(text) == nil
            if plain { return text }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
    }
}

/// Any JSON value, for walking encoded specs without Foundation's untyped containers.
enum JSONValue: Decodable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
