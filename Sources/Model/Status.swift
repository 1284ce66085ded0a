import Foundation

/// Where a component stands, and why.
public struct Status: Codable, Equatable, Sendable {
    public var phase: Phase
    public var reason: String?
    /// The platform's English words; `code` and `parameters` say the same for the cabinet to word
    /// in its user's language (an `EventMessage`, as the event recorded with the status).
    public var message: String?
    public var time: Date
    public var code: String?
    public var parameters: [String: String]?

    public init(phase: Phase, reason: String? = nil, message: String? = nil, time: Date, code: String? = nil,
                parameters: [String: String]? = nil) {
        self.phase = phase
        self.reason = reason
        self.message = message
        self.time = time
        self.code = code
        self.parameters = parameters
    }

    /// The status's message in both languages: from its code when this build knows it, else as sent.
    public var words: LocalizedText? {
        message.map { EventMessage(code: code, parameters: parameters ?? [:], message: $0).message }
    }
}
