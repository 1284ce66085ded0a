import Foundation
import GRDB
import Model

/// Teams, templates, users and events: what the platform knows besides applications.
extension PlatformStore {
    /// Every team, or only those `visibleTo` is a member of.
    package func teams(visibleTo login: String? = nil) async throws -> [Team] {
        try await pool.read { db in
            let members = try Row.fetchAll(db, sql: "SELECT team, login, role FROM team_members ORDER BY team, login")
            var byTeam: [String: [TeamMember]] = [:]
            for row in members {
                guard let role = Role(rawValue: row["role"]) else { continue }
                byTeam[row["team"], default: []].append(TeamMember(login: row["login"], role: role))
            }
            let teams = try Row.fetchAll(db, sql: "SELECT slug, name FROM teams ORDER BY slug").map { row in
                Team(slug: row["slug"], name: row["name"], members: byTeam[row["slug"]] ?? [])
            }
            guard let login else { return teams }
            return teams.filter { $0.members.contains { $0.login == login } }
        }
    }

    package func memberships(of login: String) async throws -> [(team: String, role: Role)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT team, role FROM team_members WHERE login = ? ORDER BY team", arguments: [login])
                .compactMap { row in Role(rawValue: row["role"]).map { (team: row["team"] as String, role: $0) } }
        }
    }

    /// The built-in templates first, then the teams' own (only of teams `visibleTo` is a member of, when set).
    package func templates(visibleTo login: String? = nil) async throws -> [Template] {
        let own = try await pool.read { db in
            var sql = "SELECT slug, name, team, components FROM templates"
            var arguments: StatementArguments = []
            if let login {
                sql += " WHERE team IN (SELECT team FROM team_members WHERE login = ?)"
                arguments += [login]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY team, slug", arguments: arguments).compactMap { row -> Template? in
                let json: String = row["components"]
                guard let components = try? JSONDecoder().decode([Component].self, from: Data(json.utf8)) else { return nil }
                return Template(slug: row["slug"], name: row["name"], team: row["team"], components: components)
            }
        }
        return Template.builtIns + own
    }

    package func template(slug: String) async throws -> Template? {
        try await templates().first { $0.slug == slug }
    }

    /// The team's hard limits and what it uses now; nil for an unknown team.
    package func quota(team: String) async throws -> (hard: [QuotaResource: Int64], used: [QuotaResource: Int64])? {
        try await pool.read { db in
            guard try Self.teamExists(db, team) else { return nil }
            return (try QuotaUsage.hard(db, team: team), try QuotaUsage.used(db, team: team))
        }
    }

    package func latestEventID() async throws -> Int64? {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM events") }
    }

    /// Whether the database answers a query.
    /// The database answers a read of its schema, and its file is still where it was opened: a
    /// platform whose data file was removed underneath it would lose everything at its next start.
    package func isReady() async -> Bool {
        guard FileManager.default.fileExists(atPath: pool.path) else { return false }
        return (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }).map { $0 > 0 } ?? false
    }

    /// Events newest first, narrowed by `filter`; `filter.before` is the id the previous page ended at.
    package func events(_ filter: EventFilter) async throws -> (items: [Event], next: Int64?) {
        try await pool.read { db in
            var sql = """
                SELECT e.id, e.time, a.slug, e.component, e.type, e.reason, e.message, e.actor, e.code, e.params
                FROM events e JOIN applications a ON a.id = e.application_id WHERE 1 = 1
                """
            var arguments: StatementArguments = []
            func and(_ condition: String, _ value: (any DatabaseValueConvertible)?) {
                guard let value else { return }
                sql += " AND \(condition)"
                arguments += [value]
            }
            and("a.slug = ?", filter.application)
            and("e.component = ?", filter.component)
            and("e.type = ?", filter.type?.rawValue)
            and("e.time >= ?", filter.since?.timeIntervalSince1970)
            and("e.id < ?", filter.before)
            and("e.id > ?", filter.after)
            if let login = filter.visibleTo {
                let visible = Self.visibleApplicationCondition(login: login)
                sql += " AND \(visible.sql)"
                arguments += visible.arguments
            }
            // Paging back through history goes newest first; following new events goes oldest first.
            sql += filter.after == nil ? " ORDER BY e.id DESC LIMIT ?" : " ORDER BY e.id ASC LIMIT ?"
            arguments += [filter.limit + 1]
            return Self.eventPage(try Row.fetchAll(db, sql: sql, arguments: arguments), limit: filter.limit)
        }
    }

    /// A page from rows fetched with one row more than `limit`: the extra row says there is a next page.
    static func eventPage(_ rows: [Row], limit: Int) -> (items: [Event], next: Int64?) {
        var rows = rows
        let hasMore = rows.count > limit
        if hasMore { rows.removeLast() }
        let items = rows.compactMap { row -> Event? in
            guard let type = EventType(rawValue: row["type"]) else { return nil }
            let params = readParameters(row["params"])
            return Event(id: row["id"], time: Date(timeIntervalSince1970: row["time"]), application: row["slug"],
                         component: row["component"], type: type, reason: row["reason"], message: row["message"], actor: row["actor"],
                         code: row["code"], parameters: params)
        }
        return (items, hasMore ? items.last?.id : nil)
    }
}

/// Which events to list.
package struct EventFilter: Sendable {
    package var application: String?
    package var component: String?
    package var type: EventType?
    package var since: Date?
    package var limit: Int
    package var before: Int64?
    /// Only events after this id, oldest first (for streams).
    package var after: Int64?
    /// Only events of applications this login may see; nil for all (admins).
    package var visibleTo: String?

    package init(application: String? = nil, component: String? = nil, type: EventType? = nil, since: Date? = nil,
                 limit: Int = 100, before: Int64? = nil, visibleTo: String? = nil) {
        self.visibleTo = visibleTo
        self.application = application
        self.component = component
        self.type = type
        self.since = since
        self.limit = limit
        self.before = before
    }
}

extension PlatformStore {
    /// Adds a team's template; its components must be valid among one another, as an application
    /// created from it will need them to be.
    package func createTemplate(_ template: Template) async throws -> Template {
        guard let team = template.team else { throw StoreError.invalid([]) }
        var issues = Validation.slug(template.slug) + Validation.displayName(template.name)
        var earlier: [Component] = []
        for (index, component) in template.components.enumerated() {
            issues += ComponentValidation.issues(component, among: earlier).map {
                $0.under("components[\(index)]")
            }
            earlier.append(component)
        }
        guard issues.isEmpty else { throw StoreError.invalid(issues) }
        if Template.builtIns.contains(where: { $0.slug == template.slug }) {
            throw StoreError.conflict(FieldIssue(field: "slug", .builtInTemplate(template.slug)))
        }
        let components = try Self.storedJSON(template.components)
        try await pool.write { db in
            guard try Self.teamExists(db, team) else { throw StoreError.notFound("team \(team)") }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM templates WHERE slug = ?", arguments: [template.slug]) != nil {
                throw StoreError.conflict(FieldIssue(field: "slug", .templateTaken(template.slug)))
            }
            try db.execute(sql: "INSERT INTO templates(slug, name, team, components) VALUES (?, ?, ?, ?)",
                           arguments: [template.slug, template.name, team, components])
        }
        return template
    }
}
