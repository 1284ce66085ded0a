import Foundation
import GRDB
import Model

/// Who a grant is for: one user, or every member of a team.
package enum GrantSubject: Equatable, Sendable {
    case user(String)
    case team(String)

    var kind: String {
        switch self {
        case .user: "user"
        case .team: "team"
        }
    }

    var name: String {
        switch self {
        case .user(let login): login
        case .team(let slug): slug
        }
    }

    /// The same subject as the events (and the cabinet) name it.
    var eventSubject: AccessGrant.Subject {
        switch self {
        case .user(let login): .user(login)
        case .team(let slug): .team(slug)
        }
    }
}

/// A role on one application given to a user or a team besides the application's own team.
package struct Grant: Equatable, Sendable {
    package var id: Int64
    package var subject: GrantSubject
    package var role: Role
    package var createdAt: Date
    package var createdBy: String
}

extension PlatformStore {
    package func grants(ofApplication slug: String) async throws -> [Grant] {
        try await pool.read { db in
            let id = try Self.applicationRow(db, slug).id
            return try Row.fetchAll(db, sql: """
                SELECT id, subject_kind, subject, role, created_at, created_by FROM grants WHERE application_id = ? ORDER BY id
                """, arguments: [id]).compactMap(Self.grant)
        }
    }

    package func grant(id: Int64, inApplication slug: String) async throws -> Grant {
        try await pool.read { db in
            let applicationID = try Self.applicationRow(db, slug).id
            guard let grant = try Row.fetchOne(db, sql: """
                SELECT id, subject_kind, subject, role, created_at, created_by FROM grants WHERE id = ? AND application_id = ?
                """, arguments: [id, applicationID]).flatMap(Self.grant) else { throw StoreError.notFound("grant \(id)") }
            return grant
        }
    }

    /// Gives `subject` `role` on the application, recording who did it as an event of the application.
    package func createGrant(_ subject: GrantSubject, role: Role, inApplication slug: String, actor: String, at time: Date) async throws -> Grant {
        try await pool.write { db in
            let applicationID = try Self.applicationRow(db, slug).id
            switch subject {
            case .user(let login):
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM users WHERE login = ?", arguments: [login]) != nil else {
                    throw StoreError.invalid([FieldIssue(field: "user", .noSuchUser)])
                }
            case .team(let team):
                guard try Self.teamExists(db, team) else {
                    throw StoreError.invalid([FieldIssue(field: "team", .noSuchTeam)])
                }
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM grants WHERE application_id = ? AND subject_kind = ? AND subject = ?",
                                arguments: [applicationID, subject.kind, subject.name]) != nil {
                throw StoreError.conflict(FieldIssue(field: subject.kind, .alreadyGranted(subject: "\(subject.kind) \(subject.name)", application: slug)))
            }
            try db.execute(sql: """
                INSERT INTO grants(application_id, subject_kind, subject, role, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [applicationID, subject.kind, subject.name, role.rawValue, time.timeIntervalSince1970, actor])
            let grant = Grant(id: db.lastInsertedRowID, subject: subject, role: role, createdAt: time, createdBy: actor)
            try Self.recordEvent(db, application: applicationID, component: nil, type: .normal, reason: "AccessGranted",
                                 message: .accessGranted(subject: subject.eventSubject, role: role), actor: actor, at: time)
            return grant
        }
    }

    package func deleteGrant(id: Int64, inApplication slug: String, actor: String, at time: Date) async throws {
        try await pool.write { db in
            let applicationID = try Self.applicationRow(db, slug).id
            guard let grant = try Row.fetchOne(db, sql: """
                SELECT id, subject_kind, subject, role, created_at, created_by FROM grants WHERE id = ? AND application_id = ?
                """, arguments: [id, applicationID]).flatMap(Self.grant) else { throw StoreError.notFound("grant \(id)") }
            try db.execute(sql: "DELETE FROM grants WHERE id = ?", arguments: [id])
            try Self.recordEvent(db, application: applicationID, component: nil, type: .normal, reason: "AccessRevoked",
                                 message: .accessRevoked(subject: grant.subject.eventSubject, role: grant.role),
                                 actor: actor, at: time)
        }
    }

    private static func grant(_ row: Row) -> Grant? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        let name: String = row["subject"]
        let subject: GrantSubject = (row["subject_kind"] as String) == "team" ? .team(name) : .user(name)
        return Grant(id: row["id"], subject: subject, role: role, createdAt: Date(timeIntervalSince1970: row["created_at"]),
                     createdBy: row["created_by"])
    }
}
