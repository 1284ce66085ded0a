import ArgumentParser
import Client
import ConfigFormat
import Foundation
import Logging
import Model
import Platform

/// `smartmlops serve`: the platform server alone, for a team or for tests.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the platform API server.",
        discussion: """
            The local administrator's bearer token is kept in DATA/local-token (mode 0600) and reused \
            across restarts; it is never printed.
            """)

    @Option(help: ArgumentHelp("Address to listen on, host:port.", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("Data directory (default: $XDG_DATA_HOME/smartmlops/server).", valueName: "dir"))
    var data: String?

    @Flag(help: "Seed demo teams, applications and events if the platform is empty.")
    var demo = false

    @Option(help: ArgumentHelp("OIDC issuer whose access tokens are accepted (e.g. a Keycloak realm URL).", valueName: "url"))
    var oidcIssuer: String?

    @Option(help: ArgumentHelp("Audience OIDC access tokens must carry (required with --oidc-issuer).", valueName: "aud"))
    var oidcAudience: String?

    @Option(help: ArgumentHelp("Public client id the cabinet uses for the device flow.", valueName: "id"))
    var oidcClientId: String?

    @Option(help: ArgumentHelp("JWKS URL (default: jwks_uri of the issuer's openid-configuration).", valueName: "url"))
    var oidcJwksUrl: String?

    @Option(help: ArgumentHelp("Seconds exp, nbf and iat may be off this server's clock.", valueName: "seconds"))
    var oidcClockSkew: Double = 60

    @Option(help: ArgumentHelp("OIDC group whose members are platform admins.", valueName: "group"))
    var adminGroup: String?

    @Option(help: ArgumentHelp(
        "What runs components: none (specs are only stored) or local (ML components and pipeline stages with spec.run are started as processes of this machine, each confined by bubblewrap: docs/security.md).",
        valueName: "none|local"))
    var driver = "none"

    @Option(help: ArgumentHelp("Seconds a connection may send nothing (its request head or body unfinished, or between requests) before it is closed.", valueName: "seconds"))
    var idleTimeout: Int = 30

    @Option(help: ArgumentHelp("Connections open at once; one more is answered 503.", valueName: "n"))
    var maxConnections: Int = PlatformLimits().maxConnections

    @Option(help: ArgumentHelp("Event streams and followed logs one user may hold open at once; one more is answered 429.", valueName: "n"))
    var streamsPerUser: Int = PlatformLimits().streamsPerUser

    func run() async throws {
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1 to 3600 seconds") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard streamsPerUser >= 1 else { throw ValidationError("--streams-per-user must be at least 1") }
        guard let address = ListenAddress(listen) else {
            throw ValidationError("--listen must be host:port (for example 127.0.0.1:8080), got \(listen)")
        }
        guard ["none", "local"].contains(driver) else {
            throw ValidationError("--driver must be none or local, got \(driver)")
        }
        let oidc = try oidcConfiguration()
        let environment = ProcessInfo.processInfo.environment
        guard let dataDirectory = data.map({ URL(fileURLWithPath: $0) })
            ?? XDGDirectories(application: "smartmlops", environment: environment).data
                .map({ URL(fileURLWithPath: $0).appendingPathComponent("server") }) else {
            throw ValidationError("no data directory: set HOME or XDG_DATA_HOME to an absolute path, or give --data")
        }
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let tokenFile = dataDirectory.appendingPathComponent("local-token")
        let token = try LocalToken.loadOrCreate(at: tokenFile)

        // Logs go to stderr; stdout carries only the line that says where the server listens.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "smartmlops.platform")
        logger.logLevel = .info
        var configuration = PlatformConfiguration(dataDirectory: dataDirectory, host: address.host, port: address.port, demo: demo,
                                                  localUser: LocalUser.current(environment: environment), localToken: token, oidc: oidc)
        configuration.runsComponents = driver == "local"
        configuration.limits.idleTimeout = .seconds(idleTimeout)
        configuration.limits.maxConnections = maxConnections
        configuration.limits.streamsPerUser = streamsPerUser
        let platform = try await PlatformServer.start(configuration, logger: logger)
        // Written unbuffered: scripts and tests read this line to learn the port.
        FileHandle.standardOutput.write(Data("smartmlops platform listening on \(platform.url.absoluteString); local token in \(tokenFile.path)\n".utf8))
        // SIGTERM or SIGINT: the components' processes are stopped first (they would otherwise
        // outlive the server), then the process ends; every committed write is already on disk.
        let signals = handleSignals([SIGTERM, SIGINT]) { _ in
            await platform.stopComponents()
            Foundation.exit(0)
        }
        defer { signals.forEach { $0.cancel() } }
        try await withTaskCancellationHandler {
            try await platform.wait()
        } onCancel: {
            Task { await platform.stop() }
        }
    }
}

extension ServeCommand {
    func oidcConfiguration() throws -> OIDCConfiguration? {
        guard let oidcIssuer else {
            if oidcAudience != nil || oidcClientId != nil || oidcJwksUrl != nil || adminGroup != nil {
                throw ValidationError("--oidc-audience, --oidc-client-id, --oidc-jwks-url and --admin-group need --oidc-issuer")
            }
            return nil
        }
        guard let oidcAudience, !oidcAudience.isEmpty else { throw ValidationError("--oidc-issuer needs --oidc-audience") }
        guard oidcClockSkew >= 0, oidcClockSkew <= 3600 else { throw ValidationError("--oidc-clock-skew must be 0 to 3600 seconds") }
        var jwks: URL?
        if let oidcJwksUrl {
            guard let url = URL(string: oidcJwksUrl), url.scheme == "https" || url.scheme == "http" else {
                throw ValidationError("--oidc-jwks-url must be an http(s) URL")
            }
            jwks = url
        }
        return OIDCConfiguration(issuer: oidcIssuer, audience: oidcAudience, clientID: oidcClientId, jwksURL: jwks,
                                 clockSkew: oidcClockSkew, adminGroup: adminGroup)
    }
}

/// `host:port`, `[v6]:port` or `:port` (all interfaces).
struct ListenAddress: Equatable {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "0.0.0.0" }
        self.host = host
        self.port = port
    }
}

/// The serve command's local token: made once from the CSPRNG, kept 0600 beside the data.
enum LocalToken {
    static func loadOrCreate(at url: URL) throws -> String {
        if let existing = try? String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), existing.count >= 32 {
            return existing
        }
        let token = PlatformServer.randomToken()
        try AtomicFile.write(Data(token.utf8), to: url, permissions: 0o600)
        return token
    }
}
