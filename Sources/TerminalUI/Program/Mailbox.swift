import CNcursesw
import Glibc
import Synchronization

/// Where messages from other threads wait until the runtime's thread picks them up. Posting also
/// signals `wakeDescriptor` (an eventfd), so a runtime waiting for keys wakes at once instead of at
/// its next tick.
public final class Mailbox<Message: Sendable>: Sendable {
    private let messages = Mutex<[Message]>([])
    /// Readable while messages wait; -1 if the system had no eventfd to give.
    let wakeDescriptor: Int32

    public init() {
        wakeDescriptor = cn_wake_open()
    }

    deinit {
        if wakeDescriptor >= 0 { close(wakeDescriptor) }
    }

    public func post(_ message: Message) {
        let first = messages.withLock { messages in
            messages.append(message)
            return messages.count == 1
        }
        if first, wakeDescriptor >= 0 { cn_wake_signal(wakeDescriptor) }
    }

    /// Wakes a runtime waiting for input without posting a message (a timer fired elsewhere).
    func wake() {
        if wakeDescriptor >= 0 { cn_wake_signal(wakeDescriptor) }
    }

    /// Everything posted so far, oldest first, leaving the mailbox empty.
    func takeAll() -> [Message] {
        messages.withLock { messages in
            if wakeDescriptor >= 0 { cn_wake_drain(wakeDescriptor) }
            defer { messages = [] }
            return messages
        }
    }
}
