import Foundation

public enum EventType: String, Codable, Sendable, CaseIterable {
    case normal
    case warning
}

/// Something that happened to an application or one of its components, and who did it.
public struct Event: Codable, Equatable, Sendable, Identifiable {
    public var id: Int64
    public var time: Date
    public var application: String
    /// nil for an event of the application as a whole.
    public var component: String?
    public var type: EventType
    public var reason: String
    /// The platform's English words; `code` and `parameters`, when the platform gives them, say
    /// the same for the cabinet to word in its user's language (`words`).
    public var message: String
    public var actor: String
    public var code: String?
    public var parameters: [String: String]?

    public init(
        id: Int64, time: Date, application: String, component: String?, type: EventType,
        reason: String, message: String, actor: String, code: String? = nil, parameters: [String: String]? = nil
    ) {
        self.code = code
        self.parameters = parameters
        self.id = id
        self.time = time
        self.application = application
        self.component = component
        self.type = type
        self.reason = reason
        self.message = message
        self.actor = actor
    }
}

extension Event {
    /// The message in both languages: from its code when this build knows it, else as sent.
    public var words: LocalizedText {
        EventMessage(code: code, parameters: parameters ?? [:], message: message).message
    }
}
