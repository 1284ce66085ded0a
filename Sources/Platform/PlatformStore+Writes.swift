import Foundation
import GRDB
import Model

/// A component's status change to record: the component's new status and the event telling why.
package struct StatusChange: Sendable {
    package var component: String
    package var phase: Phase
    package var type: EventType
    package var reason: String
    package var message: EventMessage
    package var time: Date
}

extension PlatformStore {
    package func insert(team: Team, quota: [QuotaResource: Int64]) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO teams(slug, name) VALUES (?, ?)", arguments: [team.slug, team.name])
            for member in team.members {
                try db.execute(
                    sql: "INSERT INTO team_members(team, login, role) VALUES (?, ?, ?)",
                    arguments: [team.slug, member.login, member.role.rawValue])
            }
            for (resource, hard) in quota {
                try db.execute(
                    sql: "INSERT INTO quotas(team, resource, hard) VALUES (?, ?, ?)",
                    arguments: [team.slug, resource.rawValue, hard])
            }
        }
    }

    /// Stores an application with its components and the history of their statuses in one
    /// transaction: either all of it exists afterwards or none of it does.
    package func insert(application: Application, components: [Component], history: [StatusChange], actor: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO applications(slug, name, description, team, template, author, created_at, updated_at, namespace)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    application.slug, application.name, application.description, application.team,
                    application.template, application.author,
                    application.createdAt.timeIntervalSince1970, application.updatedAt.timeIntervalSince1970,
                    application.namespace,
                ])
            let applicationID = db.lastInsertedRowID
            try Self.recordEvent(db, application: applicationID, component: nil, type: .normal, reason: "Created",
                                 message: .applicationCreated(slug: application.slug, template: application.template),
                                 actor: actor, at: application.createdAt)
            for component in components {
                try Self.insertComponent(db, application: applicationID, component, at: application.createdAt)
            }
            for change in history.sorted(by: { $0.time < $1.time }) {
                try Self.recordEvent(db, application: applicationID, component: change.component, type: change.type,
                                     reason: change.reason, message: change.message, actor: actor, at: change.time)
            }
        }
    }
}
