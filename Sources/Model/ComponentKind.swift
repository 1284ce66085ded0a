/// The four component kinds of the platform, named as the CRDs of `unified-platform.cs.hse.ru/v1`.
public enum ComponentKind: String, Codable, Sendable, CaseIterable {
    case mlComponent = "MLComponent"
    case experimentPipeline = "ExperimentPipeline"
    case dataBox = "DataBox"
    case apiComponent = "APIComponent"

    /// One component of the kind, in a sentence.
    public var label: LocalizedText {
        switch self {
        case .mlComponent: LocalizedText(ru: "ML-компонент", en: "ML component")
        case .experimentPipeline: LocalizedText(ru: "Пайплайн", en: "Pipeline")
        case .dataBox: LocalizedText(ru: "Ящик", en: "Box")
        case .apiComponent: LocalizedText(ru: "API-компонент", en: "API component")
        }
    }

    /// Tab titles of the web cabinet (GLOSSARY.md).
    public var pluralLabel: LocalizedText {
        switch self {
        case .mlComponent: LocalizedText(ru: "ML-компоненты", en: "ML components")
        case .experimentPipeline: LocalizedText(ru: "Пайплайны", en: "Pipelines")
        case .dataBox: LocalizedText(ru: "Ящики", en: "Boxes")
        case .apiComponent: LocalizedText(ru: "API-компоненты", en: "API components")
        }
    }
}

/// How many components of each kind an application has.
public struct ComponentCounts: Codable, Equatable, Sendable {
    public var mlComponents: Int
    public var pipelines: Int
    public var dataBoxes: Int
    public var apiComponents: Int

    public init(mlComponents: Int = 0, pipelines: Int = 0, dataBoxes: Int = 0, apiComponents: Int = 0) {
        self.mlComponents = mlComponents
        self.pipelines = pipelines
        self.dataBoxes = dataBoxes
        self.apiComponents = apiComponents
    }

    public subscript(kind: ComponentKind) -> Int {
        get {
            switch kind {
            case .mlComponent: mlComponents
            case .experimentPipeline: pipelines
            case .dataBox: dataBoxes
            case .apiComponent: apiComponents
            }
        }
        set {
            switch kind {
            case .mlComponent: mlComponents = newValue
            case .experimentPipeline: pipelines = newValue
            case .dataBox: dataBoxes = newValue
            case .apiComponent: apiComponents = newValue
            }
        }
    }

    public var total: Int { mlComponents + pipelines + dataBoxes + apiComponents }
}
