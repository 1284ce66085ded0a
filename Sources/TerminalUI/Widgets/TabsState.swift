/// Which tab is selected.
public struct TabsState: Equatable, Sendable {
    public var selected: Int

    public init(selected: Int = 0) {
        self.selected = selected
    }

    /// The next tab, wrapping from the last to the first.
    public mutating func next(count: Int) {
        guard count > 0 else { return }
        selected = (min(max(selected, -1), count - 1) + 1) % count
    }

    /// The previous tab, wrapping from the first to the last.
    public mutating func previous(count: Int) {
        guard count > 0 else { return }
        selected = (min(max(selected, 0), count) - 1 + count) % count
    }

    /// Moves for `next` or `previous` keys (by default Tab/right and BackTab/left); true when used.
    public mutating func handle(
        _ key: Key, count: Int, next nextKeys: Set<Key> = [.tab, .right], previous previousKeys: Set<Key> = [.backTab, .left]
    ) -> Bool {
        if nextKeys.contains(key) {
            next(count: count)
        } else if previousKeys.contains(key) {
            previous(count: count)
        } else {
            return false
        }
        return true
    }
}
