import Foundation

/// How the cabinet stands with the platform. Offline is a state the user works in, not an error.
enum ConnectionState: Equatable, Sendable {
    /// The first request is under way.
    case connecting
    case online(since: Date)
    /// `reason` is what the transport said, kept for the record (the status line says the
    /// cabinet's own words, in the user's language); cached data stays on screen.
    case offline(reason: String)
    /// The platform answered but refused our token.
    case unauthorised(reason: String)
}

/// Where the data on screen came from.
enum DataOrigin: Equatable, Sendable {
    case none
    case cache(savedAt: Date)
    case platform(at: Date)

    var time: Date? {
        switch self {
        case .none: nil
        case .cache(let at), .platform(let at): at
        }
    }
}
