/// A component of an application: `{kind, name, spec, status}`; the kind follows from the spec.
public struct Component: Codable, Equatable, Sendable {
    public var name: String
    public var spec: ComponentSpec
    /// nil for a component that exists only in a template.
    public var status: Status?

    public var kind: ComponentKind { spec.kind }

    public init(name: String, spec: ComponentSpec, status: Status? = nil) {
        self.name = name
        self.spec = spec
        self.status = status
    }
}

/// The spec of one of the four kinds, mirroring the CRDs of `unified-platform.cs.hse.ru/v1`.
public enum ComponentSpec: Equatable, Sendable {
    case mlComponent(MLComponentSpec)
    case experimentPipeline(ExperimentPipelineSpec)
    case dataBox(DataBoxSpec)
    case apiComponent(APIComponentSpec)

    public var kind: ComponentKind {
        switch self {
        case .mlComponent: .mlComponent
        case .experimentPipeline: .experimentPipeline
        case .dataBox: .dataBox
        case .apiComponent: .apiComponent
        }
    }
}

extension ComponentSpec: Codable {
    private enum CodingKeys: String, CodingKey { case kind, spec }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(ComponentKind.self, forKey: .kind) {
        case .mlComponent: self = .mlComponent(try container.decode(MLComponentSpec.self, forKey: .spec))
        case .experimentPipeline: self = .experimentPipeline(try container.decode(ExperimentPipelineSpec.self, forKey: .spec))
        case .dataBox: self = .dataBox(try container.decode(DataBoxSpec.self, forKey: .spec))
        case .apiComponent: self = .apiComponent(try container.decode(APIComponentSpec.self, forKey: .spec))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .mlComponent(let spec): try container.encode(spec, forKey: .spec)
        case .experimentPipeline(let spec): try container.encode(spec, forKey: .spec)
        case .dataBox(let spec): try container.encode(spec, forKey: .spec)
        case .apiComponent(let spec): try container.encode(spec, forKey: .spec)
        }
    }
}
