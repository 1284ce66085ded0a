import ContractMapping
import Foundation
import Model
import PlatformContract

/// Turns the free-form `spec` object of a request into the domain spec of its kind, reporting a
/// missing or mistyped field by its path ("spec.servicePort: expected a number").
enum ComponentSpecDecoding {
    /// A new component of the contract's `oneOf` as the domain's.
    static func component(_ body: Components.Schemas.ComponentCreate) throws -> Component {
        try refusing { try Component(body) }
    }

    static func decode(kind: ComponentKind, spec: Components.Schemas.ComponentSpecReplace.SpecPayload) throws -> ComponentSpec {
        try refusing { try ComponentSpec(kind: kind, payload: spec) }
    }

    /// A spec that does not decode as a 400 naming its field by its path under `spec`.
    private static func refusing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DecodingError {
            let (path, rule) = describe(error)
            throw APIProblem.field(path.isEmpty ? "spec" : path.hasPrefix("[") ? "spec\(path)" : "spec.\(path)", rule)
        }
    }

    /// The field a decoding error is about ("spec.image", "components[0].spec.servicePort") and
    /// what is wrong with it.
    static func describe(_ error: DecodingError) -> (String, FieldRule) {
        func path(_ context: DecodingError.Context, plus key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .replacingOccurrences(of: ".[", with: "[").drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context): return (path(context, plus: key), .missing)
        case .typeMismatch(let type, let context): return (path(context), .wrongType(expected: describe(type)))
        case .valueNotFound(let type, let context): return (path(context), .wrongType(expected: describe(type)))
        case .dataCorrupted(let context): return (path(context), .invalid(context.debugDescription))
        @unknown default: return ("spec", .invalid("is not a valid spec"))
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
