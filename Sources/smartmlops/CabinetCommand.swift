import ArgumentParser
import Cabinet
import CNcursesw
import Client
import ConfigFormat
import Dashboards
import Foundation
import Model
import Platform
import TerminalUI

/// `smartmlops` (the default command): the full-screen cabinet.
struct CabinetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cabinet",
        abstract: "Open the cabinet (the default).")

    @Flag(help: "Seed the embedded platform with demo teams, applications and events on first use.")
    var demo = false

    @Option(help: ArgumentHelp("URL of a platform server; without it an embedded platform is started.", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("File holding the bearer token for --server (default: $SMARTMLOPS_TOKEN).", valueName: "path"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("Profile name: keeps this platform's cache apart from others'.", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("Data directory of the embedded platform.", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("Language of the interface: ru or en (default: from LC_ALL / LANG).", valueName: "ru|en"))
    var lang: Language?

    @Option(help: ArgumentHelp("Theme (see `smartmlops themes`); default: by the terminal's colours.", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Keymap: default, emacs, mc, or one of your own.", valueName: "name"))
    var keymap = "default"

    @Option(help: ArgumentHelp(
        "Prometheus or VictoriaMetrics for the dashboards; without it the embedded platform starts victoria-metrics when it is installed.",
        valueName: "url"))
    var metricsURL: String?

    func run() async throws {
        // Two malloc arenas instead of up to eight per core: the cabinet's threads mostly wait, and
        // each arena kept its own freed pages (3 MB of peak memory with 10,000 applications).
        cn_limit_malloc_arenas(2)
        let environment = ProcessInfo.processInfo.environment
        let directories = XDGDirectories(application: "smartmlops", environment: environment)
        guard let cacheDirectory = directories.cache else {
            throw ValidationError("no cache directory: set HOME or XDG_CACHE_HOME to an absolute path")
        }
        let language = lang ?? Language.from(environment: environment)
        let user = LocalUser.current(environment: environment)

        var embedded: RunningPlatform?
        var embeddedMetrics: EmbeddedMetrics?
        var notices: [String] = []
        let endpoint: PlatformEndpoint
        let profileName: String
        if let server {
            guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ValidationError("--server must be an http:// or https:// URL, got \(server)")
            }
            endpoint = PlatformEndpoint(url: url, token: try readToken(environment: environment))
            profileName = profile ?? "default"
        } else {
            guard let dataDirectory = data.map({ URL(fileURLWithPath: $0) })
                ?? directories.data.map({ URL(fileURLWithPath: $0).appendingPathComponent("local") }) else {
                throw ValidationError("no data directory: set HOME or XDG_DATA_HOME to an absolute path, or give --data")
            }
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // The token is kept (0600) so that scripts and `curl` can use the embedded platform too.
            var configuration = PlatformConfiguration(dataDirectory: dataDirectory, demo: demo, localUser: user,
                                                      localToken: try LocalToken.loadOrCreate(at: dataDirectory.appendingPathComponent("local-token")))
            // The embedded platform's only caller is this user: it may run their components.
            configuration.runsComponents = true
            let platform = try await PlatformServer.start(configuration)
            embedded = platform
            endpoint = PlatformEndpoint(url: platform.url, token: platform.token)
            profileName = profile ?? "local"
            if metricsURL == nil, EmbeddedMetrics.executable() != nil {
                do {
                    embeddedMetrics = try await EmbeddedMetrics.start(dataDirectory: dataDirectory.appendingPathComponent("metrics"),
                                                                      scrape: platform.url, token: platform.token)
                } catch {
                    notices.append("victoria-metrics: \(error)")
                }
            }
        }

        let client = PlatformClient(endpoint: endpoint)
        let cache = JSONCache(directory: URL(fileURLWithPath: cacheDirectory).appendingPathComponent(profileName))
        let themes = ThemeLoader(shippedDirectory: ShippedFiles.directory("themes"),
                                 userDirectory: ThemeLoader.userDirectory(application: "smartmlops", environment: environment))
        let keymaps = KeymapLoader(shippedDirectory: ShippedFiles.directory("keymaps"),
                                   userDirectory: KeymapLoader.userDirectory(application: "smartmlops", environment: environment),
                                   knownCommands: KeyAction.keymapNames)
        let (keys, keymapProblems) = keymaps.load(keymap)
        let requestedTheme = theme
        let themeNames = themes.available().map(\.name)
        let (dashboards, dashboardProblems) = DashboardsCommand.loader.loadAll()
        var metrics: MetricsClient?
        if let metricsURL {
            guard let url = URL(string: metricsURL), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--metrics-url must be an http:// or https:// URL, got \(metricsURL)")
            }
            metrics = MetricsClient(baseURL: url)
        } else if let embeddedMetrics {
            metrics = MetricsClient(baseURL: embeddedMetrics.url)
        }
        let startNotices = notices + dashboardProblems.map(\.description)
        let metricsClient = metrics
        // The terminal closing (SIGHUP: an SSH link dropped), SIGTERM or C-c: what the embedded
        // platform runs is stopped before the process goes, as on q; else it would outlive it.
        let (platform, metricsServer) = (embedded, embeddedMetrics)
        let signals = handleSignals([SIGHUP, SIGTERM, SIGINT]) { number in
            await platform?.stopComponents()
            await metricsServer?.stop()
            NcursesBackend.restoreBeforeExit()
            Foundation.exit(128 + number)
        }
        defer { signals.forEach { $0.cancel() } }
        try await runOnOwnThread {
            try TerminalSession.run { depth in
                let (theme, themeProblems) = themes.load(requestedTheme, colorDepth: depth)
                var environment = CabinetEnvironment(
                    language: language, client: client, cache: cache, profile: profileName, user: user.login,
                    theme: theme, keymap: keys, startupNotices: (themeProblems + keymapProblems).map(\.description) + startNotices)
                environment.dashboards = dashboards
                environment.themes = themes
                environment.themeNames = themeNames
                environment.metrics = metricsClient
                return CabinetApp(environment: environment)
            }
        }
        // The process ends now: its components' processes and VictoriaMetrics are stopped; the
        // server itself goes with the process (stopping it could meet a request still in flight).
        await embedded?.stopComponents()
        await embeddedMetrics?.stop()
    }

    private func readToken(environment: [String: String]) throws -> String {
        if let tokenFile {
            do {
                let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard !token.isEmpty else { throw ValidationError("the token file \(tokenFile) is empty") }
                return token
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("cannot read the token file \(tokenFile): \(error.localizedDescription)")
            }
        }
        guard let token = environment["SMARTMLOPS_TOKEN"], !token.isEmpty else {
            throw ValidationError("--server needs a token: --token-file PATH or SMARTMLOPS_TOKEN")
        }
        return token
    }

    /// The terminal loop blocks its thread by design (it waits on the keyboard); keep it off the
    /// cooperative pool, which the embedded server and the commands need.
    private func runOnOwnThread(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = "smartmlops.terminal"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

extension Language: ExpressibleByArgument {}
