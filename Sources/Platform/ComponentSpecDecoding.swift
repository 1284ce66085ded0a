import Foundation
import Model
import PlatformContract

/// Turns the free-form `spec` object of a request into the domain spec of its kind, reporting a
/// missing or mistyped field by its path ("spec.servicePort: expected a number").
enum ComponentSpecDecoding {
    /// A new component of the contract's `oneOf` as the domain's.
    static func component(_ body: Components.Schemas.ComponentCreate) throws -> Component {
        let encoder = JSONEncoder()
        let (kind, name, json): (ComponentKind, String, Data) = switch body {
        case .mlComponent(let new): (.mlComponent, new.name, try encoder.encode(new.spec))
        case .experimentPipeline(let new): (.experimentPipeline, new.name, try encoder.encode(new.spec))
        case .dataBox(let new): (.dataBox, new.name, try encoder.encode(new.spec))
        case .apiComponent(let new): (.apiComponent, new.name, try encoder.encode(new.spec))
        }
        return Component(name: name, spec: try decode(kind: kind, json: json))
    }

    static func decode(kind: ComponentKind, spec: Components.Schemas.ComponentSpecReplace.SpecPayload) throws -> ComponentSpec {
        try decode(kind: kind, json: try JSONEncoder().encode(spec))
    }

    private static func decode(kind: ComponentKind, json: Data) throws -> ComponentSpec {
        let wrapper = Data("{\"kind\":\"\(kind.rawValue)\",\"spec\":".utf8) + json + Data("}".utf8)
        do {
            return try JSONDecoder().decode(ComponentSpec.self, from: wrapper)
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            throw APIProblem.field(path, message)
        }
    }

    /// The field a decoding error is about ("spec.image", "components[0].spec.servicePort") and
    /// what is wrong with it.
    static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ context: DecodingError.Context, plus key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .replacingOccurrences(of: ".[", with: "[").drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context): return (path(context, plus: key), "is required")
        case .typeMismatch(let type, let context): return (path(context), "expected \(describe(type))")
        case .valueNotFound(let type, let context): return (path(context), "expected \(describe(type))")
        case .dataCorrupted(let context): return (path(context), context.debugDescription)
        @unknown default: return ("spec", "is not a valid spec")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        default: String(describing: type).hasPrefix("Dictionary") || !(type is any Collection.Type) ? "an object" : "a list"
        }
    }
}
