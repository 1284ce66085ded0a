import Foundation

/// A short message and when it stops being shown; the caller schedules the redraw that hides it.
public struct ToastState: Equatable, Sendable {
    public private(set) var text: String
    public private(set) var expiry: Date

    /// Nothing to show.
    public init() {
        text = ""
        expiry = .distantPast
    }

    public init(text: String, expiry: Date) {
        self.text = text
        self.expiry = expiry
    }

    /// Shows `text` from `now` for `duration` seconds, replacing any message shown.
    public mutating func show(_ text: String, at now: Date, for duration: TimeInterval = 3) {
        self.text = text
        expiry = now.addingTimeInterval(duration)
    }

    public mutating func dismiss() {
        expiry = .distantPast
    }

    public func isVisible(at now: Date) -> Bool {
        !text.isEmpty && now < expiry
    }
}
