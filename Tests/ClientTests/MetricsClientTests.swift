import Client
import Foundation
import Testing
import TestSupport

/// One hour of generated series, starting at `origin` (a whole hour, some hours ago), one sample every
/// 15 s as a scrape would give.
struct MetricsDataset {
    let origin: Int
    static let interval = 15
    static let samples = 240

    init(now: Date = Date()) {
        origin = (Int(now.timeIntervalSince1970) / 3600 - 3) * 3600
    }

    var end: Int { origin + Self.samples * Self.interval }

    private func samples(_ value: (Int) -> Double?) -> [(time: Int, value: Double)] {
        (0..<Self.samples).compactMap { index in value(index).map { (origin + index * Self.interval, $0) } }
    }

    var series: [GeneratedSeries] {
        [
            // A gauge that climbs by one each sample, and its double on another job.
            GeneratedSeries(name: "test_gauge", labels: ["job": "a"], samples: samples { Double($0) }),
            GeneratedSeries(name: "test_gauge", labels: ["job": "b"], samples: samples { Double(2 * $0) }),
            // A counter of 10 per sample (2/3 per second) whose process restarts at the half hour.
            GeneratedSeries(name: "test_requests_total", samples: samples { Double(10 * ($0 < 120 ? $0 + 50 : $0 - 119)) }),
            // Twenty minutes of data, twenty without, twenty again.
            GeneratedSeries(name: "test_gappy", samples: samples { $0 < 80 || $0 >= 160 ? 7 : nil }),
            // Every tenth sample is NaN.
            GeneratedSeries(name: "test_nan", samples: samples { $0 % 10 == 0 ? .nan : Double($0) }),
        ]
    }

    func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// A window over the loaded hour, aligned as a panel's would be.
    func window(maxPoints: Int) -> QueryWindow {
        QueryWindow(range: end - origin - Self.interval, endingAt: date(end - Self.interval), maxPoints: maxPoints)
    }
}

@Suite("MetricsClient against real VictoriaMetrics and Prometheus", .serialized)
struct MetricsClientTests {
    @Test("a range query brings each series with its labels and the values at every step", arguments: MetricsBackend.Kind.allCases)
    func rangeValues(kind: MetricsBackend.Kind) async throws {
        let data = MetricsDataset()
        try await MetricsBackend.with(kind, series: data.series) { backend in
            let window = QueryWindow(range: 3000, endingAt: data.date(data.origin + 3000), maxPoints: 51)
            #expect(window.step == 60)
            let result = try await MetricsClient(baseURL: backend.url).queryRange("test_gauge", window: window)
            #expect(result.kind == .matrix)
            #expect(!result.isIncomplete)
            let byJob = Dictionary(uniqueKeysWithValues: result.series.map { ($0.labels["job"] ?? "", $0) })
            #expect(Set(byJob.keys) == ["a", "b"])
            let a = try #require(byJob["a"])
            #expect(a.name == "test_gauge")
            #expect(a.points.count == 51)
            for point in a.points {
                let index = (Int(point.time.timeIntervalSince1970) - data.origin) / MetricsDataset.interval
                #expect(point.value == Double(index), "at \(point.time)")
            }
            #expect(byJob["b"]?.points.map(\.value) == a.points.map { $0.value * 2 })
        }
    }

    @Test("no request brings more points than the panel can draw, one per block column or two per braille column",
          arguments: MetricsBackend.Kind.allCases)
    func stepFitsPanel(kind: MetricsBackend.Kind) async throws {
        let data = MetricsDataset()
        try await MetricsBackend.with(kind, series: data.series) { backend in
            for columns in [7, 20, 37, 80, 150] {
                for pointsPerColumn in [1, 2] {
                    let window = QueryWindow(range: data.end - data.origin - 15, endingAt: data.date(data.end - 15),
                                             columns: columns, pointsPerColumn: pointsPerColumn)
                    let series = try await MetricsClient(baseURL: backend.url).queryRange("test_gauge{job=\"a\"}", window: window).series
                    let points = try #require(series.first).points
                    #expect(points.count <= columns * pointsPerColumn, "\(columns) columns × \(pointsPerColumn)")
                    #expect(points.count >= (columns * pointsPerColumn) / 2, "the panel should not be left half empty")
                    let gaps = Set(zip(points, points.dropFirst()).map { Int($1.time.timeIntervalSince(($0.time))) })
                    #expect(gaps == [window.step])
                }
            }
        }
    }

