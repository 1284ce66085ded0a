import Hummingbird
import Prometheus

/// The platform's own metrics: requests by route, method and status, and their latency, exposed
/// at `/metrics` for Prometheus or VictoriaMetrics to scrape. One registry per platform, so that
/// several embedded platforms in one process (tests) do not mix their counts.
package final class PlatformMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()

    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a shared constant.
    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "smartmlops", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests by route template, method and status.")
    }
    private static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "smartmlops", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from a request's arrival to its response, by route template.")
    }
    private static var streams: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "smartmlops", subsystem: "http", metricName: "open_streams", unitName: "",
            helpText: "Endless responses still being produced: event streams and followed logs, by stream.")
    }
    private static var hubReads: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "smartmlops", subsystem: "event_hub", metricName: "reads", unitName: "total",
            helpText: "Reads of the store by the event hub (new events for every stream at once, or one stream catching up).")
    }
    private static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5),
    ]

    package init() {}

    func record(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("route", route)], buckets: Self.buckets)
            .record(duration)
    }

    /// Counts an endless response's producer (`stream` is "events" or "logs") while it runs.
    func streamOpened(_ stream: String) {
        registry.makeGauge(descriptor: Self.streams, labels: [("stream", stream)]).increment()
    }

    func streamClosed(_ stream: String) {
        registry.makeGauge(descriptor: Self.streams, labels: [("stream", stream)]).decrement()
    }

    func hubRead() {
        registry.makeCounter(descriptor: Self.hubReads).increment()
    }

    /// The Prometheus text exposition of everything recorded so far.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}

/// Records every request, whatever became of it; outermost, so it sees the final status.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: PlatformMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: response.status.code, duration: ContinuousClock.now - start)
            return response
        } catch {
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                           status: 500, duration: ContinuousClock.now - start)
            throw error
        }
    }
}
