import Foundation
import Model
import Synchronization

/// The endless responses (event streams, followed logs) open now, by caller. Each user may hold
/// `perUser` of them; each is checked again whenever rights change (a token revoked, a member
/// removed, a grant taken back) and every `recheckInterval` (a token that expired), and ended
/// as soon as its caller may no longer have it.
package final class OpenStreams: Sendable {
    package struct Refusal: Error {
        package let limit: Int
    }

    private struct Entry: Sendable {
        var login: String
        var token: String
        /// Whether the caller (as the token now says) may still have this stream.
        var stillAllowed: @Sendable (User) async -> Bool
        var end: @Sendable () -> Void
    }

    private let state = Mutex<(next: Int, entries: [Int: Entry])>((0, [:]))
    private let perUser: Int
    private let tokens: TokenAuthority
    private let signal: AsyncStream<Void>.Continuation
    private let tasks: [Task<Void, Never>]

    static let recheckInterval: Duration = .seconds(15)

    package init(tokens: TokenAuthority, changes: StoreChanges, perUser: Int) {
        self.tokens = tokens
        self.perUser = perUser
        let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.signal = signal
        changes.listen { _, access in if access { signal.yield() } }
        let registry = Weak<OpenStreams>()
        tasks = [
            Task {
                for await _ in signals {
                    guard let streams = registry.value else { return }
                    await streams.recheck()
                }
            },
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.recheckInterval)
                    signal.yield()
                }
            },
        ]
        registry.value = self
    }

    deinit {
        signal.finish()
        tasks.forEach { $0.cancel() }
    }

    /// Registers a stream of the current caller; refused when they hold `perUser` already.
    package func open(login: String, token: String, stillAllowed: @escaping @Sendable (User) async -> Bool,
                      end: @escaping @Sendable () -> Void) throws(Refusal) -> Int {
        try state.withLock { (state: inout (next: Int, entries: [Int: Entry])) throws(Refusal) -> Int in
            guard state.entries.values.filter({ $0.login == login }).count < perUser else { throw Refusal(limit: perUser) }
            state.next += 1
            state.entries[state.next] = Entry(login: login, token: token, stillAllowed: stillAllowed, end: end)
            return state.next
        }
    }

    package func close(_ id: Int) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    package var count: Int { state.withLock { $0.entries.count } }

    /// Ends every stream whose token no longer names a user, or whose user may no longer have it.
    private func recheck() async {
        let entries = state.withLock { $0.entries }
        var users: [String: User?] = [:]
        for (id, entry) in entries {
            if users[entry.token] == nil { users[entry.token] = .some(try? await tokens.user(for: entry.token)) }
            let allowed: Bool
            if let user = users[entry.token] ?? nil, user.login == entry.login {
                allowed = await entry.stillAllowed(user)
            } else {
                allowed = false
            }
            if !allowed {
                close(id)
                entry.end()
            }
        }
    }
}

/// A reference that does not keep its object alive (a task of the object's own must not).
final class Weak<Object: AnyObject & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private weak var object: Object?

    var value: Object? {
        get { lock.withLock { object } }
        set { lock.withLock { object = newValue } }
    }
}
