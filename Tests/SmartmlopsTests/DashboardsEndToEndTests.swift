import Foundation
import Testing
import TestSupport

@Suite("Dashboards commands of the real binary", .serialized)
struct DashboardsEndToEndTests {
    private let grafana = #"""
        {"title": "Ingress / Overview", "panels": [
          {"type": "timeseries", "title": "Requests", "datasource": {"type": "prometheus", "uid": "vm"},
           "fieldConfig": {"defaults": {"unit": "reqps"}},
           "targets": [{"refId": "A", "expr": "sum(rate(nginx_ingress_controller_requests{exported_namespace=\"$namespace\"}[$__rate_interval]))"}]},
          {"type": "text", "title": "Notes"},
          {"type": "row", "title": "More", "collapsed": true, "panels": [
            {"type": "stat", "title": "5xx", "datasource": {"type": "prometheus", "uid": "vm"},
             "targets": [{"refId": "A", "expr": "sum(rate(nginx_ingress_controller_requests{status=~\"5..\"}[5m]))"}]},
            {"type": "logs", "title": "Access log", "datasource": {"type": "loki", "uid": "loki"}, "targets": [{"refId": "A", "expr": "{app=\"ingress\"}"}]}
          ]}
        ]}
        """#

    @Test("`dashboards import` writes the user's dashboard, names what it skipped, and `dashboards` lists it")
    func importAndList() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.root, withIntermediateDirectories: true)
        let file = sandbox.root.appendingPathComponent("ingress.json")
        try grafana.write(to: file, atomically: true, encoding: .utf8)

        let (status, output) = try await ChildProcess.runDetached([try Binary.path, "dashboards", "import", file.path], environment: sandbox.environment)
        #expect(status == 0, "\(output)")
        #expect(output.contains(#"skipped Notes: panel type "text" is not supported"#))
        #expect(output.contains("skipped Access log: "))
        let written = sandbox.root.appendingPathComponent("config/smartmlops/dashboards/ingress-overview.toml")
        #expect(output.contains("wrote \(written.path): 2 panels, 2 skipped"))
        let text = try String(contentsOf: written, encoding: .utf8)
        #expect(text.contains("[panels.requests]") && text.contains("[$rate_interval]") && text.contains(#"unit = '/s'"#))

        let (listStatus, list) = try await ChildProcess.runDetached([try Binary.path, "dashboards"], environment: sandbox.environment)
        #expect(listStatus == 0, "\(list)")
        let rows = list.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(4).joined(separator: " ") }
        #expect(rows.contains("ingress-overview user 2 panels"))
        #expect(rows.contains { $0.hasPrefix("developer shipped") } && rows.contains { $0.hasPrefix("admin shipped") })

        let (again, refusal) = try await ChildProcess.runDetached([try Binary.path, "dashboards", "import", file.path], environment: sandbox.environment)
        #expect(again != 0 && refusal.contains("--force"))
    }

    @Test("`--output -` prints the dashboard; a file that is not a dashboard fails with a message")
    func standardOutputAndBadFile() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.root, withIntermediateDirectories: true)
        let file = sandbox.root.appendingPathComponent("ingress.json")
        try grafana.write(to: file, atomically: true, encoding: .utf8)
        let (status, output) = try await ChildProcess.runDetached([try Binary.path, "dashboards", "import", file.path, "--output", "-"], environment: sandbox.environment)
        #expect(status == 0)
        #expect(output.contains("title = 'Ingress / Overview'") && output.contains("[panels.5xx]"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("config/smartmlops/dashboards").path))

        let bad = sandbox.root.appendingPathComponent("bad.json")
        try "<html>not json</html>".write(to: bad, atomically: true, encoding: .utf8)
        let (badStatus, message) = try await ChildProcess.runDetached([try Binary.path, "dashboards", "import", bad.path], environment: sandbox.environment)
        #expect(badStatus != 0 && message.contains("not a JSON file"))
    }

    @Test("`dashboards show developer` draws live VictoriaMetrics series of a namespace; panels without series say no data")
    func showAgainstVictoriaMetrics() async throws {
        let now = Int(Date().timeIntervalSince1970) / 15 * 15
        let labels = ["namespace": "pu-e2e-pa-demo", "pod": "demo-1", "container": "app"]
        let memory = GeneratedSeries(name: "container_memory_working_set_bytes", labels: labels,
                                     samples: (0..<240).map { (now - 3600 + $0 * 15, Double(100 + $0 % 60) * 1_048_576) })
        let cpu = GeneratedSeries(name: "container_cpu_usage_seconds_total", labels: labels,
                                  samples: (0..<240).map { (now - 3600 + $0 * 15, Double($0) * 7.5) })
        let backend = try await MetricsBackend.start(.victoriaMetrics, series: [memory, cpu])
        do {
            let sandbox = Sandbox()
            defer { sandbox.remove() }
            let tmux = try Tmux([try Binary.path, "dashboards", "show", "developer", "--metrics-url", backend.url.absoluteString,
                                 "--namespace", "pu-e2e-pa-demo", "--lang", "en"], environment: sandbox.environment)
            let screen = try await tmux.waitFor("the RAM chart and the vCPU value") { screen in
                screen.contains("MiB") && screen.contains("0.5 vCPU") && screen.contains("█")
            }
            #expect(screen.contains("Dashboards: Application · range 1h"))
            #expect(screen.contains("RAM") && screen.contains("min 10") && screen.contains("MiB  max 15"), "\(screen)")
            #expect(screen.contains("no data"), "panels without series (restarts, API, logs) say so")
            #expect(!screen.contains("error"), "\(screen)")
            // 24 h, not 7 d: the generated hour is then several points of the zoomed chart, whatever
            // the clock (over 7 d VictoriaMetrics' aligned steps may put no point inside the hour).
            try await tmux.send("4")
            try await tmux.waitFor(text: "range 24h")
            try await tmux.send("Right", "Enter")
            try await tmux.waitFor("RAM zoomed, with min/max/avg/last") { $0.contains("avg ") && $0.contains("esc back") }
            try await tmux.send("q")
            try await tmux.waitFor(text: "enter zoom")
            try await tmux.send("q")
            try await tmux.waitFor(text: "smartmlops exited with 0")
            await backend.stop()
        } catch {
            await backend.stop()
            throw error
        }
    }
}
