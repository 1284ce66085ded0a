/// A YAML document as the manifest reader walks it: mappings, sequences and scalars, each node
/// and key with the 1-based line it starts on, so that a problem can be pointed at. Read by Yams
/// (libyaml) in `YAMLNode+Yams.swift`; aliases are already resolved and merge keys (`<<`) merged.
public struct YAMLNode: Equatable, Sendable {
    public indirect enum Value: Equatable, Sendable {
        /// `quoted` is false for a plain scalar, whose type (null, bool, number, text) follows from its text.
        case scalar(String, quoted: Bool)
        case mapping([YAMLEntry])
        case sequence([YAMLNode])
    }

    public var value: Value
    /// 1-based.
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// The entry of a mapping under `key`.
    public subscript(key: String) -> YAMLEntry? {
        if case .mapping(let entries) = value { entries.first { $0.key == key } } else { nil }
    }
}

public struct YAMLEntry: Equatable, Sendable {
    public var key: String
    /// The line of the key.
    public var line: Int
    public var value: YAMLNode
}

/// Text that is not YAML, or YAML this reader refuses, and the 1-based line it is on.
public struct YAMLError: Error, Equatable, Sendable {
    public var line: Int
    public var message: LocalizedText
}

/// One document of a YAML stream (the text between `---` markers) and the line it starts on:
/// its `---`, or its first line of content when it has no marker.
public struct YAMLDocument: Equatable, Sendable {
    public var root: YAMLNode
    public var line: Int
}
