import Foundation

/// CPU time and memory of a process group, read from /proc: what cAdvisor reports for a container.
enum ProcessGroupUsage {
    struct Usage: Equatable {
        var cpuSeconds: Double
        var residentBytes: Int64
        var processes: Int
    }

    /// Sums every process whose group is `group`.
    static func of(group: Int32) -> Usage {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
        var usage = Usage(cpuSeconds: 0, residentBytes: 0, processes: 0)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (comm) ": state is field 3; pgrp 5, utime 14, stime 15, rss 24.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 21, Int32(fields[2]) == group,
                  let user = Double(fields[11]), let system = Double(fields[12]), let rss = Int64(fields[21]) else { continue }
            usage.cpuSeconds += (user + system) / ticks
            usage.residentBytes += rss * pageSize
            usage.processes += 1
        }
        return usage
    }
}

/// Requests through API-component routes, by namespace, API component and status, with a latency
/// histogram, as ingress-nginx counts them.
struct RouteMetrics {
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Series {
        var counts: [Int: Int] = [:]
        var buckets = [Int](repeating: 0, count: RouteMetrics.buckets.count)
        var sum = 0.0
        var total = 0
    }

    private(set) var series: [String: [String: Series]] = [:]  // namespace → api → series
    private var applications: [String: String] = [:]  // application → namespace

    mutating func record(application: String, namespace: String, api: String, status: Int, seconds: Double) {
        applications[application] = namespace
        var entry = series[namespace, default: [:]][api, default: Series()]
        entry.counts[status, default: 0] += 1
        for (index, bound) in Self.buckets.enumerated() where seconds <= bound { entry.buckets[index] += 1 }
        entry.sum += seconds
        entry.total += 1
        series[namespace, default: [:]][api] = entry
    }

    mutating func remove(application: String, api: String? = nil) {
        guard let namespace = applications[application] else { return }
        if let api {
            series[namespace]?[api] = nil
        } else {
            series[namespace] = nil
            applications[application] = nil
        }
    }

    func exposition() -> String {
        var lines = [
            "# HELP nginx_ingress_controller_requests Requests through API-component routes (ingress-nginx's name).",
            "# TYPE nginx_ingress_controller_requests counter",
        ]
        var histogram = [
            "# HELP nginx_ingress_controller_request_duration_seconds Time to answer a request through an API-component route.",
            "# TYPE nginx_ingress_controller_request_duration_seconds histogram",
        ]
        for namespace in series.keys.sorted() {
            for (api, entry) in series[namespace, default: [:]].sorted(by: { $0.key < $1.key }) {
                // On a cluster Prometheus renames ingress-nginx's `namespace` to `exported_namespace`
                // (the scrape target has its own); both are given so that either query works here.
                let labels = "namespace=\"\(namespace)\",exported_namespace=\"\(namespace)\",ingress=\"\(api)\""
                for (status, count) in entry.counts.sorted(by: { $0.key < $1.key }) {
                    lines.append("nginx_ingress_controller_requests{\(labels),status=\"\(status)\"} \(count)")
                }
                for (index, bound) in Self.buckets.enumerated() {
                    histogram.append("nginx_ingress_controller_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(entry.buckets[index])")
                }
                histogram.append("nginx_ingress_controller_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(entry.total)")
                histogram.append("nginx_ingress_controller_request_duration_seconds_sum{\(labels)} \(entry.sum)")
                histogram.append("nginx_ingress_controller_request_duration_seconds_count{\(labels)} \(entry.total)")
            }
        }
        return (lines + histogram).joined(separator: "\n") + "\n"
    }
}
