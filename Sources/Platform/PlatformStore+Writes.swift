import Foundation
import GRDB
import Model

/// A component's status change to record: the component's new status and the event telling why.
package struct StatusChange: Sendable {
    package var component: String
    package var phase: Phase
    package var type: EventType
    package var reason: String
    package var message: String
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
                    INSERT INTO applications(slug, name, description, team, template, author, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    application.slug, application.name, application.description, application.team,
                    application.template, application.author,
                    application.createdAt.timeIntervalSince1970, application.updatedAt.timeIntervalSince1970,
                ])
            let applicationID = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO events(time, application_id, component, type, reason, message, actor) VALUES (?, ?, NULL, 'normal', 'Created', ?, ?)",
                arguments: [application.createdAt.timeIntervalSince1970, applicationID,
                            "Application \(application.slug) created from template \(application.template)", actor])
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for component in components {
                let spec = String(decoding: try encoder.encode(component.spec), as: UTF8.self)
                let status = component.status ?? Status(phase: .pending, time: application.createdAt)
                try db.execute(
                    sql: """
                        INSERT INTO components(application_id, name, kind, spec, phase, reason, message, status_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [applicationID, component.name, component.kind.rawValue, spec, status.phase.rawValue,
                                status.reason, status.message, status.time.timeIntervalSince1970])
            }
            for change in history.sorted(by: { $0.time < $1.time }) {
                try db.execute(
                    sql: "INSERT INTO events(time, application_id, component, type, reason, message, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [change.time.timeIntervalSince1970, applicationID, change.component, change.type.rawValue,
                                change.reason, change.message, actor])
            }
        }
    }
}
