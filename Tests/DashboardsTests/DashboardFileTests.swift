import ConfigFormat
import Dashboards
import Foundation
import Model
import Testing

/// The repository's shipped dashboards, as the real program finds them.
let shippedDashboards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("dashboards").path

func temporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("Dashboard files")
struct DashboardFileTests {
    @Test("the shipped developer, component and admin dashboards load without a single problem")
    func shipped() throws {
        let loader = DashboardLoader(shippedDirectory: shippedDashboards, userDirectory: nil)
        #expect(loader.available().map(\.name) == ["admin", "component", "developer"])
        let (dashboards, problems) = loader.loadAll()
        #expect(problems.map(\.description) == [])
        let developer = try #require(dashboards.first { $0.name == "developer" })
        #expect(developer.title == LocalizedText(ru: "Приложение", en: "Application"))
        for id in ["cpu", "memory", "storage", "network_in", "network_out", "restarts", "requests", "latency", "logs"] {
            let panel = try #require(developer.panels.first { $0.id == id }, "panel \(id)")
            #expect(panel.query.contains("namespace=\"$namespace\""), "\(id) is per namespace")
        }
        #expect(developer.panels.first { $0.id == "cpu" }?.query.contains("container_cpu_usage_seconds_total") == true)
        #expect(developer.panels.first { $0.id == "memory" }?.query.contains("container_memory_working_set_bytes") == true)
        let admin = try #require(dashboards.first { $0.name == "admin" })
        let queries = admin.panels.map(\.query).joined(separator: "\n")
        for metric in ["container_cpu_usage_seconds_total", "container_memory_working_set_bytes", "apiserver_request", "nginx_ingress_controller",
                       "pg_stat", "velero_backup", "vm_", "slurm_queue"] {
            #expect(queries.contains(metric), "admin shows \(metric)")
        }
        #expect(dashboards.flatMap(\.panels).map(\.kind).count > 20)
        #expect(Set(dashboards.flatMap(\.panels).map(\.kind)) == Set(DashboardPanel.Kind.allCases))
    }

