import Foundation
import GRDB
import Model

/// Something that happened to a team rather than to one application: a membership change or a
/// deleted application (whose own events went with it).
package struct TeamEvent: Equatable, Sendable {
    package var id: Int64
    package var time: Date
    package var team: String
    package var reason: String
    package var message: String
    package var actor: String
}

/// Team membership changes through the API; each is recorded as an event of the team with its actor.
extension PlatformStore {
    package func addTeamMember(team: String, login: String, role: Role, actor: String, at time: Date) async throws -> TeamMember {
        try await pool.write { db in
            guard try Self.teamExists(db, team) else { throw StoreError.notFound("team \(team)") }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM users WHERE login = ?", arguments: [login]) != nil else {
                throw StoreError.invalid([FieldIssue(field: "user", .noSuchUser)])
            }
            if try Self.memberRole(db, team: team, login: login) != nil {
                throw StoreError.conflict(FieldIssue(field: "user", .alreadyMember(login: login, team: team)))
            }
            try db.execute(sql: "INSERT INTO team_members(team, login, role, source) VALUES (?, ?, ?, 'api')",
                           arguments: [team, login, role.rawValue])
            try Self.recordTeamEvent(db, team: team, reason: "MemberAdded", message: .memberAdded(login: login, role: role), actor: actor, at: time)
            return TeamMember(login: login, role: role)
        }
    }

    /// Changes a member's role; a team always keeps at least one owner.
    package func updateTeamMember(team: String, login: String, role: Role, actor: String, at time: Date) async throws -> TeamMember {
        try await pool.write { db in
            guard let current = try Self.memberRole(db, team: team, login: login) else { throw StoreError.notFound("member \(login) of team \(team)") }
            if current == .owner && role != .owner { try Self.keepAnOwner(db, team: team) }
            // A role set through the API is the API's from now on: OIDC groups no longer take it back.
            try db.execute(sql: "UPDATE team_members SET role = ?, source = 'api' WHERE team = ? AND login = ?",
                           arguments: [role.rawValue, team, login])
            try Self.recordTeamEvent(db, team: team, reason: "MemberRoleChanged",
                                     message: .memberRoleChanged(login: login, from: current, to: role), actor: actor, at: time)
            return TeamMember(login: login, role: role)
        }
    }

    package func removeTeamMember(team: String, login: String, actor: String, at time: Date) async throws {
        try await pool.write { db in
            guard let current = try Self.memberRole(db, team: team, login: login) else { throw StoreError.notFound("member \(login) of team \(team)") }
            if current == .owner { try Self.keepAnOwner(db, team: team) }
            try db.execute(sql: "DELETE FROM team_members WHERE team = ? AND login = ?", arguments: [team, login])
            try Self.recordTeamEvent(db, team: team, reason: "MemberRemoved", message: .memberRemoved(login: login), actor: actor, at: time)
        }
    }

    /// The team's events newest first; `before` is the id the previous page ended at.
    package func teamEvents(team: String, limit: Int, before: Int64?) async throws -> (items: [TeamEvent], next: Int64?) {
        try await pool.read { db in
            var rows = try Row.fetchAll(db, sql: """
                SELECT id, time, team, reason, message, actor FROM team_events WHERE team = ? AND id < ? ORDER BY id DESC LIMIT ?
                """, arguments: [team, before ?? Int64.max, limit + 1])
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            let items = rows.map { row in
                TeamEvent(id: row["id"], time: Date(timeIntervalSince1970: row["time"]), team: row["team"], reason: row["reason"],
                          message: row["message"], actor: row["actor"])
            }
            return (items, hasMore ? items.last?.id : nil)
        }
    }

    static func memberRole(_ db: Database, team: String, login: String) throws -> Role? {
        try String.fetchOne(db, sql: "SELECT role FROM team_members WHERE team = ? AND login = ?", arguments: [team, login])
            .flatMap(Role.init(rawValue:))
    }

    /// Refuses a change that would leave the team without an owner (called before the change).
    private static func keepAnOwner(_ db: Database, team: String) throws {
        let owners = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM team_members WHERE team = ? AND role = 'owner'", arguments: [team]) ?? 0
        if owners <= 1 { throw StoreError.conflict(FieldIssue(field: "role", .lastOwner(team: team))) }
    }

    static func recordTeamEvent(_ db: Database, team: String, reason: String, message: EventMessage, actor: String, at time: Date) throws {
        try db.execute(sql: "INSERT INTO team_events(time, team, reason, message, actor) VALUES (?, ?, ?, ?, ?)",
                       arguments: [time.timeIntervalSince1970, team, reason, message.message.en, actor])
    }
}
