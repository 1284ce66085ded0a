/// Which tables TOML still lets a file write to, by key path (the rules of
/// <https://toml.io/en/v1.0.0#table>, kept the way Python's tomllib keeps them):
/// - a table is *defined* by its `[header]`, or by dotted keys once the section that wrote them
///   ends; a defined table cannot be defined again, nor written into by dotted keys from elsewhere
///   (its sub-tables can still get headers of their own);
/// - an inline table or an array is *frozen*: nothing may be added to it or below it;
/// - each `[[array]]` header starts a fresh element, whose sub-tables may be defined anew.
/// Lines are kept so that a refusal can say where the first definition is.
struct TOMLDefinitions {
    private final class Node {
        var defined: Int?
        var frozen: Int?
        var nested: [String: Node] = [:]
    }

    private let root = Node()
    private var pending: [(path: [String], line: Int)] = []

    /// The line a table at exactly `path` was defined on, if it was.
    func definedLine(_ path: [String]) -> Int? {
        node(at: path)?.defined
    }

    /// The line of the inline table or array at or above `path`, if there is one.
    func frozenLine(_ path: [String]) -> Int? {
        var node = root
        for key in path {
            guard let next = node.nested[key] else { return nil }
            if let line = next.frozen { return line }
            node = next
        }
        return nil
    }

    func define(_ path: [String], line: Int) {
        makeNode(at: path).defined = line
    }

    /// Tables that dotted keys write: defined when the section ends, so that its other keys may
    /// still write into them.
    mutating func defineLater(_ path: [String], line: Int) {
        pending.append((path, line))
    }

    mutating func finishSection() {
        for (path, line) in pending where definedLine(path) == nil { define(path, line: line) }
        pending.removeAll()
    }

    func freeze(_ path: [String], line: Int) {
        makeNode(at: path).frozen = line
    }

    /// A `[[path]]` header: a new element whose sub-tables are all undefined, the key itself defined.
    func startArrayElement(_ path: [String], line: Int) {
        guard let last = path.last else { return }
        makeNode(at: Array(path.dropLast())).nested[last] = nil
        define(path, line: line)
    }

    private func node(at path: [String]) -> Node? {
        var node = root
        for key in path {
            guard let next = node.nested[key] else { return nil }
            node = next
        }
        return node
    }

    private func makeNode(at path: [String]) -> Node {
        var node = root
        for key in path {
            if let next = node.nested[key] {
                node = next
            } else {
                let next = Node()
                node.nested[key] = next
                node = next
            }
        }
        return node
    }
}

extension TOMLTable {
    struct Conflict: Error {
        let firstLine: Int
    }

    /// Runs `body` on the table at `path`, creating the tables on the way and, where the way passes
    /// an array of tables, going into its last element (what a header after `[[a]]` means).
    mutating func withTable(at path: ArraySlice<String>, line: Int, _ body: (inout TOMLTable) throws(Conflict) -> Void) throws(Conflict) {
        guard let key = path.first else {
            try body(&self)
            return
        }
        var child = self[key] ?? TOMLValue(.table(TOMLTable()), line: line)
        switch child.kind {
        case .table(var table):
            // Nothing else holds `table` while it changes, so it is changed in place.
            child.kind = .boolean(false)
            self[key] = child
            defer { child.kind = .table(table); self[key] = child }
            try table.withTable(at: path.dropFirst(), line: line, body)
        case .array(var elements):
            guard var last = elements.last, case .table(var table) = last.kind else { throw Conflict(firstLine: child.line) }
            try table.withTable(at: path.dropFirst(), line: line, body)
            last.kind = .table(table)
            elements[elements.count - 1] = last
            child.kind = .array(elements)
            self[key] = child
        default:
            throw Conflict(firstLine: child.line)
        }
    }

    /// Puts a value at a dotted path; an occupied key is a conflict.
    mutating func insert(_ value: TOMLValue, at path: ArraySlice<String>) throws(Conflict) {
        guard let key = path.last else { return }
        try withTable(at: path.dropLast(), line: value.line) { table throws(Conflict) in
            if let existing = table[key] { throw Conflict(firstLine: existing.line) }
            table[key] = value
        }
    }

    /// Makes sure a table exists at `path` for a `[header]`.
    mutating func ensureTable(at path: ArraySlice<String>, line: Int) throws(Conflict) {
        try withTable(at: path, line: line) { _ throws(Conflict) in }
    }

    /// Appends a new table to the array of tables at `path`, for a `[[header]]`.
    mutating func appendTable(at path: ArraySlice<String>, line: Int) throws(Conflict) {
        guard let key = path.last else { return }
        try withTable(at: path.dropLast(), line: line) { table throws(Conflict) in
            let element = TOMLValue(.table(TOMLTable()), line: line)
            switch table[key]?.kind {
            case nil: table[key] = TOMLValue(.array([element]), line: line)
            case .array(let elements)?: table[key]?.kind = .array(elements + [element])
            default: throw Conflict(firstLine: table[key]?.line ?? line)
            }
        }
    }
}
