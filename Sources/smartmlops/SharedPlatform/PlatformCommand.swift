import ArgumentParser
import ConfigFormat
import Foundation
import Glibc
import Platform

/// `smartmlops platform`: the embedded platform that one user's cabinets share. A cabinet with no
/// `--server` starts it (detached from its terminal) or connects to the one running; it stops
/// once the last cabinet has left, unless it runs with `--stay` as a user service.
struct PlatformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform",
        abstract: "The embedded platform your cabinets share: run it as a service, see it, stop it.",
        discussion: """
            Cabinets started without --server share one embedded platform per data directory: the \
            first starts it in the background, the others connect to it, and it stops (with the \
            components it runs and its VictoriaMetrics) when the last of them has left. Its address \
            is recorded under $XDG_RUNTIME_DIR/smartmlops; its log is DATA/platform.log.
            """,
        subcommands: [Run.self, Status.self, Stop.self])

    struct Location: ParsableArguments {
        @Option(help: ArgumentHelp("Data directory of the embedded platform (default: $XDG_DATA_HOME/smartmlops/local).", valueName: "dir"))
        var data: String?

        func files(environment: [String: String]) throws -> (data: URL, files: SharedPlatformFiles) {
            let data = try EmbeddedPlatform.dataDirectory(data, environment: environment)
            return (data, try SharedPlatformFiles.of(dataDirectory: data, environment: environment))
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the embedded platform in the foreground (cabinets started meanwhile use it).")

        @OptionGroup var location: Location

        @Flag(help: "Seed demo teams, applications and events if the platform is empty.")
        var demo = false

        @Flag(help: "Keep running when no cabinet is left (a user service); `smartmlops platform stop` ends it.")
        var stay = false

        @Option(help: ArgumentHelp("Seconds it waits, once the last cabinet has left, for another to come.", valueName: "seconds"))
        var linger: Double = 2

        @Option(help: .hidden) var port: Int?
        @Option(help: .hidden) var metricsPort: Int?

        /// Started by a cabinet that holds the start lock for it.
        @Flag(help: .hidden) var spawned = false

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let (dataDirectory, files) = try location.files(environment: environment)
            let starting = spawned ? nil : try FileLock(files.lock)
            starting?.lock(shared: false)
            if let running = files.readRecord(), running.isAlive, running.pid != getpid() {
                throw ValidationError("the platform of \(dataDirectory.path) already runs: pid \(running.pid), \(running.url)")
            }
            let lease = try FileLock(files.lease)
            let token = try LocalToken.loadOrCreate(at: dataDirectory.appendingPathComponent("local-token"))
            var configuration = PlatformConfiguration(dataDirectory: dataDirectory, port: port ?? 0, demo: demo,
                                                      localUser: LocalUser.current(environment: environment), localToken: token)
            // The embedded platform's only caller is this user: it may run their components.
            configuration.runsComponents = true
            let platform: RunningPlatform
            do {
                platform = try await PlatformServer.start(configuration)
            } catch where configuration.port != 0 {
                // The port the last platform had (so that cabinets still open find this one) is taken.
                configuration.port = 0
                platform = try await PlatformServer.start(configuration)
            }
            var record = PlatformRecord(pid: getpid(), url: platform.url.absoluteString, port: platform.url.port ?? 0, dataDirectory: dataDirectory.path)
            var metrics: EmbeddedMetrics?
            if EmbeddedMetrics.executable() != nil {
                do {
                    metrics = try await EmbeddedMetrics.start(dataDirectory: dataDirectory.appendingPathComponent("metrics"),
                                                              scrape: platform.url, token: platform.token, port: metricsPort)
                    record.metricsURL = metrics?.url.absoluteString
                } catch {
                    record.metricsProblem = "victoria-metrics: \(error)"
                }
            }
            try files.write(record)
            starting?.unlock()
            FileHandle.standardOutput.write(Data("smartmlops platform listening on \(platform.url.absoluteString) (pid \(getpid()))\n".utf8))

            let ownMetrics = metrics
            let stop: @Sendable (String) async -> Never = { why in
                // The record goes first: no cabinet connects to a platform on its way out.
                files.removeRecord(of: getpid())
                await platform.stopComponents()
                await ownMetrics?.stop()
                FileHandle.standardOutput.write(Data("smartmlops platform stopped: \(why)\n".utf8))
                Foundation.exit(0)
            }
            let signals = handleSignals([SIGTERM, SIGINT, SIGHUP]) { number in await stop("signal \(number)") }
            defer { signals.forEach { $0.cancel() } }
            let server = Task {
                try? await platform.wait()
                await stop("the server ended")
            }
            defer { server.cancel() }
            // As a user service it runs until a signal or the server's end, each of which exits.
            if stay { await server.value }
            // No cabinet holds the lease: it has been free for `linger`, then taken and kept while
            // stopping, so that a cabinet arriving now waits and then starts a new platform.
            var freeSince: ContinuousClock.Instant?
            let linger = Duration.milliseconds(Int(max(0, self.linger) * 1000))
            while true {
                try await Task.sleep(for: .milliseconds(200))
                guard lease.tryLock(shared: false) else {
                    freeSince = nil
                    continue
                }
                let now = ContinuousClock.now
                if let since = freeSince, now - since >= linger { await stop("no cabinet left") }
                freeSince = freeSince ?? now
                lease.unlock()
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the embedded platform runs, and where (exit 3 if not).")

        @OptionGroup var location: Location

        func run() throws {
            let (dataDirectory, files) = try location.files(environment: ProcessInfo.processInfo.environment)
            guard let record = files.readRecord(), record.isAlive else {
                print("the platform of \(dataDirectory.path) is not running")
                throw ExitCode(3)
            }
            print("running: pid \(record.pid), \(record.url)")
            print("metrics: \(record.metricsURL ?? record.metricsProblem ?? "none (victoria-metrics is not installed)")")
            print("data: \(record.dataDirectory)")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the embedded platform (with its components); open cabinets show it as unreachable.")

        @OptionGroup var location: Location

        func run() async throws {
            let (dataDirectory, files) = try location.files(environment: ProcessInfo.processInfo.environment)
            guard let record = files.readRecord(), record.isAlive else {
                print("the platform of \(dataDirectory.path) is not running")
                return
            }
            kill(record.pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(15)
            while record.isAlive, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            guard !record.isAlive else { throw ValidationError("pid \(record.pid) did not stop within 15 s") }
            print("stopped: pid \(record.pid)")
        }
    }
}
