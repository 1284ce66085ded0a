import Foundation
import GRDB
import Model

extension PlatformStore {
    /// A component's new status and the event that says why, together; nil when the component (or
    /// its application) is gone, which a driver racing a delete must tolerate.
    @discardableResult
    package func setStatus(application slug: String, component name: String, phase: Phase, type: EventType,
                           reason: String, message: EventMessage, at time: Date) async throws -> Bool {
        try await pool.write { db in
            guard let app = try Row.fetchOne(db, sql: "SELECT id FROM applications WHERE slug = ?", arguments: [slug]) else { return false }
            let id: Int64 = app["id"]
            try db.execute(sql: """
                UPDATE components SET phase = ?, reason = ?, message = ?, status_time = ?, status_code = ?, status_params = ?
                WHERE application_id = ? AND name = ?
                """, arguments: [phase.rawValue, reason, message.message.en, time.timeIntervalSince1970, message.code,
                                 Self.storedParameters(message.parameters), id, name])
            guard db.changesCount > 0 else { return false }
            try Self.recordEvent(db, application: id, component: name, type: type, reason: reason, message: message,
                                 actor: "platform", at: time)
            try Self.touch(db, id, at: time)
            return true
        }
    }

    /// Every component of every application with the namespace it lives in, for a driver starting up.
    package func allComponents() async throws -> [(application: String, namespace: String, component: Component)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, slug, namespace FROM applications ORDER BY id").flatMap { row in
                let slug: String = row["slug"]
                let namespace: String = row["namespace"]
                return try Self.components(db, applicationID: row["id"]).map { (slug, namespace, $0) }
            }
        }
    }
}

extension PlatformStore {
    /// The application whose stored namespace this is, with its components: looked up, never
    /// taken apart (the namespace names exactly one application, by the unique index).
    package func application(namespace: String) async throws -> (slug: String, components: [Component])? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, slug FROM applications WHERE namespace = ?", arguments: [namespace]) else {
                return nil
            }
            return (row["slug"], try Self.components(db, applicationID: row["id"]))
        }
    }
}

extension PlatformStore {
    /// An event about a component that does not change its status (a pipeline run's start or end).
    @discardableResult
    package func recordComponentEvent(application slug: String, component: String, type: EventType, reason: String,
                                      message: EventMessage, at time: Date) async throws -> Bool {
        try await pool.write { db in
            guard let app = try Row.fetchOne(db, sql: "SELECT id FROM applications WHERE slug = ?", arguments: [slug]) else { return false }
            try Self.recordEvent(db, application: app["id"], component: component, type: type, reason: reason, message: message,
                                 actor: "platform", at: time)
            return true
        }
    }
}
