import Crypto
import Foundation
import GRDB
import Model

/// A personal access token as its owner sees it later: never the token itself.
package struct AccessToken: Equatable, Sendable {
    package var id: Int64
    package var name: String
    package var createdAt: Date
    package var expiresAt: Date?
    package var lastUsedAt: Date?
}

extension PlatformStore {
    /// Prefix of personal access tokens, so they are recognisable in a secret scanner.
    package static let tokenPrefix = "smo_"

    /// Makes a token for `login`; the returned secret is the only copy there will ever be.
    package func createAccessToken(login: String, name: String, expiresAt: Date?, at time: Date) async throws -> (AccessToken, secret: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        // The spec's maxLength counts code points of the name as sent, before trimming.
        guard !trimmed.isEmpty, name.unicodeScalars.count <= 100 else {
            throw StoreError.invalid([FieldIssue(field: "name", .tokenName)])
        }
        if let expiresAt, expiresAt <= time {
            throw StoreError.invalid([FieldIssue(field: "expiresInDays", .expiryInPast)])
        }
        let secret = Self.tokenPrefix + PlatformServer.randomToken()
        let id = try await pool.write { db in
            try db.execute(sql: "INSERT INTO access_tokens(login, name, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [login, trimmed, Self.hash(secret), time.timeIntervalSince1970, expiresAt?.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
        return (AccessToken(id: id, name: trimmed, createdAt: time, expiresAt: expiresAt, lastUsedAt: nil), secret)
    }

    package func accessTokens(login: String) async throws -> [AccessToken] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, created_at, expires_at, last_used_at FROM access_tokens WHERE login = ? ORDER BY id",
                             arguments: [login]).map { row in
                AccessToken(id: row["id"], name: row["name"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                            expiresAt: (row["expires_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                            lastUsedAt: (row["last_used_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    /// Revokes one of `login`'s tokens; another user's token is "not found", never "forbidden".
    package func revokeAccessToken(id: Int64, login: String) async throws {
        let deleted = try await pool.write { db in
            try db.execute(sql: "DELETE FROM access_tokens WHERE id = ? AND login = ?", arguments: [id, login])
            return db.changesCount
        }
        if deleted == 0 { throw StoreError.notFound("token \(id)") }
    }

    /// The user a presented token belongs to, if it is known and not expired. Its use is recorded
    /// at most once a minute: a read per request, not a write, so that callers with tokens do not
    /// serialise on the writer (nor invalidate the response cache with every call).
    package func user(forAccessToken secret: String, at time: Date) async throws -> User? {
        guard secret.hasPrefix(Self.tokenPrefix) else { return nil }
        let hash = Self.hash(secret)
        let found = try await pool.read { db -> (id: Int64, expires: Double?, lastUsed: Double?, user: User)? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT t.id, t.expires_at, t.last_used_at, u.login, u.name, u.email, u.is_admin
                FROM access_tokens t JOIN users u ON u.login = t.login WHERE t.hash = ?
                """, arguments: [hash]) else { return nil }
            return (row["id"], row["expires_at"], row["last_used_at"],
                    User(login: row["login"], name: row["name"], email: row["email"], isAdmin: row["is_admin"]))
        }
        guard let found else { return nil }
        let now = time.timeIntervalSince1970
        if let expires = found.expires, expires <= now { return nil }
        if found.lastUsed.map({ now - $0 >= Self.lastUsedResolution }) ?? true {
            try await pool.write { db in
                try db.execute(sql: "UPDATE access_tokens SET last_used_at = ? WHERE id = ?", arguments: [now, found.id])
            }
        }
        return found.user
    }

    /// How stale `lastUsedAt` may be.
    static let lastUsedResolution: TimeInterval = 60

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
