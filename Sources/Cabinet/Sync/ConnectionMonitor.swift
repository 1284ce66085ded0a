import Client
import Synchronization
import TerminalUI

/// Whether the platform is there, as the cabinet last learnt it, and the heartbeat that notices
/// when that changes. Online, the heartbeat notices the platform going; offline, it notices it
/// coming back sooner than the list's retries would; not while connecting (the first answer is
/// awaited then) or, offline, while a fetch is on its way (its answer says).
struct ConnectionMonitor: Sendable {
    var state = ConnectionState.connecting {
        didSet { watchHeartbeat() }
    }
    /// A fetch of the list is on its way: its answer says more than a heartbeat would.
    var fetching = false {
        didSet { watchHeartbeat() }
    }
    /// What the heartbeat loop listens for, shared with it.
    private let watch = HeartbeatWatch()

    var isOnline: Bool {
        switch state {
        case .offline, .unauthorised: false
        case .connecting, .online: true
        }
    }

    /// The platform answered at `at`: online, and whether that is news.
    mutating func answered(at: Date) -> Bool {
        if case .online = state { return false }
        state = .online(since: at)
        return true
    }

    /// A failed request tells the platform is unreachable or refuses the token; other failures
    /// say nothing of the connection.
    mutating func failed(_ error: PlatformClientError) {
        switch error {
        case .unreachable(let why): state = .offline(reason: why)
        case .unauthorized(let why): state = .unauthorised(reason: why)
        case .rejected, .unexpected: break
        }
    }

    private func watchHeartbeat() {
        watch.expectation = switch state {
        // Online, a fetch in flight does not pause it: a stalled platform would keep that fetch
        // waiting for its whole timeout, and the heartbeat is what notices within 2 s.
        case .online: .online
        case .offline: fetching ? .paused : .offline
        case .connecting, .unauthorised: .paused
        }
    }

    /// Asks the platform whether it is there every `interval`, but reports only news (an answer
    /// that differs from what is expected): an idle cabinet handles no message and draws no frame
    /// for a heartbeat that changes nothing. One loop runs at a time: each report ends it, and its
    /// handler starts the next.
    func heartbeat<Message: Sendable>(every interval: Duration, timeout: Duration, client: PlatformClient,
                                      report: @escaping @Sendable (PlatformClientError?) -> Message) -> Command<Message> {
        let watch = watch
        return .run {
            while true {
                try? await Task.sleep(for: interval)
                guard watch.expectation != .paused else { continue }
                let error: PlatformClientError?
                do throws(PlatformClientError) {
                    try await client.health(timeout: timeout)
                    error = nil
                } catch let failure {
                    error = failure
                }
                switch (watch.expectation, error) {
                case (.paused, _), (.online, nil), (.offline, .some): continue
                default: return report(error)
                }
            }
        }
    }
}

/// What the heartbeat loop should report, shared between the cabinet (which sets it whenever its
/// connection state changes) and the loop running in a command (which reads it every beat).
final class HeartbeatWatch: Sendable {
    enum Expectation: UInt8 {
        case paused, online, offline
    }

    private let state = Atomic<UInt8>(Expectation.paused.rawValue)

    var expectation: Expectation {
        get { Expectation(rawValue: state.load(ordering: .relaxed)) ?? .paused }
        set { state.store(newValue.rawValue, ordering: .relaxed) }
    }
}

import Foundation
