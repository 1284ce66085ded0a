import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// Server-Sent Events of new events, fanned out from the commit: one hub reads each new event
/// once, when a transaction that wrote events commits (and once a second, for writes of other
/// processes on the same database), and hands it to every open stream whose filter and rights
/// it matches, at most 50 ms after the commit (what was committed meanwhile goes in the same write).
/// An idle stream costs nothing but its keep-alive every 15 s.
///
/// A stream given `Last-Event-ID` first catches up by its own query (with the caller's
/// visibility), then joins the hub; either way it sees each event once, oldest first. A client
/// too slow to take what arrives (1,024 events behind) is ended: it resumes with `Last-Event-ID`.
actor EventHub {
    static let keepAliveInterval: Duration = .seconds(15)
    static let pollInterval: Duration = .seconds(1)
    static let buffer = 1_024
    /// How long after a commit its events are read: the commits of that time go out together.
    static let coalescing: Duration = .milliseconds(50)

    private struct Subscriber {
        var filter: EventFilter
        var continuation: AsyncStream<ArraySlice<UInt8>>.Continuation
        /// The newest event id it has been sent (or need not be sent).
        var last: Int64
        var catchingUp: Bool
        var onEnd: @Sendable () -> Void
        /// For a non-admin's stream of every event: the applications it may see, as last told.
        var listed: Set<String>?

        /// Of every event, not one application's: told when what the caller may see changes.
        var isWhole: Bool { filter.application == nil && filter.component == nil }
    }

    private let store: PlatformStore
    private let changes: StoreChanges
    private let metrics: PlatformMetrics?
    private var subscribers: [Int: Subscriber] = [:]
    private var nextID = 0
    /// The newest event the hub has read.
    private var last: Int64?
    /// Applications each non-admin login with a stream may see, as of `visibleGeneration`.
    private var visible: [String: Set<String>] = [:]
    private var visibleGeneration: UInt64 = 0
    private let wake: AsyncStream<Void>.Continuation
    private var tasks: [Task<Void, Never>] = []

    init(store: PlatformStore, changes: StoreChanges, metrics: PlatformMetrics?) {
        self.store = store
        self.changes = changes
        self.metrics = metrics
        let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        changes.listen { events, access in if events || access { wake.yield() } }
        Task { await self.run(wakeups) }
    }

    private func run(_ wakeups: AsyncStream<Void>) {
        let hub = Weak<EventHub>()
        hub.value = self
        tasks = [
            Task {
                for await _ in wakeups {
                    // Commits close together are read and written as one.
                    try? await Task.sleep(for: Self.coalescing)
                    guard let hub = hub.value else { return }
                    await hub.deliverNew()
                }
            },
            Task {
                var quiet = Duration.zero
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.pollInterval)
                    guard let hub = hub.value else { return }
                    quiet += Self.pollInterval
                    if quiet >= Self.keepAliveInterval {
                        quiet = .zero
                        await hub.keepAlive()
                    }
                    if await hub.hasSubscribers { self.wake.yield() }
                }
            },
        ]
    }

    deinit {
        wake.finish()
        tasks.forEach { $0.cancel() }
    }

    var hasSubscribers: Bool { !subscribers.isEmpty }

    /// A stream of the events after `after` (nil: after the newest now) that `filter` lets
    /// through, and its id for `end`.
    func subscribe(after: Int64?, filter: EventFilter, onEnd: @escaping @Sendable () -> Void) async -> (id: Int, body: AsyncStream<ArraySlice<UInt8>>) {
        let (stream, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream(bufferingPolicy: .bufferingOldest(Self.buffer))
        nextID += 1
        let id = nextID
        metrics?.streamOpened("events")
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        let newest = (try? await store.latestEventID()) ?? 0
        if last == nil { last = newest }
        let start = after ?? max(last ?? 0, newest)
        var subscriber = Subscriber(filter: filter, continuation: continuation, last: start, catchingUp: after != nil, onEnd: onEnd)
        if subscriber.isWhole, let login = filter.visibleTo { subscriber.listed = (try? await store.visibleApplicationSlugs(login: login)) ?? [] }
        subscribers[id] = subscriber
        if after != nil { Task { await self.catchUp(id) } }
        return (id, stream)
    }

    /// Ends a stream (its caller lost the right to it).
    func end(_ id: Int) {
        subscribers[id]?.continuation.finish()
        remove(id)
    }

    private func remove(_ id: Int) {
        guard let subscriber = subscribers.removeValue(forKey: id) else { return }
        subscriber.onEnd()
        metrics?.streamClosed("events")
    }

    /// Sends a resumed stream what it missed, by its own query, until it is level with the hub:
    /// what the hub read before the query, the query saw (and what it may not see it skips).
    private func catchUp(_ id: Int) async {
        while let subscriber = subscribers[id] {
            let bound = last ?? 0
            var page = subscriber.filter
            page.limit = 500
            page.after = subscriber.last
            metrics?.hubRead()
            guard let events = try? await store.events(page).items else {
                end(id)
                return
            }
            for event in events where !send(event, Self.encode(event), to: id) { return }
            guard events.count < 500 else { continue }
            let reached = max(subscribers[id]?.last ?? 0, bound)
            subscribers[id]?.last = reached
            if (last ?? 0) == bound {
                subscribers[id]?.catchingUp = false
                return
            }
        }
    }

    /// Reads what was committed since the last read, once, and hands it out: each stream gets
    /// the events of a read in one write, so a burst of commits costs each stream one write.
    private func deliverNew() async {
        guard !subscribers.isEmpty else { return }
        let generation = changes.accessGeneration.load(ordering: .acquiring)
        if generation != visibleGeneration {
            visible.removeAll()
            visibleGeneration = generation
            await announceAccessChange()
        }
        while true {
            guard let from = last else { return }
            var page = EventFilter(limit: 500)
            page.after = from
            metrics?.hubRead()
            guard let events = try? await store.events(page).items, !events.isEmpty else { return }
            // The rights of every login with a stream, known before the events are handed out.
            for login in Set(subscribers.values.compactMap(\.filter.visibleTo)) where visible[login] == nil {
                visible[login] = (try? await store.visibleApplicationSlugs(login: login)) ?? []
            }
            let payloads = events.map(Self.encode)
            for (id, subscriber) in subscribers where !subscriber.catchingUp {
                var batch: [UInt8] = []
                var newest = subscriber.last
                for (event, payload) in zip(events, payloads) where event.id > subscriber.last {
                    newest = event.id
                    guard Self.matches(subscriber.filter, event) else { continue }
                    if let login = subscriber.filter.visibleTo, visible[login]?.contains(event.application) != true { continue }
                    batch += payload
                }
                if !batch.isEmpty, case .dropped = subscriber.continuation.yield(ArraySlice(batch)) {
                    end(id)
                    continue
                }
                subscribers[id]?.last = newest
            }
            last = events.last?.id ?? from
            if events.count < 500 { return }
        }
    }

    /// False when the stream is gone or was ended for being too far behind.
    private func send(_ event: Event, _ payload: ArraySlice<UInt8>, to id: Int) -> Bool {
        guard var subscriber = subscribers[id] else { return false }
        guard event.id > subscriber.last else { return true }
        if case .dropped = subscriber.continuation.yield(payload) {
            end(id)
            return false
        }
        subscriber.last = event.id
        subscribers[id] = subscriber
        return true
    }

    /// `event: changed` (no id, so `Last-Event-ID` stays) to the streams of every event whose
    /// caller's view changed: an application created or deleted, a membership or grant given or
    /// taken. Such writes leave no event of an application behind (a deleted one takes its events
    /// with it), and a cabinet must still hear of them. An admin sees everything: told of every
    /// such write. Anyone else: only when the applications they may see are not the same.
    private func announceAccessChange() async {
        for (id, subscriber) in subscribers where subscriber.isWhole {
            if let login = subscriber.filter.visibleTo {
                if visible[login] == nil { visible[login] = (try? await store.visibleApplicationSlugs(login: login)) ?? [] }
                guard subscribers[id] != nil, visible[login] != subscriber.listed else { continue }
                subscribers[id]?.listed = visible[login]
            }
            if case .dropped = subscribers[id]?.continuation.yield(Self.changed) { end(id) }
        }
    }

    private static let changed = ArraySlice("event: changed\ndata: {}\n\n".utf8)

    private func keepAlive() {
        for subscriber in subscribers.values { subscriber.continuation.yield(ArraySlice(": keep-alive\n\n".utf8)) }
    }

    private static func matches(_ filter: EventFilter, _ event: Event) -> Bool {
        (filter.application == nil || filter.application == event.application)
            && (filter.component == nil || filter.component == event.component)
            && (filter.type == nil || filter.type == event.type)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    private static func encode(_ event: Event) -> ArraySlice<UInt8> {
        let json = (try? encoder.encode(Components.Schemas.Event(event))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ArraySlice("id: \(event.id)\nevent: \(event.type.rawValue)\ndata: \(json)\n\n".utf8)
    }
}

extension EventHub {
    /// The response body of one stream, registered with `streams` so that it ends when its
    /// caller loses the right to it; refused (and nothing opened) when the caller holds too many.
    nonisolated func body(after start: Int64?, filter: EventFilter, caller: User, token: String, streams: OpenStreams,
                          stillAllowed: @escaping @Sendable (User) async -> Bool) async throws(OpenStreams.Refusal) -> HTTPBody {
        let hubID = Mutexed<Int?>(nil)
        let registration = try streams.open(login: caller.login, token: token, stillAllowed: stillAllowed) {
            if let id = hubID.get() { Task { await self.end(id) } }
        }
        let closing = StreamClosing(streams: streams, id: registration)
        let (id, stream) = await subscribe(after: start, filter: filter) { closing.close() }
        hubID.set(id)
        return HTTPBody(stream, length: .unknown, iterationBehavior: .single)
    }
}

/// Takes a stream off the register once, whichever way it ends.
final class StreamClosing: Sendable {
    private let streams: OpenStreams
    private let id: Int

    init(streams: OpenStreams, id: Int) {
        self.streams = streams
        self.id = id
    }

    func close() { streams.close(id) }
}
