import CCurl
import ContractMapping
import Foundation
import Model
import PlatformContract
import Synchronization

extension PlatformClient {
    /// Opens `GET /v1/events/stream`: new events as the platform records them, of the caller's
    /// applications (all for admins), narrowed by `type` and `application`. With `lastEventID` the
    /// stream starts with every event after it, so a reconnect misses nothing. The transfer starts
    /// with the first read, on a thread of its own; `cancel()` (or dropping the reader) stops it.
    public func eventStream(type: EventType? = nil, application: String? = nil, lastEventID: Int64? = nil,
                            idleTimeout: Duration = .seconds(45)) -> EventStreamReader {
        var components = URLComponents(url: endpoint.url, resolvingAgainstBaseURL: false) ?? URLComponents()
        while components.path.hasSuffix("/") { components.path.removeLast() }
        components.path += "/v1/events/stream"
        var query: [URLQueryItem] = []
        if let type { query.append(URLQueryItem(name: "type", value: type.rawValue)) }
        if let application { query.append(URLQueryItem(name: "application", value: application)) }
        components.queryItems = query.isEmpty ? nil : query
        var headers = ["Authorization: Bearer \(endpoint.token)", "Accept: text/event-stream", "Cache-Control: no-cache"]
        if let lastEventID { headers.append("Last-Event-ID: \(lastEventID)") }
        let url = components.url?.absoluteString ?? endpoint.url.absoluteString
        let transfer = StreamTransfer(
            url: url, headers: headers, proxy: ProxySettings(environment: transport.environment).proxy(for: url),
            connectTimeout: transport.connectTimeout, idleTimeout: idleTimeout)
        return EventStreamReader(transfer: transfer)
    }
}

/// One open event stream. `next()` waits for the next event; it returns nil once the stream has
/// ended (the platform closed it cleanly, or it was cancelled) and throws when the connection failed
/// (`unreachable`) or the platform refused it (`unauthorized`, `rejected`). One reader at a time.
public final class EventStreamReader: Sendable {
    private let transfer: StreamTransfer

    fileprivate init(transfer: StreamTransfer) {
        self.transfer = transfer
    }

    deinit {
        transfer.cancel()
    }

    /// What the stream brings: first `connected` (the platform accepted it), then events.
    public enum Update: Equatable, Sendable {
        case connected
        case event(Event)
        /// What the caller may see changed with no event to tell of it (an application deleted
        /// elsewhere, a membership or grant): lists are to be fetched again.
        case changed
    }

    /// The next event of the stream; cancelling the waiting task cancels the stream.
    public func next() async throws(PlatformClientError) -> Event? {
        while let update = try await nextUpdate() {
            if case .event(let event) = update { return event }
        }
        return nil
    }

    /// The next update: `connected` once the platform has answered 200, then each event.
    public func nextUpdate() async throws(PlatformClientError) -> Update? {
        transfer.start()
        let result: Result<Update?, PlatformClientError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in transfer.take(continuation) }
        } onCancel: {
            transfer.cancel()
        }
        return try result.get()
    }

    /// Stops the transfer promptly (the transfer thread is woken, not left to notice by itself).
    public func cancel() {
        transfer.cancel()
    }

    /// True once the platform has answered 200 and the stream is flowing.
    public var isOpen: Bool { transfer.isOpen }
}

/// The libcurl side: a multi handle driven on a dedicated thread, so that `curl_multi_wakeup` can
/// stop it at once from any thread. Parsed events queue up here until `next()` takes them.
private final class StreamTransfer: Sendable {
    private struct Queue: ~Copyable {
        var events: [EventStreamReader.Update] = []
        /// Set when the transfer is over: nil for a clean end, else the failure.
        var end: PlatformClientError??
        var waiting: CheckedContinuation<Result<EventStreamReader.Update?, PlatformClientError>, Never>?
        var open = false
    }

    /// What only the transfer thread touches while the transfer runs.
    private final class Wire: @unchecked Sendable {
        var parser = ServerSentEventParser()
        var status = 0
        var problem: [UInt8] = []
        var lastID: String?
    }

