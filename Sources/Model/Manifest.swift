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

    /// Plain when unambiguous, else double-quoted with YAML's escapes: every character YAML does not
    /// allow in a stream (C0 and C1 controls, DEL, surrogates, U+FFFE/FFFF) and the ones readers take
    /// as line breaks (NEL, U+2028, U+2029) or strip (a BOM) are written as `\xHH` or `\uHHHH`, so
    /// the text is valid YAML 1.2 whatever a name or a value holds.
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
                && text.unicodeScalars.allSatisfy(isPlainSafe)
            return plain ? text : doubleQuoted(text)
        }
    }

    /// Printable in YAML 1.2 and not a line break or BOM to any reader: may stand as itself.
    private static func isPlainSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...: true
        default: false
        }
    }

    private static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isPlainSafe(scalar): out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return out + "\""
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
