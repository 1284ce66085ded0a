import GRDB
import Synchronization

/// Tells the platform's streams, as a transaction commits, what kind of thing it changed: new
/// events (the event hub delivers them) or who may see what (open streams are checked again).
/// One observer per store, whatever code path wrote.
package final class StoreChanges: TransactionObserver, Sendable {
    /// Bumped after every commit that changed rights: tokens, users, teams, memberships, grants,
    /// or which team an application is in (a new or deleted application included).
    package let accessGeneration = Atomic<UInt64>(0)

    private let pending = Mutex<(events: Bool, access: Bool)>((false, false))
    private let listeners = Mutex<[@Sendable (_ events: Bool, _ access: Bool) -> Void]>([])

    package init(store: PlatformStore) {
        store.pool.add(transactionObserver: self, extent: .databaseLifetime)
    }

    /// `listener` is called after each commit that changed events or rights (on the writer's
    /// thread: it must only signal).
    package func listen(_ listener: @escaping @Sendable (_ events: Bool, _ access: Bool) -> Void) {
        listeners.withLock { $0.append(listener) }
    }

    private static let accessTables: Set<String> = ["access_tokens", "users", "teams", "team_members", "grants"]

    package func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table), .delete(let table):
            return table == "events" || table == "applications" || Self.accessTables.contains(table)
        case .update(let table, let columns):
            // Not the bookkeeping a request itself writes (a token's last use, a user's name).
            switch table {
            case "access_tokens": return !columns.isDisjoint(with: ["login", "hash", "expires_at"])
            case "users": return columns.contains("is_admin")
            case "applications": return columns.contains("team")
            default: return Self.accessTables.contains(table)
            }
        }
    }

    package func databaseDidChange(with event: DatabaseEvent) {
        let isEvent = event.tableName == "events"
        pending.withLock { pending in
            if isEvent { pending.events = true } else { pending.access = true }
        }
    }

    package func databaseDidCommit(_ db: Database) {
        let changed = pending.withLock { pending in
            defer { pending = (false, false) }
            return pending
        }
        guard changed.events || changed.access else { return }
        if changed.access { accessGeneration.add(1, ordering: .releasing) }
        for listener in listeners.withLock({ $0 }) { listener(changed.events, changed.access) }
    }

    package func databaseDidRollback(_ db: Database) {
        pending.withLock { $0 = (false, false) }
    }
}
