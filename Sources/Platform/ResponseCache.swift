import GRDB
import Synchronization

/// Remembers the encoded answers of read operations whose answer is a function of the database
/// alone, per caller, until the next committed write. A cabinet revalidating its lists every few
/// seconds (or a dashboard of many users) then costs neither a query nor a JSON encoding, and a
/// 304 is decided without touching the database.
///
/// Correctness rests on one ordering: the generation is bumped *after* a write commits. A request
/// that read generation `g` before the bump may store an answer computed from older data under `g`,
/// but every request that starts after the commit sees `g + 1` and misses.
package final class ResponseCache: Sendable {
    package struct Entry: Sendable {
        var generation: UInt64
        var tag: String
        var contentType: String?
        var body: [UInt8]
    }

    struct Key: Hashable, Sendable {
        var caller: String
        var operationID: String
        var path: String
    }

    /// Operations whose answer depends only on the stored data and the caller. Anything reading
    /// files, clocks or processes (metrics, logs, health) must not be here.
    static let cacheableOperations: Set<String> = [
        "listApplications", "getApplication", "listComponents", "getComponent", "getComponentManifest",
        "listApplicationEvents", "listEvents", "listTeams", "listTemplates", "getTeamQuota", "listAccessTokens",
    ]

    private let generationCounter: StoreGeneration
    private let state: Mutex<(entries: [Key: Entry], order: [Key], bytes: Int)>
    private let maxEntries: Int
    private let maxBytes: Int

    package init(store: PlatformStore, maxEntries: Int = 1024, maxBytes: Int = 64 << 20) {
        generationCounter = StoreGeneration()
        store.pool.add(transactionObserver: generationCounter, extent: .databaseLifetime)
        state = Mutex(([:], [], 0))
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    var generation: UInt64 { generationCounter.value.load(ordering: .acquiring) }

    func lookup(_ key: Key) -> Entry? {
        let current = generation
        return state.withLock { state in
            guard let entry = state.entries[key], entry.generation == current else { return nil }
            return entry
        }
    }

    func store(_ entry: Entry, for key: Key) {
        guard entry.body.count <= maxBytes / 8 else { return }
        state.withLock { state in
            if let old = state.entries.updateValue(entry, forKey: key) {
                state.bytes -= old.body.count
            } else {
                state.order.append(key)
            }
            state.bytes += entry.body.count
            // Oldest first; entries of past generations are dead weight anyway.
            while state.order.count > maxEntries || state.bytes > maxBytes, !state.order.isEmpty {
                let evicted = state.order.removeFirst()
                if let old = state.entries.removeValue(forKey: evicted) { state.bytes -= old.body.count }
            }
        }
    }
}

/// Counts committed write transactions of the store, whichever code path made them.
private final class StoreGeneration: TransactionObserver, Sendable {
    let value = Atomic<UInt64>(0)

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { value.add(1, ordering: .releasing) }
    func databaseDidRollback(_ db: Database) {}
}
