/// The lines of a log, oldest first, in a ring that never holds more than `maxLines` lines or
/// `maxBytes` bytes of UTF-8: the oldest lines are dropped to make room, and counted. Lines are
/// numbered from the first line ever appended, so a number keeps meaning the same line while older
/// ones are dropped.
struct LogLines: Sendable {
    let maxLines: Int
    let maxBytes: Int
    /// Lines dropped so far, which is also the number of the oldest line kept.
    private(set) var dropped = 0
    private(set) var count = 0
    private(set) var bytes = 0
    private var storage: [String] = []
    private var head = 0

    init(maxLines: Int, maxBytes: Int) {
        self.maxLines = max(maxLines, 1)
        self.maxBytes = max(maxBytes, 1)
    }

    /// The number one past the newest line.
    var end: Int { dropped + count }

    /// The line numbered `number`, which must be in `dropped..<end`.
    subscript(number: Int) -> String {
        storage[(head + number - dropped) % storage.count]
    }

    mutating func append(_ line: String) {
        let line = Self.cut(line, toBytes: maxBytes)
        let size = line.utf8.count
        while count > 0 && (count >= maxLines || bytes + size > maxBytes) { dropFirst() }
        if count == storage.count { grow() }
        storage[(head + count) % storage.count] = line
        count += 1
        bytes += size
    }

    mutating func removeAll() {
        dropped += count
        storage = []
        head = 0
        count = 0
        bytes = 0
    }

    private mutating func dropFirst() {
        bytes -= storage[head].utf8.count
        storage[head] = ""
        head = (head + 1) % storage.count
        count -= 1
        dropped += 1
    }

    /// Doubles the room, up to `maxLines`, putting the lines back in order from slot 0.
    private mutating func grow() {
        var ordered = (0..<count).map { storage[(head + $0) % storage.count] }
        ordered.reserveCapacity(min(maxLines, max(16, count * 2)))
        ordered += Array(repeating: "", count: min(maxLines, max(16, count * 2)) - count)
        storage = ordered
        head = 0
    }

    /// A line longer than the whole byte budget keeps only its start, cut between graphemes.
    private static func cut(_ line: String, toBytes limit: Int) -> String {
        guard line.utf8.count > limit else { return line }
        var kept = ""
        var size = 0
        for character in line {
            let characterSize = character.utf8.count
            if size + characterSize > limit { break }
            kept.append(character)
            size += characterSize
        }
        return kept
    }
}
