/// A value read from a TOML 1.0 file, with the line it starts on so that later checks (an unknown colour,
/// a bad key) can point the user at it.
public struct TOMLValue: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
        /// An offset or local date-time, a local date or a local time.
        case dateTime(TOMLDateTime)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public var kind: Kind
    /// 1-based line number in the file.
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    public var string: String? {
        if case .string(let value) = kind { value } else { nil }
    }

    public var integer: Int? {
        if case .integer(let value) = kind { value } else { nil }
    }

    public var float: Double? {
        if case .float(let value) = kind { value } else { nil }
    }

    /// An integer or a float, as a `Double`.
    public var number: Double? {
        switch kind {
        case .integer(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    public var dateTime: TOMLDateTime? {
        if case .dateTime(let value) = kind { value } else { nil }
    }

    public var boolean: Bool? {
        if case .boolean(let value) = kind { value } else { nil }
    }

    public var array: [TOMLValue]? {
        if case .array(let value) = kind { value } else { nil }
    }

    public var table: TOMLTable? {
        if case .table(let value) = kind { value } else { nil }
    }

    /// How error messages name the type: "a string", "a table", …
    public var typeDescription: String {
        switch kind {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .dateTime: "a date or time"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// Keys and values of a TOML table, in the order the file gives them.
public struct TOMLTable: Equatable, Sendable {
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Entries in file order.
    public var entries: [(key: String, value: TOMLValue)] {
        keys.compactMap { key in values[key].map { (key, $0) } }
    }

    public var isEmpty: Bool { keys.isEmpty }
}
