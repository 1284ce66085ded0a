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

    @Option(help: ArgumentHelp("URL of a platform server; without it, the embedded platform your cabinets share (started if none runs: see `smartmlops platform`).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("File holding the bearer token for --server (default: $SMARTMLOPS_TOKEN).", valueName: "path"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("Profile name: keeps this platform's cache apart from others'.", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("Data directory of the embedded platform.", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp(
        "Where the cache is kept (default: $SMARTMLOPS_CACHE_DIR, else $XDG_CACHE_HOME/smartmlops): local scratch when the home is a slow NFS.",
        valueName: "dir"))
    var cacheDir: String?

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
        let givenCache = cacheDir ?? environment["SMARTMLOPS_CACHE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        guard let cacheDirectory = givenCache.map({ URL(fileURLWithPath: $0).standardizedFileURL.path }) ?? directories.cache else {
            throw ValidationError("no cache directory: set HOME or XDG_CACHE_HOME to an absolute path, or give --cache-dir")
        }
        let language = lang ?? Language.from(environment: environment)
        let user = LocalUser.current(environment: environment)

        var connection: EmbeddedPlatform.Connection?
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
            // One user's cabinets share one embedded platform: the first starts it, detached; it
            // stops, with what it runs, once the last cabinet has gone (`smartmlops platform`).
            let shared = try await EmbeddedPlatform.connect(dataDirectory: try EmbeddedPlatform.dataDirectory(data, environment: environment),
                                                            demo: demo, environment: environment)
            connection = shared
            guard let url = URL(string: shared.record.url) else { throw ValidationError("the platform's record names no URL: \(shared.record.url)") }
            endpoint = PlatformEndpoint(url: url, token: shared.token)
            profileName = profile ?? "local"
            if metricsURL == nil, let problem = shared.record.metricsProblem { notices.append(problem) }
        }

        let client = PlatformClient(endpoint: endpoint)
        let cache = JSONCache(directory: URL(fileURLWithPath: cacheDirectory).appendingPathComponent(profileName))
        // Said once at the start, not as a failure at every write; the cabinet works on uncached.
        let cacheProblem = cache.writeProblem()
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
        } else if let shared = connection?.record.metricsURL.flatMap(URL.init(string:)) {
            metrics = MetricsClient(baseURL: shared)
        }
        let startNotices = notices + dashboardProblems.map(\.description)
        let metricsClient = metrics
        // The terminal closing (SIGHUP: an SSH link dropped), SIGTERM or C-c: the terminal is given
        // back and the process ends; its lease on the shared platform goes with it.
        let signals = handleSignals([SIGHUP, SIGTERM, SIGINT]) { number in
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
                environment.cacheProblem = cacheProblem
                environment.themes = themes
                environment.themeNames = themeNames
                environment.metrics = metricsClient
                return CabinetApp(environment: environment)
            }
        }
        // The lease is let go as the process ends: the platform stops if no other cabinet holds one.
        withExtendedLifetime(connection) {}
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
