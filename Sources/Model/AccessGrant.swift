import Foundation

/// A role on one application given to a user, or to every member of a team, besides the
/// application's own team (the Доступы и безопасность tab).
public struct AccessGrant: Codable, Equatable, Sendable, Identifiable {
    /// Who the grant is for: exactly one user or one team.
    public enum Subject: Codable, Equatable, Hashable, Sendable {
        case user(String)
        case team(String)

        /// The login or the team's slug.
        public var name: String {
            switch self {
            case .user(let login): login
            case .team(let slug): slug
            }
        }
    }

    public var id: Int64
    public var subject: Subject
    public var role: Role
    public var createdAt: Date
    /// The login of who gave it.
    public var createdBy: String

    public init(id: Int64, subject: Subject, role: Role, createdAt: Date, createdBy: String) {
        self.id = id
        self.subject = subject
        self.role = role
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}
