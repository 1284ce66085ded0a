import Foundation
import GRDB
import Model

extension PlatformStore {
    /// Adds a component to an application after checking it against the others and the team's quota.
    package func createComponent(_ component: Component, inApplication slug: String, actor: String, at time: Date) async throws -> Component {
        try await pool.write { db in
            let app = try Self.applicationRow(db, slug)
            let others = try Self.components(db, applicationID: app.id)
            let issues = ComponentValidation.issues(component, among: others)
            guard issues.isEmpty else { throw StoreError.invalid(issues) }
            try QuotaUsage.check(db, team: app.team, adding: QuotaUsage.demand(of: [component]))
            var created = component
            created.status = Status(phase: .pending, reason: "Created", time: time)
            try Self.insertComponent(db, application: app.id, created, at: time)
            try Self.recordEvent(db, application: app.id, component: component.name, type: .normal, reason: "Created",
                                 message: .componentCreated(kind: component.kind, name: component.name), actor: actor, at: time)
            try Self.touch(db, app.id, at: time)
            return created
        }
    }

    /// Replaces a component's spec; the kind stays. Quota is checked for what the change adds.
    package func replaceComponentSpec(_ spec: ComponentSpec, name: String, inApplication slug: String, actor: String, at time: Date) async throws -> Component {
        try await pool.write { db in
            let app = try Self.applicationRow(db, slug)
            var all = try Self.components(db, applicationID: app.id)
            guard let index = all.firstIndex(where: { $0.name == name }) else { throw StoreError.notFound("component \(name)") }
            let old = all.remove(at: index)
            guard old.kind == spec.kind else {
                throw StoreError.invalid([FieldIssue(field: "spec", .kindFixed(old.kind))])
            }
            var updated = old
            updated.spec = spec
            let issues = ComponentValidation.issues(updated, among: all)
            guard issues.isEmpty else { throw StoreError.invalid(issues) }
            let before = QuotaUsage.demand(of: [old])
            let extra = QuotaUsage.demand(of: [updated]).mapValues { $0 }.merging(before) { new, old in new - old }
            try QuotaUsage.check(db, team: app.team, adding: extra)
            try db.execute(sql: "UPDATE components SET spec = ? WHERE application_id = ? AND name = ?",
                           arguments: [try Self.storedJSON(spec), app.id, name])
            try Self.recordEvent(db, application: app.id, component: name, type: .normal, reason: "Updated",
                                 message: .componentReplaced(kind: spec.kind, name: name), actor: actor, at: time)
            try Self.touch(db, app.id, at: time)
            return updated
        }
    }

    /// Deletes a component unless another one refers to it (that one would break).
    package func deleteComponent(name: String, inApplication slug: String, actor: String, at time: Date) async throws {
        try await pool.write { db in
            let app = try Self.applicationRow(db, slug)
            let all = try Self.components(db, applicationID: app.id)
            guard let component = all.first(where: { $0.name == name }) else { throw StoreError.notFound("component \(name)") }
            let referrers = ComponentValidation.referrers(of: name, among: all.filter { $0.name != name })
            guard referrers.isEmpty else {
                throw StoreError.conflict(FieldIssue(field: "name", .inUse(name, by: referrers)))
            }
            try db.execute(sql: "DELETE FROM components WHERE application_id = ? AND name = ?", arguments: [app.id, name])
            try Self.recordEvent(db, application: app.id, component: name, type: .normal, reason: "Deleted",
                                 message: .componentDeleted(kind: component.kind, name: name), actor: actor, at: time)
            try Self.touch(db, app.id, at: time)
        }
    }

    /// One component with the namespace of its application (for manifests).
    package func component(name: String, inApplication slug: String) async throws -> (component: Component, namespace: String) {
        try await pool.read { db in
            let app = try Self.applicationRow(db, slug)
            guard let component = try Self.components(db, applicationID: app.id).first(where: { $0.name == name }) else {
                throw StoreError.notFound("component \(name)")
            }
            return (component, app.namespace)
        }
    }

    struct ApplicationRow {
        var id: Int64
        var team: String
        var author: String
        var namespace: String
    }

    static func applicationRow(_ db: Database, _ slug: String) throws -> ApplicationRow {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, team, author, namespace FROM applications WHERE slug = ?", arguments: [slug]) else {
            throw StoreError.notFound("application \(slug)")
        }
        return ApplicationRow(id: row["id"], team: row["team"], author: row["author"], namespace: row["namespace"])
    }

    static func components(_ db: Database, applicationID id: Int64) throws -> [Component] {
        try Row.fetchAll(db, sql: """
            SELECT name, spec, phase, reason, message, status_time, status_code, status_params FROM components WHERE application_id = ? ORDER BY kind, name
            """, arguments: [id]).compactMap { row -> Component? in
            let json: String = row["spec"]
            guard let spec = try? JSONDecoder().decode(ComponentSpec.self, from: Data(json.utf8)),
                  let phase = Phase(rawValue: row["phase"]) else { return nil }
            return Component(name: row["name"], spec: spec, status: Status(
                phase: phase, reason: row["reason"], message: row["message"], time: Date(timeIntervalSince1970: row["status_time"]),
                code: row["status_code"], parameters: readParameters(row["status_params"])))
        }
    }

    static func touch(_ db: Database, _ id: Int64, at time: Date) throws {
        try db.execute(sql: "UPDATE applications SET updated_at = ? WHERE id = ?", arguments: [time.timeIntervalSince1970, id])
    }
}