    @Test("a gap in the data stays a gap, and NaN samples come back as NaN, never as numbers",
          arguments: MetricsBackend.Kind.allCases)
    func gapsAndNaN(kind: MetricsBackend.Kind) async throws {
        let data = MetricsDataset()
        try await MetricsBackend.with(kind, series: data.series) { backend in
            let window = data.window(maxPoints: 240)
            let gappy = try #require(try await MetricsClient(baseURL: backend.url).queryRange("test_gappy", window: window).series.first)
            let times = gappy.points.map { Int($0.time.timeIntervalSince1970) - data.origin }
            // The data stops at 20 min; both backends carry the last value for at most 5 minutes.
            #expect(!times.contains { $0 >= 26 * 60 && $0 < 40 * 60 }, "points inside the gap: \(times)")
            #expect(times.contains { $0 < 20 * 60 } && times.contains { $0 > 40 * 60 })
            #expect(gappy.points.allSatisfy { $0.value == 7 })

            let nan = try #require(try await MetricsClient(baseURL: backend.url).queryRange("test_nan", window: window).series.first)
            for point in nan.points where !point.value.isNaN {
                // A finite value is a real sample's (VictoriaMetrics skips NaN and carries the one before).
                let index = (Int(point.time.timeIntervalSince1970) - data.origin) / MetricsDataset.interval
                #expect(point.value == Double(index) || point.value == Double(index - 1))
            }
            if kind == .prometheus { #expect(nan.points.filter(\.value.isNaN).count == 24) }

            let inf = try await MetricsClient(baseURL: backend.url).query("1/0").series.first?.points.first?.value
            #expect(inf == .infinity)
            let negativeInf = try await MetricsClient(baseURL: backend.url).query("-1/0").series.first?.points.first?.value
            #expect(negativeInf == -.infinity)
            let undefined = try await MetricsClient(baseURL: backend.url).query("0/0").series.compactMap(\.points.first?.value)
            #expect(undefined.allSatisfy { $0.isNaN })
        }
    }

    @Test("rate() over a counter that restarts stays at the counter's real rate", arguments: MetricsBackend.Kind.allCases)
    func counterReset(kind: MetricsBackend.Kind) async throws {
        let data = MetricsDataset()
        try await MetricsBackend.with(kind, series: data.series) { backend in
            let window = QueryWindow(range: 40 * 60, endingAt: data.date(data.origin + 50 * 60), maxPoints: 41)
            let rate = try #require(try await MetricsClient(baseURL: backend.url).queryRange("rate(test_requests_total[2m])", window: window).series.first)
            #expect(rate.points.count == 41)
            for point in rate.points {
                #expect(abs(point.value - 2.0 / 3.0) < 0.05, "rate \(point.value) at \(point.time)")
            }
            let raw = try #require(try await MetricsClient(baseURL: backend.url).queryRange("test_requests_total", window: window).series.first)
            #expect(zip(raw.points, raw.points.dropFirst()).contains { $1.value < $0.value }, "the data has a reset")
        }
    }

    @Test("a metric that does not exist is an empty answer, not an error", arguments: MetricsBackend.Kind.allCases)
    func emptyResults(kind: MetricsBackend.Kind) async throws {
        let data = MetricsDataset()
        try await MetricsBackend.with(kind, series: data.series) { backend in
            let range = try await MetricsClient(baseURL: backend.url).queryRange("no_such_metric{namespace=\"pu-x-pa-y\"}", window: data.window(maxPoints: 60))
            #expect(range.kind == .matrix && range.series.isEmpty)
            let instant = try await MetricsClient(baseURL: backend.url).query("no_such_metric", at: data.date(data.end))
            #expect(instant.kind == .vector && instant.series.isEmpty)
            #expect(try await MetricsClient(baseURL: backend.url).series(matching: ["no_such_metric"], start: data.date(data.origin), end: data.date(data.end)).isEmpty)
            #expect(try await MetricsClient(baseURL: backend.url).labelValues("job", matching: ["no_such_metric"]).isEmpty)
        }
    }

    @Test("series and label values list what was loaded", arguments: MetricsBackend.Kind.allCases)
    func seriesAndLabels(kind: MetricsBackend.Kind) async throws {
        let data = MetricsDataset()
        try await MetricsBackend.with(kind, series: data.series) { backend in
            let series = try await MetricsClient(baseURL: backend.url).series(matching: ["test_gauge", "{__name__=\"test_gappy\"}"],
                                                         start: data.date(data.origin), end: data.date(data.end))
            #expect(Set(series) == [["__name__": "test_gauge", "job": "a"], ["__name__": "test_gauge", "job": "b"], ["__name__": "test_gappy"]])
            #expect(try await MetricsClient(baseURL: backend.url).labelValues("job", start: data.date(data.origin), end: data.date(data.end)) == ["a", "b"])
            let names = try await MetricsClient(baseURL: backend.url).labelValues("__name__", start: data.date(data.origin), end: data.date(data.end))
            #expect(Set(names).isSuperset(of: ["test_gauge", "test_requests_total", "test_gappy", "test_nan"]))
            let instant = try await MetricsClient(baseURL: backend.url).query("sum(test_gauge)", at: data.date(data.origin + 600))
            let total = try #require(instant.series.first?.points.first?.value)
            #expect(total == 120, "40 on job a and 80 on job b")
        }
    }

    @Test("bad PromQL is a query error carrying the backend's explanation", arguments: MetricsBackend.Kind.allCases)
    func queryError(kind: MetricsBackend.Kind) async throws {
        let data = MetricsDataset()
        try await MetricsBackend.with(kind, series: []) { backend in
            do {
                _ = try await MetricsClient(baseURL: backend.url).queryRange("sum(rate(test_gauge[5m]", window: data.window(maxPoints: 10))
                Issue.record("bad PromQL was accepted")
            } catch let error as MetricsError {
                guard case .query(let type, let message) = error else { Issue.record("expected a query error, got \(error)"); return }
                #expect(type == (kind == .prometheus ? "bad_data" : "422"))
                #expect(!message.isEmpty)
            }
        }
    }
}

/// Backends that are not there or do not speak the API.
@Suite("MetricsClient failures")
struct MetricsClientFailureTests {
    @Test("a closed port is 'unreachable' at once")
    func unreachable() async throws {
        let client = MetricsClient(baseURL: URL(string: "http://127.0.0.1:1")!,
                                   transport: CurlTransport(connectTimeout: .seconds(30), totalTimeout: .seconds(30)))
        let started = ContinuousClock.now
        do {
            _ = try await client.query("up")
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("a backend that never answers times out")
    func timeout() async throws {
        let listener = try LoopbackListener(.silent)
        defer { listener.close() }
        let client = MetricsClient(baseURL: listener.url, transport: CurlTransport(connectTimeout: .seconds(1), totalTimeout: .milliseconds(300)))
        do {
            _ = try await client.query("up")
            Issue.record("a silent peer answered")
        } catch {
            guard case .timedOut = error else { Issue.record("expected a timeout, got \(error)"); return }
        }
    }

    @Test("an HTML page from a proxy is an unexpected answer with its status and a readable excerpt")
    func notJSON() async throws {
        let html = "<html><body>502 Bad Gateway</body></html>"
        let listener = try LoopbackListener(.respond(
            "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: \(html.utf8.count)\r\nConnection: close\r\n\r\n\(html)"))
        defer { listener.close() }
        do {
            _ = try await MetricsClient(baseURL: listener.url).queryRange(
                "up", window: QueryWindow(range: 60, endingAt: Date(), maxPoints: 10))
            Issue.record("HTML was accepted")
        } catch {
            #expect(error == .unexpectedResponse(status: 502, detail: html))
        }
    }

    @Test("warnings and partial answers reach the caller with the data; the query is sent percent-encoded")
    func warningsAndPartial() async throws {
        let body = """
            {"status":"success","isPartial":true,"warnings":["vmstorage-2 did not answer"],
             "data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[[1700000000,"1"],[1700000060,"NaN"],[1700000120,"+Inf"]]}]}}
            """
        let listener = try LoopbackListener(.respond(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"))
        defer { listener.close() }
        let result = try await MetricsClient(baseURL: listener.url, bearerToken: "secret-token").queryRange(
            "sum(up{job=~\"a+b\"})", window: QueryWindow(range: 120, endingAt: Date(timeIntervalSince1970: 1_700_000_050), maxPoints: 3))
        #expect(result.isPartial && result.warnings == ["vmstorage-2 did not answer"] && result.isIncomplete)
        let values = try #require(result.series.first).points.map(\.value)
        #expect(values.count == 3 && values[0] == 1 && values[1].isNaN && values[2] == .infinity)
        let head = try #require(listener.requests.first)
        #expect(head.hasPrefix("GET /api/v1/query_range?query=sum%28up%7Bjob%3D~%22a%2Bb%22%7D%29&start=1699999920&end=1700000040&step=60 "))
        #expect(head.lowercased().contains("authorization: bearer secret-token"))
    }
}

@Suite("Query windows")
struct QueryWindowTests {
    @Test("the step keeps the points within the panel and the bounds on multiples of the step")
    func fits() {
        let end = Date(timeIntervalSince1970: 1_795_943_217)
        for range in [900, 3600, 6 * 3600, 86_400, 7 * 86_400] {
            for columns in [1, 2, 13, 60, 80, 237] {
                for perColumn in [1, 2] {
                    let window = QueryWindow(range: range, endingAt: end, columns: columns, pointsPerColumn: perColumn)
                    #expect(window.pointCount <= columns * perColumn)
                    #expect(Int(window.start.timeIntervalSince1970) % window.step == 0)
                    #expect(Int(window.end.timeIntervalSince1970) % window.step == 0)
                    #expect(window.end <= end && end.timeIntervalSince(window.end) < Double(window.step))
                    #expect(window.end.timeIntervalSince(window.start) <= Double(range))
                    if columns * perColumn > 1 {
                        #expect(window.end.timeIntervalSince(window.start) > Double(range - 2 * window.step))
                    }
                }
            }
        }
    }

    @Test("a minimum step (the scrape interval) is respected")
    func minimumStep() {
        let window = QueryWindow(range: 900, endingAt: Date(timeIntervalSince1970: 1_800_000_000), maxPoints: 1000, minimumStep: 15)
        #expect(window.step == 15)
        #expect(window.pointCount == 61)
        #expect(window.stepText == "15s")
    }
}
