import Foundation
import OpenAPIRuntime

/// A log file as a never-ending body: its last lines, then whatever is appended, checked four
/// times a second. A roll-over (the file shrinks) starts over at its beginning; the body ends when
/// the file is gone (the component was deleted) or the client leaves (the task is cancelled).
enum LogFollower {
    /// `ended` is called once, when the body ends for whatever reason; the returned function ends it.
    static func body(url: URL, tail: Int, interval: Duration = .milliseconds(250), metrics: PlatformMetrics? = nil,
                     ended: @escaping @Sendable () -> Void = {}) -> (body: HTTPBody, end: @Sendable () -> Void) {
        let running = Mutexed<Task<Void, Never>?>(nil)
        let stream = AsyncStream<ArraySlice<UInt8>> { continuation in
            let task = Task {
                metrics?.streamOpened("logs")
                defer { metrics?.streamClosed("logs") }
                let start = BoundedLog.tail(of: url, lines: tail) ?? []
                if !start.isEmpty { continuation.yield(ArraySlice(Array(start.map { $0 + "\n" }.joined().utf8))) }
                var offset = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value ?? 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let handle = try? FileHandle(forReadingFrom: url) else { break }
                    defer { try? handle.close() }
                    let size = (try? handle.seekToEnd()) ?? 0
                    if size < offset { offset = 0 }
                    guard size > offset else { continue }
                    try? handle.seek(toOffset: offset)
                    if let data = try? handle.read(upToCount: Int(size - offset)), !data.isEmpty {
                        offset += UInt64(data.count)
                        continuation.yield(ArraySlice(data))
                    }
                }
                continuation.finish()
            }
            running.set(task)
            continuation.onTermination = { _ in
                task.cancel()
                ended()
            }
        }
        return (HTTPBody(stream, length: .unknown, iterationBehavior: .single), { running.get()?.cancel() })
    }
}
