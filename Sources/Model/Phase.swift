/// Lifecycle phase of a component (and, aggregated, of an application).
public enum Phase: String, Codable, Sendable, CaseIterable {
    case pending
    case deploying
    case deployed
    case failed
    case stopped
    case deleting

    /// The words of the web cabinet (GLOSSARY.md).
    public var label: LocalizedText {
        switch self {
        case .pending: LocalizedText(ru: "Ожидает", en: "Pending")
        case .deploying: LocalizedText(ru: "Развертывается", en: "Deploying")
        case .deployed: LocalizedText(ru: "Развернуто", en: "Deployed")
        case .failed: LocalizedText(ru: "Ошибка развертывания", en: "Deploy failed")
        case .stopped: LocalizedText(ru: "Остановлено", en: "Stopped")
        case .deleting: LocalizedText(ru: "Удаляется", en: "Deleting")
        }
    }

    /// Which phase wins when several components are summarised into one application status:
    /// a failure is what the user must see first, then work in progress, then the calm states.
    var severity: Int {
        switch self {
        case .failed: 5
        case .deleting: 4
        case .deploying: 3
        case .pending: 2
        case .stopped: 1
        case .deployed: 0
        }
    }

    /// The aggregate phase of an application from its components' phases; an application
    /// without components is deployed (there is nothing to wait for).
    public static func aggregate(_ phases: [Phase]) -> Phase {
        phases.max(by: { $0.severity < $1.severity }) ?? .deployed
    }
}
