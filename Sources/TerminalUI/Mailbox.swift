import Synchronization

/// Where messages from other threads wait until the runtime's thread picks them up.
public final class Mailbox<Message: Sendable>: Sendable {
    private let messages = Mutex<[Message]>([])

    public init() {}

    public func post(_ message: Message) {
        messages.withLock { $0.append(message) }
    }

    /// Everything posted so far, oldest first, leaving the mailbox empty.
    func takeAll() -> [Message] {
        messages.withLock { messages in
            defer { messages = [] }
            return messages
        }
    }
}
