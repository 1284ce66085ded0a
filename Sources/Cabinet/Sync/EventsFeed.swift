import Client
import Foundation
import Model
import TerminalUI

/// The live side of the Events screen: while it is on top, `GET /v1/events/stream` stays open and
/// each event goes to the top of its list. The stream is read by a chain of commands, each asking
/// for the next update; a generation number tells a stale chain (screen left, filter changed) from
/// the current one. A dropped stream is opened again after a growing pause, with `Last-Event-ID`,
/// so nothing is missed; meanwhile the cabinet polls as it does for every other screen.
public struct EventsFeed: Sendable {
    enum Status: Equatable, Sendable {
        /// No Events screen on top.
        case idle
        /// Waiting for the first answer of `/v1/events`, then for the stream to be accepted.
        case connecting
        case live
        /// The stream failed; it is tried again after a pause and the screen is polled meanwhile.
        case retrying(reason: String)
    }

    public enum Message: Sendable {
        case update(generation: Int, Result<EventStreamReader.Update?, PlatformClientError>)
        case retryDue(generation: Int)
        case saveDue(generation: Int)
    }

    /// The most events kept on screen (and in the cache file).
    static let maximumEvents = 1_000
    /// The cache file is written at most this often while events stream in.
    static let saveInterval: TimeInterval = 1

    private(set) var status = Status.idle
    /// What the stream feeds: the Events screen's resource.
    private(set) var resource: Resource?
    private var reader: EventStreamReader?
    private(set) var generation = 0
    /// The newest event seen, where a reconnect resumes.
    private var lastEventID: Int64?
    private var failures = 0
    private var lastSave = Date.distantPast
    private var savePending = false

    /// Whether events of `resource` come by the stream now, so that polling it is needless.
    func isLive(_ resource: Resource) -> Bool {
        self.resource == resource && status == .live
    }

    /// Follows the screen on top: opens the stream for `wanted` once its list has been fetched
    /// (so that the stream resumes right after it), closes it when the screen goes.
    mutating func follow(_ wanted: Resource?, store: ResourceStore, client: PlatformClient) -> Command<Message>? {
        if wanted != resource {
            close()
            resource = wanted
            status = wanted == nil ? .idle : .connecting
            failures = 0
            lastEventID = nil
        }
        guard let resource, reader == nil, status == .connecting, let entry = store.entry(resource), !entry.fromCache else { return nil }
        lastEventID = entry.value.value.events?.first?.id
        return open(resource, client: client)
    }

    private mutating func close() {
        reader?.cancel()
        reader = nil
        generation += 1
        savePending = false
    }

    private mutating func open(_ resource: Resource, client: PlatformClient) -> Command<Message>? {
        guard case .platformEvents(let type, let application, _) = resource else { return nil }
        close()
        let reader = client.eventStream(type: type, application: application, lastEventID: lastEventID)
        self.reader = reader
        return read(reader)
    }

    private func read(_ reader: EventStreamReader) -> Command<Message> {
        let generation = generation
        return reader.nextUpdateCommand { .update(generation: generation, $0) }
    }

    /// A list fetched while events stream in: events newer than the list (streamed while it was
    /// on its way) stay.
    func merged(_ fetched: Tagged<ResourceValue>, for resource: Resource, into store: ResourceStore) -> Tagged<ResourceValue> {
        guard resource == self.resource, let streamed = store[resource]?.events, let events = fetched.value.events else { return fetched }
        let newest = events.first?.id ?? 0
        let newer = streamed.filter { $0.id > newest }
        guard !newer.isEmpty else { return fetched }
        return Tagged(.events(Array((newer + events).prefix(Self.maximumEvents))), etag: nil)
    }

    mutating func receive(_ message: Message, store: inout ResourceStore, connection: inout ConnectionState,
                          cache: JSONCache, client: PlatformClient, now: Date) -> Command<Message>? {
        switch message {
        case .update(let generation, _), .retryDue(let generation), .saveDue(let generation):
            guard generation == self.generation, let resource else { return nil }
            switch message {
            case .update(_, .success(.connected)):
                status = .live
                failures = 0
                if case .online = connection {} else { connection = .online(since: now) }
                return reader.map(read)
            case .update(_, .success(.event(let event))):
                lastEventID = max(lastEventID ?? 0, event.id)
                var events = store[resource]?.events ?? []
                if !events.contains(where: { $0.id == event.id }) {
                    let at = events.firstIndex { $0.id < event.id } ?? events.count
                    events.insert(event, at: at)
                    if events.count > Self.maximumEvents { events.removeLast(events.count - Self.maximumEvents) }
                    // Events that have aged out of the period go as new ones come.
                    if case .platformEvents(_, _, let window) = resource, let seconds = window.seconds {
                        events.removeAll { $0.time < now.addingTimeInterval(-seconds) }
                    }
                    store.fetched(resource, Tagged(.events(events)), at: now)
                }
                return .batch([reader.map(read), save(resource, store: store, cache: cache, now: now)].compactMap { $0 })
            case .update(_, .success(.changed)):
                // The list of this screen has events only; the cabinet's change watch hears of the rest.
                return reader.map(read)
            case .update(_, .success(nil)):
                return retry(reason: nil, connection: &connection)
            case .update(_, .failure(let error)):
                return retry(reason: error, connection: &connection)
            case .retryDue:
                // Polled meanwhile: resume after the newest event known either way.
                if let polled = store[resource]?.events?.first?.id { lastEventID = max(lastEventID ?? 0, polled) }
                return open(resource, client: client)
            case .saveDue:
                savePending = false
                return save(resource, store: store, cache: cache, now: now)
            }
        }
    }

    /// The stream ended or failed: tried again after 0.5 s, 1 s, 2 s … up to 30 s.
    private mutating func retry(reason error: PlatformClientError?, connection: inout ConnectionState) -> Command<Message> {
        reader = nil
        failures += 1
        status = .retrying(reason: error.map { ScreenDrawing.describe($0, in: .en) } ?? "")
        switch error {
        case .unreachable(let why): connection = .offline(reason: why)
        case .unauthorized(let why): connection = .unauthorised(reason: why)
        case .rejected, .unexpected, nil: break
        }
        let delay = Duration.milliseconds(min(30_000, 500 << min(failures - 1, 6)))
        let generation = generation
        return .tick(id: "events.retry", after: delay) { .retryDue(generation: generation) }
    }

    /// Writes the list to its cache file, at most once per `saveInterval`.
    private mutating func save(_ resource: Resource, store: ResourceStore, cache: JSONCache, now: Date) -> Command<Message>? {
        let since = now.timeIntervalSince(lastSave)
        if since < Self.saveInterval {
            guard !savePending else { return nil }
            savePending = true
            let generation = generation
            let wait = Duration.milliseconds(Int((Self.saveInterval - since) * 1000) + 1)
            return .tick(id: "events.save", after: wait) { .saveDue(generation: generation) }
        }
        guard let entry = store.entry(resource) else { return nil }
        lastSave = now
        let value = entry.value
        return .run {
            try? cache.save(value, key: resource.cacheKey, savedAt: now)
            return nil
        }
    }
}

extension EventStreamReader {
    /// A command that waits for the stream's next update and hands it over as `message`.
    func nextUpdateCommand<Message: Sendable>(
        _ message: @escaping @Sendable (Result<EventStreamReader.Update?, PlatformClientError>) -> Message
    ) -> Command<Message> {
        .run {
            do throws(PlatformClientError) {
                return message(.success(try await self.nextUpdate()))
            } catch {
                return message(.failure(error))
            }
        }
    }
}