    @Test("a faulty panel or key is reported as file:line and the rest still loads")
    func faults() throws {
        let text = """
            title = { ru = "Проба", en = "Probe" }
            colour = "red"

            [panels.good]
            title = "Good"
            query = 'up{namespace="$namespace"}'
            kind = "gauge"
            unit = "percent"
            thresholds = { warning = "80.5", critical = 95 }

            [panels.noquery]
            title = "Nothing to ask"

            [panels.odd]
            query = 'rate(x[$interval])'
            kind = "pie"
            unit = "furlongs"
            min = "low"
            legend = "{{pod}}"
            """
        let document = try TOMLDocument(parsing: text, file: "probe.toml")
        let (dashboard, problems) = DashboardFile.read(document, name: "probe")
        #expect(dashboard.panels.map(\.id) == ["good", "odd"])
        let good = dashboard.panels[0]
        #expect(good.kind == .gauge && good.unit == .percent && good.thresholds == Thresholds(warning: 80.5, critical: 95))
        #expect(good.gaugeMaximum == 100)
        let odd = dashboard.panels[1]
        #expect(odd.title == LocalizedText(ru: "odd", en: "odd") && odd.kind == .sparkline && odd.unit == .none && odd.minimum == nil)
        let messages = problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("probe.toml:2: key \"colour\": unknown key") })
        #expect(messages.contains { $0.hasPrefix("probe.toml:11: key \"panels.noquery.query\": a panel needs a PromQL query") })
        #expect(messages.contains { $0.hasPrefix("probe.toml:15: key \"panels.odd.query\": unknown variable $interval") })
        #expect(messages.contains { $0.hasPrefix("probe.toml:16: key \"panels.odd.kind\": expected one of sparkline, gauge, stat, table") })
        #expect(messages.contains { $0.hasPrefix("probe.toml:17: key \"panels.odd.unit\"") })
        #expect(messages.contains { $0.hasPrefix("probe.toml:18: key \"panels.odd.min\": expected a finite number such as 0.8 or 5, found \"low\"") })
        #expect(messages.count == 6)
    }

    @Test("a written dashboard reads back the same, quotes and backslashes included")
    func roundTrip() throws {
        let dashboard = Dashboard(name: "rt", title: LocalizedText(ru: "Круг", en: "Round"), panels: [
            DashboardPanel(id: "a", title: LocalizedText(ru: "Это", en: "It's"), query: #"sum(rate(x{job=~"a|b\\.c", y='z'}[$step]))"#,
                           kind: .table, unit: .bytesPerSecond, legend: "{{job}}", thresholds: Thresholds(warning: 0.25, critical: 3),
                           minimum: -1.5, maximum: 10),
            DashboardPanel(id: "panel with space", title: LocalizedText(ru: "b", en: "b"), query: "up"),
        ])
        let text = DashboardFile.text(of: dashboard, header: ["generated"])
        #expect(text.hasPrefix("# generated\n"))
        let (back, problems) = DashboardFile.read(try TOMLDocument(parsing: text, file: "rt.toml"), name: "rt")
        #expect(problems == [])
        #expect(back == dashboard)
    }

    @Test("a user's dashboard replaces the shipped one of the same name; a broken one falls back to the shipped")
    func userOverrides() throws {
        let user = try temporaryDirectory("dashboards")
        defer { try? FileManager.default.removeItem(at: user) }
        try "title = \"Mine\"\n[panels.only]\nquery = 'up'\n".write(to: user.appendingPathComponent("developer.toml"), atomically: true, encoding: .utf8)
        try "title = \"Broken\n".write(to: user.appendingPathComponent("admin.toml"), atomically: true, encoding: .utf8)
        try "[panels.x]\nquery = 'up'\n".write(to: user.appendingPathComponent("extra.toml"), atomically: true, encoding: .utf8)
        let loader = DashboardLoader(shippedDirectory: shippedDashboards, userDirectory: user.path)
        #expect(loader.available().map { "\($0.name):\($0.isUser)" } == ["admin:true", "component:false", "developer:true", "extra:true"])
        let developer = try #require(loader.load("developer").dashboard)
        #expect(developer.title.en == "Mine" && developer.panels.map(\.id) == ["only"])
        let (admin, problems) = loader.load("admin")
        #expect(admin?.title.en == "Platform administrator")
        #expect(problems.count == 1 && problems[0].description.contains("admin.toml:1:"))
        #expect(loader.load("../etc/passwd").dashboard == nil)
        let (missing, why) = loader.load("nope")
        #expect(missing == nil && why.first?.message.contains("not found") == true)
    }

    @Test("variables: $name and ${name} are filled in, label values escaped, unknown ones left for the backend to name")
    func variables() {
        let variables = DashboardVariables(namespace: "pu-ik-pa-ocr", app: "ocr", component: #"we"ird"#, range: 3600, step: 90)
        #expect(variables.substitute(#"x{namespace="$namespace", c="${component}"}[$rate_interval] offset $range $step"#)
            == #"x{namespace="pu-ik-pa-ocr", c="we\"ird"}[180s] offset 3600s 90s"#)
        #expect(variables.substitute("$namespaces $unknown ${nope} $ $$app") == "$namespaces $unknown ${nope} $ $ocr")
        #expect(DashboardVariables(range: 900, step: 15).rateInterval == 60)
        #expect(DashboardVariables.names(in: "a[$step] ${range} $x_1") == ["step", "range", "x_1"])
    }

    @Test("units print short and readable numbers")
    func units() {
        #expect(MetricUnit.bytes.format(1_610_612_736) == "1.5 GiB")
        #expect(MetricUnit.bytes.format(512) == "512 B")
        #expect(MetricUnit.bytesPerSecond.format(2048) == "2 KiB/s")
        #expect(MetricUnit.seconds.format(0.23) == "230 ms")
        #expect(MetricUnit.seconds.format(5400) == "90 min")
        #expect(MetricUnit.milliseconds.format(1500) == "1.5 s")
        #expect(MetricUnit.cores.format(0.25) == "0.25 vCPU")
        #expect(MetricUnit.ratio.format(0.456) == "45.6%")
        #expect(MetricUnit.percent.format(99.5) == "99.5%")
        #expect(MetricUnit.perSecond.format(12_345) == "12.3k/s")
        #expect(MetricUnit.none.format(0) == "0")
        #expect(MetricUnit.none.format(-0.0001) == "0")
        #expect(MetricUnit.none.format(.nan) == "NaN")
        #expect(MetricUnit.none.format(-.infinity) == "-Inf")
    }

    @Test("thresholds are numbers, and a long query spans lines; both written back as read")
    func numbersAndLongQueries() throws {
        let text = """
            title = "Long"

            [panels.errors]
            title = "Errors"
            query = '''
            sum(rate(http_requests_total{namespace="$namespace", code=~"5.."}[$rate_interval]))
              / sum(rate(http_requests_total{namespace="$namespace"}[$rate_interval]))'''
            unit = "ratio"
            thresholds = { warning = 0.01, critical = 5e-2 }
            """
        let (dashboard, problems) = DashboardFile.read(try TOMLDocument(parsing: text, file: "long.toml"), name: "long")
        #expect(problems.isEmpty, "\(problems)")
        let panel = try #require(dashboard.panels.first)
        #expect(panel.thresholds == Thresholds(warning: 0.01, critical: 0.05))
        #expect(panel.query.hasPrefix("sum(rate(http_requests_total{namespace=\"$namespace\", code=~\"5..\"}[$rate_interval]))\n  / sum("))
        let written = DashboardFile.text(of: dashboard)
        #expect(written.contains("thresholds = { warning = 0.01, critical = 0.05 }"), "\(written)")
        let again = DashboardFile.read(try TOMLDocument(parsing: written, file: "again.toml"), name: "long")
        #expect(again.problems.isEmpty && again.dashboard == dashboard)
    }
}
