import Foundation

/// Where a component stands, and why.
public struct Status: Codable, Equatable, Sendable {
    public var phase: Phase
    public var reason: String?
    public var message: String?
    public var time: Date

    public init(phase: Phase, reason: String? = nil, message: String? = nil, time: Date) {
        self.phase = phase
        self.reason = reason
        self.message = message
        self.time = time
    }
}
