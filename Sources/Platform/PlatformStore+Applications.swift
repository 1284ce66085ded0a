import Foundation
import GRDB
import Model

extension PlatformStore {
    /// Creates the application and its template's components in one transaction, after checking
    /// the input, the team, the template, the slug's uniqueness and the team's quota.
    package func createApplication(_ draft: NewApplication, author: String, at time: Date) async throws -> Application {
        let slug = draft.slug ?? Slug.derive(from: draft.name)
        var issues = Validation.displayName(draft.name) + Validation.slug(slug) + Validation.description(draft.description)
        let template = try await self.template(slug: draft.template)
        if template == nil {
            issues.append(FieldIssue(field: "template", .noSuchTemplate))
        }
        let inputIssues = issues
        try await pool.write { db in
            var issues = inputIssues
            if try !Self.teamExists(db, draft.team) {
                issues.append(FieldIssue(field: "team", .noSuchTeam))
            }
            guard issues.isEmpty, let template else { throw StoreError.invalid(issues) }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM applications WHERE slug = ?", arguments: [slug]) != nil {
                throw StoreError.conflict(FieldIssue(field: "slug", .slugTaken(slug)))
            }
            let namespace = Namespace.of(owner: author, application: slug)
            if try Int.fetchOne(db, sql: "SELECT 1 FROM applications WHERE namespace = ?", arguments: [namespace]) != nil {
                throw StoreError.conflict(FieldIssue(field: "slug", .namespaceTaken(namespace)))
            }
            var demand = QuotaUsage.demand(of: template.components)
            demand[.apps] = 1
            try QuotaUsage.check(db, team: draft.team, adding: demand)

            try db.execute(
                sql: """
                    INSERT INTO applications(slug, name, description, team, template, author, created_at, updated_at, namespace)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [slug, draft.name, draft.description, draft.team, template.slug, author,
                            time.timeIntervalSince1970, time.timeIntervalSince1970, namespace])
            let id = db.lastInsertedRowID
            try Self.recordEvent(db, application: id, component: nil, type: .normal, reason: "Created",
                                 message: .applicationCreated(slug: slug, template: template.slug), actor: author, at: time)
            for component in template.components {
                try Self.insertComponent(db, application: id, component, at: time)
                try Self.recordEvent(db, application: id, component: component.name, type: .normal, reason: "Created",
                                     message: .componentCreated(kind: component.kind, name: component.name), actor: author, at: time)
            }
        }
        guard let created = try await application(slug: slug) else { throw StoreError.notFound("application \(slug)") }
        return created
    }

    package func application(slug: String) async throws -> Application? {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT \(Self.applicationColumns) FROM applications WHERE slug = ?", arguments: [slug])
            return try Self.applications(db, rows: rows).first
        }
    }

    package func updateApplication(slug: String, _ change: ApplicationEdit, actor: String, at time: Date) async throws -> Application {
        var found: [FieldIssue] = []
        if let name = change.name { found += Validation.displayName(name) }
        if let description = change.description { found += Validation.description(description) }
        let issues = found
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, team FROM applications WHERE slug = ?", arguments: [slug]) else {
                throw StoreError.notFound("application \(slug)")
            }
            let id: Int64 = row["id"]
            let currentTeam: String = row["team"]
            if let team = change.team, team != currentTeam {
                guard try Self.teamExists(db, team) else {
                    throw StoreError.invalid(issues + [FieldIssue(field: "team", .noSuchTeam)])
                }
                guard issues.isEmpty else { throw StoreError.invalid(issues) }
                var demand = QuotaUsage.demand(of: try Self.components(db, applicationID: id))
                demand[.apps] = 1
                try QuotaUsage.check(db, team: team, adding: demand)
            }
            guard issues.isEmpty else { throw StoreError.invalid(issues) }
            try db.execute(
                sql: """
                    UPDATE applications SET name = COALESCE(?, name), description = COALESCE(?, description),
                    team = COALESCE(?, team), updated_at = ? WHERE id = ?
                    """,
                arguments: [change.name, change.description, change.team, time.timeIntervalSince1970, id])
            let fields = [change.name.map { _ in "name" }, change.description.map { _ in "description" }, change.team.map { _ in "team" }]
                .compactMap { $0 }
            try Self.recordEvent(db, application: id, component: nil, type: .normal, reason: "Updated",
                                 message: .applicationUpdated(fields: fields), actor: actor, at: time)
        }
        guard let updated = try await application(slug: slug) else { throw StoreError.notFound("application \(slug)") }
        return updated
    }

    /// Deletes the application; its components, events and grants go with it (foreign keys
    /// cascade), so the deletion itself is recorded as an event of its team.
    package func deleteApplication(slug: String, actor: String = "platform", at time: Date = Date()) async throws {
        try await pool.write { db in
            let row = try Self.applicationRow(db, slug)
            try db.execute(sql: "DELETE FROM applications WHERE id = ?", arguments: [row.id])
            try Self.recordTeamEvent(db, team: row.team, reason: "ApplicationDeleted", message: .applicationDeleted(slug: slug),
                                     actor: actor, at: time)
        }
    }

    package func components(ofApplication slug: String) async throws -> [Component] {
        try await pool.read { db in try Self.components(db, applicationID: Self.applicationRow(db, slug).id) }
    }

    static func teamExists(_ db: Database, _ team: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1 FROM teams WHERE slug = ?", arguments: [team]) != nil
    }

    static func insertComponent(_ db: Database, application id: Int64, _ component: Component, at time: Date) throws {
        let spec = try storedJSON(component.spec)
        let status = component.status ?? Status(phase: .pending, reason: "Created", time: time)
        try db.execute(
            sql: """
                INSERT INTO components(application_id, name, kind, spec, phase, reason, message, status_time, status_code, status_params)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, component.name, component.kind.rawValue, spec, status.phase.rawValue,
                        status.reason, status.message, status.time.timeIntervalSince1970, status.code,
                        status.parameters.flatMap(storedParameters)])
    }

    /// An event's or status's parameters in their TEXT column: JSON, nil when there are none.
    static func storedParameters(_ parameters: [String: String]) -> String? {
        parameters.isEmpty ? nil : (try? JSONEncoder().encode(parameters)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Parameters read back from their column (nil for none, or for text that is not theirs).
    static func readParameters(_ text: String?) -> [String: String]? {
        text.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
    }

    /// How specs and template components are kept in their TEXT columns: JSON with sorted keys, so
    /// equal values are stored as equal text.
    static func storedJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func recordEvent(_ db: Database, application id: Int64, component: String?, type: EventType, reason: String,
                            message: EventMessage, actor: String, at time: Date) throws {
        let parameters = message.parameters
        let params = storedParameters(parameters)
        try db.execute(
            sql: "INSERT INTO events(time, application_id, component, type, reason, message, actor, code, params) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [time.timeIntervalSince1970, id, component, type.rawValue, reason, message.message.en, actor, message.code, params])
    }
}
