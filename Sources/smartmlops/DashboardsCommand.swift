import ArgumentParser
import Cabinet
import Client
import Dashboards
import Foundation
import Model
import TerminalUI

/// `smartmlops dashboards`: the dashboards there are, and Grafana dashboards turned into ours.
struct DashboardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboards",
        abstract: "List the dashboards, show one, or import one from Grafana.",
        subcommands: [List.self, Show.self, Import.self],
        defaultSubcommand: List.self)

    static var loader: DashboardLoader {
        DashboardLoader(shippedDirectory: ShippedFiles.directory("dashboards", marker: "developer.toml"),
                        userDirectory: DashboardLoader.userDirectory(application: "smartmlops", environment: ProcessInfo.processInfo.environment))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the dashboards: shipped ones and your own.")

        func run() throws {
            let loader = DashboardsCommand.loader
            var failed = false
            for listing in loader.available() {
                let (dashboard, problems) = loader.load(listing.name)
                for problem in problems { standardError("\(problem.description)\n") }
                failed = failed || !problems.isEmpty
                let panels = dashboard.map { "\($0.panels.count) panels" } ?? "unusable"
                print("\(listing.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \((listing.isUser ? "user" : "shipped").padding(toLength: 8, withPad: " ", startingAt: 0)) \(panels.padding(toLength: 10, withPad: " ", startingAt: 0)) \(listing.path)")
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a dashboard full-screen, against a Prometheus-compatible metrics backend.",
            discussion: """
                Keys: 1-5 range (15m, 1h, 6h, 24h, 7d), r refresh, i refresh interval, b braille or blocks, \
                arrows move, Enter zooms into a panel, Esc returns, q quits.
                """)

        @Argument(help: "The dashboard's name (see `smartmlops dashboards`).")
        var name: String

        @Option(help: ArgumentHelp("URL of the Prometheus HTTP API (VictoriaMetrics, Prometheus).", valueName: "url"))
        var metricsURL: String

        @Option(help: ArgumentHelp("The application's namespace, for $namespace.", valueName: "namespace"))
        var namespace: String?

        @Option(help: ArgumentHelp("The application, for $app.", valueName: "slug"))
        var app: String?

        @Option(help: ArgumentHelp("The component, for $component.", valueName: "name"))
        var component: String?

        @Option(help: ArgumentHelp("Language of the interface: ru or en (default: from LC_ALL / LANG).", valueName: "ru|en"))
        var lang: Language?

        @Option(help: ArgumentHelp("Theme (see `smartmlops themes`); default: by the terminal's colours.", valueName: "name"))
        var theme: String?

        @Option(help: ArgumentHelp("Keymap: default, emacs, mc, or one of your own.", valueName: "name"))
        var keymap = "default"

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            guard let url = URL(string: metricsURL), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--metrics-url must be an http or https URL")
            }
            let (dashboard, problems) = DashboardsCommand.loader.load(name)
            for problem in problems { standardError("\(problem.description)\n") }
            guard let dashboard else { throw ExitCode(1) }
            let themes = ThemeLoader(shippedDirectory: ShippedFiles.directory("themes"),
                                     userDirectory: ThemeLoader.userDirectory(application: "smartmlops", environment: environment))
            let keymaps = KeymapLoader(shippedDirectory: ShippedFiles.directory("keymaps"),
                                       userDirectory: KeymapLoader.userDirectory(application: "smartmlops", environment: environment),
                                   knownCommands: KeyAction.keymapNames)
            let keys = keymaps.load(keymap).keymap
            let language = lang ?? Language.from(environment: environment)
            let variables = DashboardVariables(namespace: namespace, app: app, component: component)
            let requestedTheme = theme
            try TerminalSession.run { depth in
                DashboardScreen(dashboard: dashboard, client: MetricsClient(baseURL: url), variables: variables,
                                language: language, theme: themes.load(requestedTheme, colorDepth: depth).theme, keymap: keys)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a Grafana dashboard (JSON) into a dashboard of ours.",
            discussion: """
                Timeseries, graph, stat, singlestat and gauge panels with Prometheus or VictoriaMetrics queries are \
                converted, and tables without transformations; every other panel is listed with the reason it was \
                skipped. The result goes to $XDG_CONFIG_HOME/smartmlops/dashboards/NAME.toml, or to standard output \
                with --output -.
                """)

        @Argument(help: "The Grafana dashboard's JSON file (its JSON model or an export).")
        var file: String

        @Option(name: .shortAndLong, help: "The new dashboard's name (default: from its title), or - for standard output.")
        var output: String?

        @Flag(help: "Replace a user dashboard of the same name.")
        var force = false

        func run() throws {
            guard let json = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let fallback = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let name = output ?? GrafanaImport.suggestedName(for: json, fallback: fallback)
            guard name == "-" || DashboardLoader.isValidName(name) else {
                throw ValidationError("the name \"\(name)\" may contain only letters, digits, \"-\" and \"_\"")
            }
            let result: GrafanaImport.Result
            do {
                result = try GrafanaImport.convert(json, name: name == "-" ? fallback : name)
            } catch {
                throw ValidationError("\(file): \(error)")
            }
            // With the dashboard on stdout, the report must not mix with it.
            let report: (String) -> Void = name == "-" ? { standardError($0 + "\n") } : { print($0) }
            for skipped in result.skipped { report("skipped \(skipped.title): \(skipped.reason)") }
            for note in result.notes { report("note \(note)") }
            guard !result.dashboard.panels.isEmpty else {
                report("nothing to import: no panel could be converted")
                throw ExitCode(1)
            }
            let text = DashboardFile.text(of: result.dashboard, header: ["Imported from Grafana: \(URL(fileURLWithPath: file).lastPathComponent)"])
            if name == "-" {
                print(text, terminator: "")
                return
            }
            guard let directory = DashboardsCommand.loader.userDirectory else {
                throw ValidationError("no configuration directory: set XDG_CONFIG_HOME or HOME, or use --output -")
            }
            let path = (directory as NSString).appendingPathComponent(name + ".toml")
            if FileManager.default.fileExists(atPath: path) && !force {
                throw ValidationError("\(path) exists; choose another --output NAME or add --force")
            }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            report("wrote \(path): \(result.dashboard.panels.count) panels, \(result.skipped.count) skipped")
        }
    }
}

private func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
