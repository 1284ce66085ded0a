import Foundation
import GRDB
import Model

/// Teams, templates, users and events: what the platform knows besides applications.
extension PlatformStore {
    package func teams() async throws -> [Team] {
        try await pool.read { db in
            let members = try Row.fetchAll(db, sql: "SELECT team, login, role FROM team_members ORDER BY team, login")
            var byTeam: [String: [TeamMember]] = [:]
            for row in members {
                guard let role = Role(rawValue: row["role"]) else { continue }
                byTeam[row["team"], default: []].append(TeamMember(login: row["login"], role: role))
            }
            return try Row.fetchAll(db, sql: "SELECT slug, name FROM teams ORDER BY slug").map { row in
                Team(slug: row["slug"], name: row["name"], members: byTeam[row["slug"]] ?? [])
            }
        }
    }

    package func memberships(of login: String) async throws -> [(team: String, role: Role)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT team, role FROM team_members WHERE login = ? ORDER BY team", arguments: [login])
                .compactMap { row in Role(rawValue: row["role"]).map { (team: row["team"] as String, role: $0) } }
        }
    }

    /// The built-in templates first, then the teams' own.
    package func templates() async throws -> [Template] {
        let own = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT slug, name, team, components FROM templates ORDER BY team, slug").compactMap { row -> Template? in
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

    /// Events of one application, newest first; `before` is the id the previous page ended at.
    package func events(ofApplication slug: String, type: EventType?, component: String?, since: Date?,
                        limit: Int, before: Int64?) async throws -> (items: [Event], next: Int64?) {
        try await pool.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM applications WHERE slug = ?", arguments: [slug]) else {
                throw StoreError.notFound("application \(slug)")
            }
            var sql = "SELECT id, time, component, type, reason, message, actor FROM events WHERE application_id = ?"
            var arguments: StatementArguments = [id]
            if let type {
                sql += " AND type = ?"
                arguments += [type.rawValue]
            }
            if let component {
                sql += " AND component = ?"
                arguments += [component]
            }
            if let since {
                sql += " AND time >= ?"
                arguments += [since.timeIntervalSince1970]
            }
            if let before {
                sql += " AND id < ?"
                arguments += [before]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit + 1]
            var rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            let items = rows.compactMap { row -> Event? in
                guard let type = EventType(rawValue: row["type"]) else { return nil }
                return Event(id: row["id"], time: Date(timeIntervalSince1970: row["time"]), application: slug,
                             component: row["component"], type: type, reason: row["reason"], message: row["message"], actor: row["actor"])
            }
            return (items, hasMore ? items.last?.id : nil)
        }
    }
}
