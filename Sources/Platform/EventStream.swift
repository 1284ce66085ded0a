import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// Server-Sent Events of new events: polls the store for events after the last one sent, so a
/// stream resumes exactly where `Last-Event-ID` says and sees writes of other processes too.
enum EventStream {
    static let pollInterval: Duration = .milliseconds(250)
    static let keepAliveInterval: Duration = .seconds(15)

    static func body(store: PlatformStore, after start: Int64?, filter: EventFilter, metrics: PlatformMetrics? = nil) -> HTTPBody {
        let (stream, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let task = Task {
            metrics?.streamOpened("events")
            defer { metrics?.streamClosed("events") }
            var last = start
            if last == nil { last = try? await store.latestEventID() ?? 0 }
            var quiet = Duration.zero
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = .sortedKeys
            while !Task.isCancelled {
                var page = filter
                page.limit = 500
                page.after = last
                let events = (try? await store.events(page).items) ?? []
                for event in events {
                    let json = (try? encoder.encode(PlatformAPI.schema(event))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                    continuation.yield(ArraySlice("id: \(event.id)\nevent: \(event.type.rawValue)\ndata: \(json)\n\n".utf8))
                    last = event.id
                }
                if events.isEmpty {
                    quiet += pollInterval
                    if quiet >= keepAliveInterval {
                        continuation.yield(ArraySlice(": keep-alive\n\n".utf8))
                        quiet = .zero
                    }
                    try? await Task.sleep(for: pollInterval)
                } else {
                    quiet = .zero
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return HTTPBody(stream, length: .unknown, iterationBehavior: .single)
    }
}
