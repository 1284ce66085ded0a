/// One message of a Server-Sent Events stream.
public struct ServerSentEvent: Equatable, Sendable {
    /// The `id:` field of this message, if it had one.
    public var id: String?
    /// The `event:` field; "message" when absent.
    public var event: String
    /// The `data:` lines joined by "\n".
    public var data: String

    public init(id: String? = nil, event: String = "message", data: String) {
        self.id = id
        self.event = event
        self.data = data
    }
}

/// The SSE line protocol (WHATWG HTML §9.2.6), fed with bytes as they arrive: a message may be
/// split anywhere across chunks (inside a line, inside a UTF-8 sequence, between CR and LF).
/// Lines end in LF, CR or CRLF; a line starting with ":" is a comment (a keep-alive); a blank line
/// ends a message; a message without data is dropped.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    /// The previous chunk ended in CR: an LF at the start of the next one belongs to it.
    private var afterCR = false
    private var id: String?
    private var event = ""
    private var data: [String] = []
    private var hasData = false
    private var sawBOM = false
    /// Lines longer than this are cut (a broken peer must not exhaust memory).
    public var maximumLineLength = 1 << 20

    public init() {}

    /// The messages completed by `bytes`.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var messages: [ServerSentEvent] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A:
                if let message = endLine() { messages.append(message) }
            case 0x0D:
                afterCR = true
                if let message = endLine() { messages.append(message) }
            default:
                if line.count < maximumLineLength { line.append(byte) }
            }
        }
        return messages
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        var text = Substring(String(decoding: line, as: UTF8.self))
        if !sawBOM {
            sawBOM = true
            if text.first == "\u{FEFF}" { text = text.dropFirst() }
        }
        if text.isEmpty { return dispatch() }
        if text.first == ":" { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = text
            value = ""
        }
        switch field {
        case "id": if !value.contains("\0") { id = String(value) }
        case "event": event = String(value)
        case "data":
            data.append(String(value))
            hasData = true
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            event = ""
            data.removeAll()
            hasData = false
        }
        guard hasData else { return nil }
        return ServerSentEvent(id: id, event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"))
    }
}
