import Foundation
import Synchronization
import Hummingbird
import Logging
import Model
import NIOCore
import OpenAPIHummingbird
import ServiceLifecycle

/// What a platform needs to run: where its data lives, where it listens, and who is the local user.
public struct PlatformConfiguration: Sendable {
    public var dataDirectory: URL
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var demo: Bool
    public var localUser: User
    /// nil makes a random one.
    public var localToken: String?
    /// nil accepts no OIDC tokens.
    public var oidc: OIDCConfiguration?
    /// Whether ML components with a `spec.run` command are started as processes on this machine.
    /// That runs whatever command an API caller writes, as this process's user: right for the
    /// cabinet's embedded platform (its only caller is that user), opt-in for a shared server.
    public var runsComponents = false
    /// Body sizes, timeouts and caps (docs/security.md).
    public var limits = PlatformLimits()

    public init(dataDirectory: URL, host: String = "127.0.0.1", port: Int = 0, demo: Bool = false,
                localUser: User, localToken: String? = nil, oidc: OIDCConfiguration? = nil) {
        self.oidc = oidc
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.demo = demo
        self.localUser = localUser
        self.localToken = localToken
    }
}

/// A platform that is listening: its URL and the bearer token of its local user.
public final class RunningPlatform: Sendable {
    public let url: URL
    public let token: String
    private let task: Task<Void, any Error>
    private let group: ServiceGroup
    private let driver: any DeployDriver

    init(url: URL, token: String, task: Task<Void, any Error>, group: ServiceGroup, driver: any DeployDriver) {
        self.url = url
        self.token = token
        self.task = task
        self.group = group
        self.driver = driver
    }

    /// Stops the components it runs (their processes) and leaves the server as it is: for a
    /// process about to exit, where tearing the server down could meet a request in flight.
    public func stopComponents() async {
        await driver.shutdown()
    }

    /// Stops listening and waits until the server has closed: a graceful shutdown first (no new
    /// connections, the requests in flight answered, endless streams ended), cancellation only
    /// if that has not finished within `grace`.
    ///
    /// Not cancellation first: cancelling the server while NIO holds connections it accepted but
    /// the server has not yet taken up kills the process ("Deinited NIOAsyncWriter without calling
    /// finish()", apple/swift-nio#2813). A burst of clients at the moment of a stop found it.
    public func stop(grace: Duration = .seconds(5)) async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let deadline = Task {
            try await Task.sleep(for: grace)
            task.cancel()
        }
        _ = await task.result
        deadline.cancel()
    }

    /// Waits until the server stops by itself (a signal, a fatal error).
    public func wait() async throws {
        try await task.value
    }
}

/// The embeddable platform server: one call starts it on a loopback port.
public enum PlatformServer {
    /// Opens (and migrates) the data directory, seeds demo data if asked, binds, and returns once
    /// the server accepts connections.
    public static func start(_ configuration: PlatformConfiguration, logger: Logger = Logger(label: "smartmlops.platform", factory: { _ in SwiftLogNoOpLogHandler() })) async throws -> RunningPlatform {
        let store = try PlatformStore(directory: configuration.dataDirectory)
        try await store.ensureUser(configuration.localUser)
        if configuration.demo {
            try await DemoData.seedIfEmpty(store, localUser: configuration.localUser, now: Date())
        }
        let token = configuration.localToken ?? randomToken()
        let driver: any DeployDriver = configuration.runsComponents
            ? LocalDriver(store: store, directory: configuration.dataDirectory) : NoDriver()
        let router = try makeRouter(store: store, tokens: TokenAuthority(localToken: token, localUser: configuration.localUser, store: store,
                                                                          oidc: configuration.oidc),
                                    oidc: configuration.oidc,
                                    driver: driver, directory: configuration.runsComponents ? configuration.dataDirectory : nil,
                                    limits: configuration.limits)

        let bound = BoundPort()
        let limits = configuration.limits
        let connections = ConnectionCapHandler.Counter(limit: limits.maxConnections)
        let idle = limits.idleTimeout.components
        let app = Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ConnectionCapHandler(counter: connections)],
                idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "smartmlops"),
            onServerRunning: { channel in bound.resolve(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        // Our own group, not `app.runService()`: `stop()` needs its graceful shutdown, and signals
        // stay with the commands (serve stops the components first).
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do {
                try await group.run()
                await driver.shutdown()
                bound.resolve(.failure(PlatformStartError.stoppedBeforeListening))
            } catch {
                await driver.shutdown()
                bound.resolve(.failure(error))
                throw error
            }
        }
        let port = try await bound.value
        if let local = driver as? LocalDriver { await local.resume() }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return RunningPlatform(url: URL(string: "http://\(host):\(port)")!, token: token, task: task, group: group, driver: driver)
    }

    static func makeRouter(store: PlatformStore, tokens: TokenAuthority, oidc: OIDCConfiguration? = nil, driver: any DeployDriver = NoDriver(),
                           directory: URL? = nil, limits: PlatformLimits = PlatformLimits()) throws -> Router<BasicRequestContext> {
        let router = Router()
        let metrics = PlatformMetrics()
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware(redacting: [URL(fileURLWithPath: store.pool.path).deletingLastPathComponent().path]))
        let routes = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(table: routes))
        router.add(middleware: BearerAuthMiddleware(tokens: tokens))
        router.add(middleware: BodyLimitMiddleware(limit: limits.apiBody))
        router.add(middleware: EndlessResponseMiddleware())
        let changes = StoreChanges(store: store)
        let streams = OpenStreams(tokens: tokens, changes: changes, perUser: limits.streamsPerUser)
        let hub = EventHub(store: store, changes: changes, metrics: metrics)
        try PlatformAPI(store: store, metrics: metrics, oidc: oidc, driver: driver, hub: hub, streams: streams, limits: limits).registerHandlers(
            on: RecordingTransport(router: router, table: routes), configuration: .platform,
            middlewares: [ETagMiddleware(cache: ResponseCache(store: store))])
        if let directory {
            NamespaceRoutes(store: store, driver: driver, files: DataBoxFiles(directory: directory), limits: limits).register(on: router)
        }
        return router
    }

    /// 256 bits from the system's CSPRNG, hex-encoded.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

public enum PlatformStartError: Error, CustomStringConvertible {
    case stoppedBeforeListening

    public var description: String { "the platform server stopped before it started listening" }
}

/// Hands the bound port (or the failure to bind) from the server task to `start`, exactly once.
private final class BoundPort: Sendable {
    private let state = Mutex<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>((nil, nil))

    func resolve(_ result: Result<Int, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Int, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    var value: Int {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> Result<Int, any Error>? in
                    if let result = state.result { return result }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }
}
