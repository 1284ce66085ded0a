import Client
import Foundation
import TerminalUI

/// Writes made elsewhere (the user's other cabinet, a colleague, a script) show here within a
/// moment instead of at the next 30-second refresh. Every write the platform takes records an
/// event, so while the platform answers one stream of every event the user may see stays open;
/// an event has the list and the open screen fetched again (revalidated: unchanged pages cost a
/// 304). A burst of events costs one fetch per `settle`; a dropped stream is opened again after
/// a growing pause, and what it missed is fetched once it is back.
public struct ChangeWatch: Sendable {
    public enum Message: Sendable {
        case update(generation: Int, Result<EventStreamReader.Update?, PlatformClientError>)
        case retryDue(generation: Int)
        /// Time to fetch what changed.
        case settled
    }

    private var reader: EventStreamReader?
    private var generation = 0
    private var failures = 0
    private var retrying = false
    private var settlePending = false

    /// How long events are gathered before one fetch.
    static let settle = Duration.milliseconds(150)
    static let settleTimer = "changes.settle"
    static let retryTimer = "changes.retry"

    /// Opens the stream unless it is open or waiting to be opened again (the platform answered).
    mutating func open(client: PlatformClient) -> Command<Message>? {
        guard reader == nil, !retrying else { return nil }
        return connect(client)
    }

    /// What the message asks for next, and whether it is time to fetch what changed.
    mutating func receive(_ message: Message, client: PlatformClient) -> (next: Command<Message>?, fetch: Bool) {
        switch message {
        case .update(let generation, let result):
            guard generation == self.generation, let reader else { return (nil, false) }
            switch result {
            case .success(.connected):
                // Back after a drop: what was written meanwhile has no event left to tell of it.
                let missed = failures > 0
                failures = 0
                return (.batch([read(reader), missed ? settleSoon() : nil].compactMap { $0 }), false)
            case .success(.event), .success(.changed):
                return (.batch([read(reader), settleSoon()].compactMap { $0 }), false)
            case .success(nil), .failure:
                self.reader = nil
                failures += 1
                retrying = true
                let delay = Duration.milliseconds(min(30_000, 500 << min(failures - 1, 6)))
                let generation = self.generation
                return (.tick(id: Self.retryTimer, after: delay) { .retryDue(generation: generation) }, false)
            }
        case .retryDue(let generation):
            guard generation == self.generation else { return (nil, false) }
            retrying = false
            return (connect(client), false)
        case .settled:
            settlePending = false
            return (nil, true)
        }
    }

    private mutating func connect(_ client: PlatformClient) -> Command<Message> {
        reader?.cancel()
        generation += 1
        let reader = client.eventStream()
        self.reader = reader
        return read(reader)
    }

    private func read(_ reader: EventStreamReader) -> Command<Message> {
        let generation = generation
        return reader.nextUpdateCommand { .update(generation: generation, $0) }
    }

    /// One fetch for a burst: not pushed back by every event (a chatty component would never let it come).
    private mutating func settleSoon() -> Command<Message>? {
        guard !settlePending else { return nil }
        settlePending = true
        return .tick(id: Self.settleTimer, after: Self.settle) { .settled }
    }
}
