import ConfigFormat
import Dashboards
import Foundation
import Model
import Testing

@Suite("Grafana import")
struct GrafanaImportTests {
    private func imported() throws -> GrafanaImport.Result {
        try GrafanaImport.convert(Data(grafanaNamespaceDashboard.utf8), name: "namespace")
    }

    @Test("timeseries, gauge, stat, graph, singlestat and plain table panels are converted in order, rows flattened")
    func converted() throws {
        let result = try imported()
        let dashboard = result.dashboard
        #expect(dashboard.title.en == "Kubernetes / Namespace (SmartMLOps)")
        #expect(dashboard.panels.map(\.id) == ["cpu_usage", "memory_of_the_limit", "restarts", "network_received", "api_latency_p95", "pods_by_cpu", "cpu_usage_2"])
        #expect(dashboard.panels.map(\.kind) == [.sparkline, .gauge, .stat, .sparkline, .stat, .table, .sparkline])

        let cpu = dashboard.panels[0]
        #expect(cpu.title.en == "CPU usage")
        #expect(cpu.query == #"sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="$namespace", pod=~".*", container!=""}[$rate_interval]))"#)
        #expect(cpu.legend == "{{pod}}" && cpu.unit == .none && cpu.minimum == 0)
        #expect(cpu.thresholds == Thresholds(warning: 2, critical: 4))

        let memory = dashboard.panels[1]
        #expect(memory.query == #"sum(container_memory_working_set_bytes{namespace="$namespace"}) / sum(kube_pod_container_resource_limits{namespace="$namespace", resource="memory"})"#)
        #expect(memory.unit == .ratio && memory.minimum == 0 && memory.maximum == 1 && memory.thresholds == Thresholds(critical: 0.9))

        let restarts = dashboard.panels[2]
        #expect(restarts.query.hasSuffix("[$range]))") && restarts.thresholds.isEmpty)

        let network = dashboard.panels[3]
        #expect(network.query == #"sum(rate(container_network_receive_bytes_total{namespace="$namespace"}[5m]))"#)
        #expect(network.unit == .bytesPerSecond && network.thresholds == Thresholds(warning: 1_000_000, critical: 5_000_000))

        let latency = dashboard.panels[4]
        #expect(latency.unit == .seconds && latency.thresholds == Thresholds(warning: 0.5, critical: 2))
        #expect(latency.query.contains(#"exported_namespace="$namespace""#))

        #expect(dashboard.panels[5].legend == "{{pod}}" && dashboard.panels[5].unit == .none)
        let mixed = dashboard.panels[6]
        #expect(mixed.query == #"sum(rate(nginx_ingress_controller_requests{exported_namespace="$namespace"}[2m]))"#)
        #expect(mixed.unit == .perSecond)
    }

    @Test("skipped panels are named with the reason: text, Loki, transformations, unknown variables, unsupported types")
    func skipped() throws {
        let skipped = try imported().skipped.map(\.description)
        #expect(skipped == [
            #"How to read this dashboard: panel type "text" is not supported (timeseries, graph, stat, singlestat, gauge and plain tables are)"#,
            #"Application logs: panel type "logs" is not supported (timeseries, graph, stat, singlestat, gauge and plain tables are)"#,
            "Log lines: loki datasource, not Prometheus-compatible",
            "Pods by memory: table with transformations, which we cannot apply",
            "Requests by node: uses Grafana's $__interval_ms, which has no counterpart here",
            "Custom scale: uses the variable $scale outside a label matcher, which has no counterpart here",
            #"Latency heatmap: panel type "heatmap" is not supported (timeseries, graph, stat, singlestat, gauge and plain tables are)"#,
        ])
    }

    @Test("changes made on the way are reported: widened variables, dropped queries, unknown units and thresholds")
    func notes() throws {
        let notes = try imported().notes
        #expect(notes == [
            "CPU usage: $pod has no counterpart here; every value is shown",
            "Restarts: thresholds in percent of the range are not carried over",
            "Network received: only query A kept; B dropped (one query per panel)",
            #"Pods by CPU: unit "cores-of-something" is not known here; shown without a unit"#,
        ])
    }

    @Test("the result is a dashboard file that loads without problems and reads back the same")
    func writesLoadableFile() throws {
        let dashboard = try imported().dashboard
        let text = DashboardFile.text(of: dashboard)
        let (back, problems) = DashboardFile.read(try TOMLDocument(parsing: text, file: "namespace.toml"), name: "namespace")
        #expect(problems == [])
        #expect(back == dashboard)
    }

    @Test("the old schema's rows, the sharing wrapper and bad files")
    func otherShapes() throws {
        let old = #"""
            {"dashboard": {"title": "Старый дашборд", "rows": [{"title": "r", "panels": [
              {"type": "graph", "title": "Up", "targets": [{"expr": "up{job=~\"$job\"}"}]}]}]}}
            """#
        let result = try GrafanaImport.convert(Data(old.utf8), name: "old")
        #expect(result.dashboard.panels.map(\.query) == [#"up{job=~".*"}"#])
        #expect(GrafanaImport.suggestedName(for: Data(old.utf8), fallback: "x") == "staryy-dashbord")
        #expect(GrafanaImport.suggestedName(for: Data(grafanaNamespaceDashboard.utf8), fallback: "x") == "kubernetes-namespace-smartmlops")
        #expect(throws: GrafanaImport.Failure.notADashboard) { try GrafanaImport.convert(Data(#"{"title": "x"}"#.utf8), name: "x") }
        #expect(throws: GrafanaImport.Failure.self) { try GrafanaImport.convert(Data("<html>".utf8), name: "x") }
    }
}
