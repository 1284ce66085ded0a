import Foundation
import Glibc
import GRDB
import Model

/// The platform's state in SQLite (WAL mode through a GRDB `DatabasePool`): one file under the data
/// directory, migrated forward on open.
package final class PlatformStore: Sendable {
    package let pool: DatabasePool

    /// The data directory is the platform's alone: it is made (or, if it exists, set) 0700, and
    /// the database and its WAL files 0600, whatever the umask or an earlier version left.
    package init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        let path = directory.appendingPathComponent("platform.sqlite").path
        // Made 0600 before SQLite opens it: SQLite gives its -wal and -shm the database's mode.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        pool = try DatabasePool(path: path, configuration: configuration)
        try PlatformSchema.migrator.migrate(pool)
        for file in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    /// Adds the user if unknown; the embedded platform's local user is made this way.
    package func ensureUser(_ user: User) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO users(login, name, email, is_admin) VALUES (?, ?, ?, ?) ON CONFLICT(login) DO NOTHING",
                arguments: [user.login, user.name, user.email, user.isAdmin])
        }
    }

    package func applicationCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications") ?? 0 }
    }

    /// One page of applications, most recently updated first, each with its component counts and
    /// aggregate status; only those `visibleTo` may see when it is set (nil: all, for admins).
    package func listApplications(limit: Int, after cursor: ApplicationCursor?, visibleTo login: String? = nil) async throws
        -> (items: [Application], next: ApplicationCursor?, total: Int?)
    {
        try await pool.read { db in
            var sql = "SELECT \(Self.applicationColumns) FROM applications a WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let cursor {
                sql += " AND ((updated_at < ?) OR (updated_at = ? AND id < ?))"
                arguments += [cursor.updatedAt, cursor.updatedAt, cursor.id]
            }
            if let login {
                let visible = Self.visibleApplicationCondition(login: login)
                sql += " AND \(visible.sql)"
                arguments += visible.arguments
            }
            sql += " ORDER BY updated_at DESC, id DESC LIMIT ?"
            arguments += [limit + 1]
            var rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            let next = hasMore ? rows.last.map { ApplicationCursor(updatedAt: $0["updated_at"], id: $0["id"]) } : nil
            // The count, on the first page only: with it, that page changes whenever the list does.
            var total: Int?
            if cursor == nil {
                var count = "SELECT COUNT(*) FROM applications a WHERE 1 = 1"
                var countArguments: StatementArguments = []
                if let login {
                    let visible = Self.visibleApplicationCondition(login: login)
                    count += " AND \(visible.sql)"
                    countArguments += visible.arguments
                }
                total = try Int.fetchOne(db, sql: count, arguments: countArguments)
            }
            return (try Self.applications(db, rows: rows), next, total)
        }
    }

    static let applicationColumns = "id, slug, name, description, team, template, author, created_at, updated_at, namespace"

    /// Applications from rows of `applicationColumns`, with their components summarised.
    static func applications(_ db: Database, rows: [Row]) throws -> [Application] {
        let ids: [Int64] = rows.map { $0["id"] }
        let components = try componentSummaries(db, applicationIDs: ids)
        return rows.map { row -> Application in
            let id: Int64 = row["id"]
            let updatedAt = Date(timeIntervalSince1970: row["updated_at"])
            let summary = components[id] ?? ComponentSummary()
            return Application(
                slug: row["slug"], name: row["name"], description: row["description"], team: row["team"],
                template: row["template"], author: row["author"],
                createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: updatedAt,
                status: summary.status(default: updatedAt), components: summary.counts, namespace: row["namespace"])
        }
    }

    private struct ComponentSummary {
        var counts = ComponentCounts()
        var statuses: [Status] = []

        func status(default time: Date) -> Status {
            let phase = Phase.aggregate(statuses.map(\.phase))
            guard let decisive = statuses.filter({ $0.phase == phase }).max(by: { $0.time < $1.time }) else {
                return Status(phase: phase, time: time)
            }
            return decisive
        }
    }

    private static func componentSummaries(_ db: Database, applicationIDs ids: [Int64]) throws -> [Int64: ComponentSummary] {
        guard !ids.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT application_id, kind, phase, reason, message, status_time, status_code, status_params FROM components WHERE application_id IN (\(placeholders))",
            arguments: StatementArguments(ids))
        var result: [Int64: ComponentSummary] = [:]
        for row in rows {
            guard let kind = ComponentKind(rawValue: row["kind"]), let phase = Phase(rawValue: row["phase"]) else { continue }
            let id: Int64 = row["application_id"]
            result[id, default: ComponentSummary()].counts[kind] += 1
            result[id, default: ComponentSummary()].statuses.append(Status(
                phase: phase, reason: row["reason"], message: row["message"],
                time: Date(timeIntervalSince1970: row["status_time"]), code: row["status_code"], parameters: readParameters(row["status_params"])))
        }
        return result
    }
}

/// Where a page of the application list ends: the sort key of its last row. Opaque to clients.
package struct ApplicationCursor: Equatable, Sendable {
    package var updatedAt: Double
    package var id: Int64

    package var token: String {
        Data("\(updatedAt.bitPattern):\(id)".utf8).base64EncodedString()
    }

    package init(updatedAt: Double, id: Int64) {
        self.updatedAt = updatedAt
        self.id = id
    }

    /// nil for anything a client did not get from us.
    package init?(token: String) {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let bits = UInt64(parts[0]), let id = Int64(parts[1]) else { return nil }
        let updatedAt = Double(bitPattern: bits)
        guard updatedAt.isFinite else { return nil }
        self.init(updatedAt: updatedAt, id: id)
    }
}