    /// Events waiting beyond this mean the reader has stopped reading: the stream is dropped and
    /// the reader, when it resumes, reconnects after the last event it saw.
    private static let maximumQueued = 10_000

    private let queue = Mutex(Queue())
    private let cancelled = Atomic<Bool>(false)
    /// The reader fell more than `maximumQueued` events behind.
    private let overflowed = Atomic<Bool>(false)
    /// The multi handle while the transfer runs, for `cancel` to wake it.
    private let multi = Mutex<MultiHandle?>(nil)

    /// libcurl allows `curl_multi_wakeup` from any thread; the lock keeps it from a freed handle.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }
    private let wire = Wire()

    let url: String
    let headers: [String]
    let proxy: String?
    let connectTimeout: Duration
    let idleTimeout: Duration

    init(url: String, headers: [String], proxy: String?, connectTimeout: Duration, idleTimeout: Duration) {
        self.url = url
        self.headers = headers
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return decoder
    }()

    var isOpen: Bool { queue.withLock { $0.open } }

    private var stopping: Bool { cancelled.load(ordering: .relaxed) || overflowed.load(ordering: .relaxed) }

    private let started = Atomic<Bool>(false)

    /// Starts the transfer thread, once.
    func start() {
        guard !started.exchange(true, ordering: .relaxed), !cancelled.load(ordering: .relaxed) else { return }
        let thread = Thread { self.run() }
        thread.name = "smartmlops.events"
        thread.start()
    }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        multi.withLock { handle in
            if let handle { _ = curl_multi_wakeup(handle.pointer) }
        }
        finish(nil)
    }

    func take(_ continuation: CheckedContinuation<Result<EventStreamReader.Update?, PlatformClientError>, Never>) {
        let ready: Result<EventStreamReader.Update?, PlatformClientError>? = queue.withLock { queue in
            if cancelled.load(ordering: .relaxed) { return .success(nil) }
            if !queue.events.isEmpty { return .success(queue.events.removeFirst()) }
            if let end = queue.end { return end.map { .failure($0) } ?? .success(nil) }
            queue.waiting = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    private func deliver(_ event: EventStreamReader.Update) {
        let (waiting, overflow): (CheckedContinuation<Result<EventStreamReader.Update?, PlatformClientError>, Never>?, Bool) = queue.withLock { queue in
            if let waiting = queue.waiting {
                queue.waiting = nil
                return (waiting, false)
            }
            queue.events.append(event)
            return (nil, queue.events.count > Self.maximumQueued)
        }
        waiting?.resume(returning: .success(event))
        if overflow { overflowed.store(true, ordering: .relaxed) }
    }

    private func opened() {
        let first = queue.withLock { queue in
            defer { queue.open = true }
            return !queue.open && queue.end == nil
        }
        if first { deliver(.connected) }
    }

    /// The end of the stream: a waiting reader hears of it; queued events are still handed out first.
    private func finish(_ failure: PlatformClientError?) {
        let waiting = queue.withLock { queue in
            if queue.end == nil { queue.end = .some(failure) }
            queue.open = false
            defer { queue.waiting = nil }
            return queue.events.isEmpty ? queue.waiting : nil
        }
        waiting?.resume(returning: failure.map { .failure($0) } ?? .success(nil))
    }

    private func run() {
        finish(perform())
    }

    private func perform() -> PlatformClientError? {
        guard let easy = Curl.easyHandle() else { return .unreachable("libcurl could not start") }
        defer { curl_easy_cleanup(easy) }
        guard let handle = curl_multi_init() else { return .unreachable("libcurl could not start") }
        defer { curl_multi_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in headers { headerList = curl_slist_append(headerList, header) }
        defer { curl_slist_free_all(headerList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        let context = Unmanaged.passUnretained(self).toOpaque()

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            Curl.setCommonOptions(easy, url: url, headers: headerList, connectTimeout: connectTimeout, proxy: proxy, errors: errors.baseAddress)
            // No total timeout: the stream is meant to stay open. A stream that brings nothing for
            // longer than the platform's keep-alive interval is dead and is dropped.
            _ = ccurl_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
            _ = ccurl_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, Int(idleTimeout.milliseconds / 1000)))
            _ = ccurl_setopt_ptr(easy, CURLOPT_WRITEDATA, context)
            _ = ccurl_setopt_cb(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                let transfer = Unmanaged<StreamTransfer>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                guard !transfer.stopping else { return 0 }
                if let data { transfer.received(UnsafeRawBufferPointer(start: data, count: length)) }
                return length
            }
            _ = ccurl_setopt_ptr(easy, CURLOPT_HEADERDATA, context)
            _ = ccurl_setopt_cb(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                let transfer = Unmanaged<StreamTransfer>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                if let data {
                    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                    if line.hasPrefix("HTTP/"), let code = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
                        transfer.wire.status = code
                    } else if line == "\r\n" || line == "\n", transfer.wire.status == 200 {
                        transfer.opened()
                    }
                }
                return length
            }
            _ = ccurl_setopt_long(easy, CURLOPT_NOPROGRESS, 0)
            _ = ccurl_setopt_ptr(easy, CURLOPT_XFERINFODATA, context)
            _ = ccurl_setopt_xferinfo(easy) { context, _, _, _, _ in
                Unmanaged<StreamTransfer>.fromOpaque(context!).takeUnretainedValue().stopping ? 1 : 0
            }

            _ = curl_multi_add_handle(handle, easy)
            defer { _ = curl_multi_remove_handle(handle, easy) }
            let shared = MultiHandle(pointer: handle)
            multi.withLock { $0 = shared }
            defer { multi.withLock { $0 = nil } }
            var running: Int32 = 1
            while true {
                if stopping { return CURLE_ABORTED_BY_CALLBACK }
                guard curl_multi_perform(handle, &running) == CURLM_OK else { return CURLE_FAILED_INIT }
                if running == 0 { break }
                _ = curl_multi_poll(handle, nil, 0, 1000, nil)
            }
            var left: Int32 = 0
            while let message = curl_multi_info_read(handle, &left) {
                if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
            }
            return CURLE_OK
        }
        if cancelled.load(ordering: .relaxed) { return nil }
        if overflowed.load(ordering: .relaxed) { return .unreachable("the event stream was dropped: events came faster than they were read") }
        if wire.status != 0, wire.status != 200 { return refusal() }
        guard code == CURLE_OK else {
            return .unreachable(TransportError(code: code, detail: Curl.errorText(errorBuffer)).message)
        }
        return nil
    }

    /// Bytes of the body, on the transfer thread: the problem of a refusal, else SSE.
    private func received(_ bytes: UnsafeRawBufferPointer) {
        guard wire.status == 200 else {
            if wire.problem.count < 64 * 1024 { wire.problem.append(contentsOf: bytes) }
            return
        }
        for message in wire.parser.feed(bytes) {
            if message.event == "changed" {
                deliver(.changed)
                continue
            }
            guard message.event == "normal" || message.event == "warning" || message.event == "message",
                  let schema = try? Self.decoder.decode(Components.Schemas.Event.self, from: Data(message.data.utf8))
            else { continue }
            deliver(.event(Event(schema)))
        }
    }

    private func refusal() -> PlatformClientError {
        let problem = try? Self.decoder.decode(Components.Schemas.Problem.self, from: Data(wire.problem))
        switch (wire.status, problem) {
        case (400...499, let problem?): return ProblemAnswerMiddleware.refusal(wire.status, problem)
        case (401, nil): return .unauthorized("HTTP 401")
        case (400...499, nil): return .rejected(status: wire.status, title: "HTTP \(wire.status)", detail: nil, fields: [:])
        default: return .unexpected(problem.map { $0.detail ?? $0.title } ?? "HTTP \(wire.status)")
        }
    }
}
