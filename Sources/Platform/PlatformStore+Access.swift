import Foundation
import GRDB
import Model

extension Role {
    /// viewer < developer < maintainer < owner: each role may do what the ones below it may.
    package var rank: Int {
        switch self {
        case .viewer: 1
        case .developer: 2
        case .maintainer: 3
        case .owner: 4
        }
    }

    package func atLeast(_ other: Role) -> Bool { rank >= other.rank }
}

/// An application as the access checks see it.
package struct ApplicationAccess: Sendable {
    package var id: Int64
    package var team: String
    /// The caller's effective role; nil when they have none (only an admin gets this far then).
    package var role: Role?
}

/// Who may see what: a user sees an application when they are a member of its team, when it was
/// granted to them, or when it was granted to one of their teams.
extension PlatformStore {
    /// A condition on the applications table (alias `a`) true for applications `login` may see.
    /// The slugs of every application `login` may see (for the event hub's per-stream filter).
    package func visibleApplicationSlugs(login: String) async throws -> Set<String> {
        try await pool.read { db in
            let visible = Self.visibleApplicationCondition(login: login)
            return Set(try String.fetchAll(db, sql: "SELECT a.slug FROM applications a WHERE \(visible.sql)", arguments: visible.arguments))
        }
    }

    static func visibleApplicationCondition(login: String) -> (sql: String, arguments: StatementArguments) {
        ("""
            (a.team IN (SELECT team FROM team_members WHERE login = ?)
             OR a.id IN (SELECT application_id FROM grants WHERE (subject_kind = 'user' AND subject = ?)
                         OR (subject_kind = 'team' AND subject IN (SELECT team FROM team_members WHERE login = ?))))
            """, [login, login, login])
    }

    /// The application with `login`'s effective role on it: the highest of their role in its team,
    /// grants to them, and grants to their teams. nil when there is no such application.
    package func access(login: String, application slug: String) async throws -> ApplicationAccess? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, team FROM applications WHERE slug = ?", arguments: [slug]) else {
                return nil
            }
            let id: Int64 = row["id"]
            let team: String = row["team"]
            let roles = try String.fetchAll(db, sql: """
                SELECT role FROM team_members WHERE team = ? AND login = ?
                UNION ALL
                SELECT role FROM grants WHERE application_id = ? AND ((subject_kind = 'user' AND subject = ?)
                    OR (subject_kind = 'team' AND subject IN (SELECT team FROM team_members WHERE login = ?)))
                """, arguments: [team, login, id, login, login])
            let role = roles.compactMap(Role.init(rawValue:)).max { $0.rank < $1.rank }
            return ApplicationAccess(id: id, team: team, role: role)
        }
    }

    /// `login`'s role in `team`; nil when not a member (or no such team).
    package func teamRole(login: String, team: String) async throws -> Role? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT role FROM team_members WHERE team = ? AND login = ?", arguments: [team, login])
                .flatMap(Role.init(rawValue:))
        }
    }

    package func teamExists(_ team: String) async throws -> Bool {
        try await pool.read { db in try Self.teamExists(db, team) }
    }
}
