import Foundation
import GRDB
import Model

extension PlatformStore {
    /// Makes the platform's record of an OIDC user match their token: the user is created on first
    /// sight; their name, email and admin flag follow the token (admin only through the admin group,
    /// so an OIDC name that happens to match an admin's record gains nothing); memberships that came from groups follow
    /// the groups (added, changed, taken back), while memberships made through the API stay as they
    /// are. Groups naming no team are ignored. Returns the user as the platform now knows them.
    package func syncOIDCUser(_ identity: OIDCVerifier.Identity) async throws -> User {
        try await pool.write { db in
            let user = identity.user
            try db.execute(sql: """
                INSERT INTO users(login, name, email, is_admin) VALUES (?, ?, ?, ?)
                ON CONFLICT(login) DO UPDATE SET name = excluded.name, email = excluded.email, is_admin = excluded.is_admin
                """, arguments: [user.login, user.name, user.email, user.isAdmin])
            let existing = try Row.fetchAll(db, sql: "SELECT team, role, source FROM team_members WHERE login = ?", arguments: [user.login])
            var fromAPI: Set<String> = []
            var fromGroups: [String: String] = [:]
            for row in existing {
                if (row["source"] as String) == "api" { fromAPI.insert(row["team"]) } else { fromGroups[row["team"]] = row["role"] }
            }
            for (team, role) in fromGroups where identity.teams[team] == nil {
                try db.execute(sql: "DELETE FROM team_members WHERE team = ? AND login = ?", arguments: [team, user.login])
                try Self.recordTeamEvent(db, team: team, reason: "MemberRemoved", message: Role(rawValue: role).map { .memberLeftGroup(login: user.login, role: $0) } ?? .text("\(user.login) (\(role)) left the team's OIDC group"),
                                         actor: user.login, at: Date())
            }
            for (team, role) in identity.teams where !fromAPI.contains(team) && fromGroups[team] != role.rawValue {
                guard try Self.teamExists(db, team) else { continue }
                try db.execute(sql: """
                    INSERT INTO team_members(team, login, role, source) VALUES (?, ?, ?, 'oidc')
                    ON CONFLICT(team, login) DO UPDATE SET role = excluded.role
                    """, arguments: [team, user.login, role.rawValue])
                try Self.recordTeamEvent(db, team: team, reason: "MemberAdded", message: .memberAddedByGroup(login: user.login, role: role),
                                         actor: user.login, at: Date())
            }
            let row = try Row.fetchOne(db, sql: "SELECT login, name, email, is_admin FROM users WHERE login = ?", arguments: [user.login])
            return row.map { User(login: $0["login"], name: $0["name"], email: $0["email"], isAdmin: $0["is_admin"]) } ?? user
        }
    }
}
