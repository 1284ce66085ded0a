import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Model

/// Runs ML components that carry a `spec.run` command as processes on this machine:
/// Развертывается (deploying) until the service accepts connections on its port, then Развернуто
/// (deployed); an exit or a health check that never passes is Ошибка развертывания (failed),
/// with the exit code and the last lines of output in the event, and the process is started again
/// after a growing pause. Components without `run` are not this driver's: their stored status
/// stays as it is.
///
/// Locally every service gets a free loopback port in `$PORT` (also `$UNIP_SERVICE_PORT`) instead
/// of its `servicePort`, so that two applications' services never collide.
package actor LocalDriver: DeployDriver {
    package struct Settings: Sendable {
        /// How long a start may take before the health check gives up.
        package var healthTimeout: Duration = .seconds(60)
        /// The first pause before a restart; it doubles up to `maxBackoff`.
        package var backoff: Duration = .seconds(1)
        package var maxBackoff: Duration = .seconds(60)
        package var logBytes = 1 << 20

        package init() {}
    }

    private struct Key: Hashable {
        var application: String
        var component: String
    }

    private final class Instance: @unchecked Sendable {
        var generation = 0
        var process: SupervisedProcess?
        var port = 0
        /// Passed its health check since its last start.
        var serving = false
        var wanted = true
        var failures = 0
        /// Starts after the first one (kube-state-metrics' restarts).
        var restarts = 0
        var launches = 0
        var log: BoundedLog
        var namespace: String
        var spec: MLComponentSpec

        init(log: BoundedLog, namespace: String, spec: MLComponentSpec) {
            self.log = log
            self.namespace = namespace
            self.spec = spec
        }
    }

    private let store: PlatformStore
    private let directory: URL
    private let settings: Settings
    private var instances: [Key: Instance] = [:]
    private let runner: PipelineRunner
    private var routes = RouteMetrics()

    private let confinement: Confinement?

    package init(store: PlatformStore, directory: URL, settings: Settings = Settings()) {
        self.store = store
        self.directory = directory
        self.settings = settings
        confinement = Confinement.locate(hiding: [directory])
        self.runner = PipelineRunner(store: store, directory: directory, confinement: confinement)
    }

    /// What a component's environment starts from: the host's PATH and locale, a home and a
    /// temporary folder of its own (the sandbox's `/tmp`); nothing else of the platform's.
    static func sandboxEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { ["PATH", "LANG", "LC_ALL", "PYTHONPATH"].contains($0.key) }
        environment["HOME"] = "/tmp"
        environment["TMPDIR"] = "/tmp"
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        return environment
    }

    /// A box name that is one path segment.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// Starts every runnable component the store holds (after a restart of the platform).
    package func resume() async {
        guard let all = try? await store.allComponents() else { return }
        for item in all { await apply(application: item.application, namespace: item.namespace, component: item.component) }
    }

    package func apply(application: String, namespace: String, component: Component) async {
        let key = Key(application: application, component: component.name)
        if case .experimentPipeline(let spec) = component.spec, !spec.stages.isEmpty, spec.stages.allSatisfy({ $0.run != nil }) {
            await report(key, .deployed, .normal, "ReadyToRun", .readyToRun(stages: spec.stages.map(\.name)))
            return
        }
        guard case .mlComponent(let spec) = component.spec, spec.run != nil else {
            // No longer runnable here (its run command was removed): stop what ran.
            if let instance = instances.removeValue(forKey: key) { await stop(instance) }
            await syncRoutes(application)
            return
        }
        let instance: Instance
        if let existing = instances[key] {
            await stop(existing)
            existing.spec = spec
            existing.namespace = namespace
            existing.wanted = true
            existing.failures = 0
            instance = existing
        } else {
            instance = Instance(log: BoundedLog(url: logURL(key), maxBytes: settings.logBytes), namespace: namespace, spec: spec)
            instances[key] = instance
        }
        await launch(key, instance)
    }

    package func remove(application: String, component: String) async {
        let key = Key(application: application, component: component)
        if let instance = instances.removeValue(forKey: key) {
            await stop(instance)
            instance.log.close()
        }
        try? FileManager.default.removeItem(at: logURL(key))
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: logURL(key).path + ".1"))
        await runner.remove(application: application, pipeline: component)
        routes.remove(application: application, api: component)
    }

    package func removeApplication(_ application: String) async {
        for key in instances.keys where key.application == application {
            await remove(application: application, component: key.component)
        }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("logs").appendingPathComponent(application))
        DataBoxFiles(directory: directory).removeApplication(application)
        routes.remove(application: application)
        await runner.remove(application: application, pipeline: nil)
    }

    package func perform(_ action: ComponentAction, application: String, namespace: String, component: Component) async -> Bool {
        let key = Key(application: application, component: component.name)
        guard case .mlComponent(let spec) = component.spec, spec.run != nil else { return false }
        switch action {
        case .start, .restart:
            await apply(application: application, namespace: namespace, component: component)
        case .stop:
            guard let instance = instances[key] else { return true }
            instance.wanted = false
            await stop(instance)
            instance.log.note("stopped on request")
            await report(key, .stopped, .normal, "Stopped", .stoppedOnRequest)
        }
        return true
    }

    package func logURL(application: String, component: String) async -> URL? {
        logURL(Key(application: application, component: component))
    }

    package func servicePort(application: String, component: String) async -> Int? {
        guard let instance = instances[Key(application: application, component: component)], instance.serving,
              let process = instance.process, !process.hasExited else { return nil }
        return instance.port
    }

    package func shutdown() async {
        for instance in instances.values {
            instance.wanted = false
            await stop(instance)
            instance.log.close()
        }
        instances.removeAll()
        await runner.shutdown()
    }

    package func recordRoute(application: String, namespace: String, api: String, status: Int, seconds: Double) async {
        routes.record(application: application, namespace: namespace, api: api, status: status, seconds: seconds)
    }

    package func metricsExposition() async -> String {
        var cpu = ["# HELP container_cpu_usage_seconds_total CPU time of a component's processes (cAdvisor's name).",
                   "# TYPE container_cpu_usage_seconds_total counter"]
        var memory = ["# HELP container_memory_working_set_bytes Resident memory of a component's processes (cAdvisor's name).",
                      "# TYPE container_memory_working_set_bytes gauge"]
        var restarts = ["# HELP kube_pod_container_status_restarts_total Restarts of a component (kube-state-metrics' name).",
                        "# TYPE kube_pod_container_status_restarts_total counter"]
        var logLines = ["# HELP smartmlops_component_log_lines_total Lines a component's processes wrote to their log.",
                        "# TYPE smartmlops_component_log_lines_total counter"]
        for (key, instance) in instances.sorted(by: { ($0.key.application, $0.key.component) < ($1.key.application, $1.key.component) }) {
            let labels = "namespace=\"\(instance.namespace)\",pod=\"\(key.component)-0\",container=\"\(key.component)\""
            let usage = instance.process.map { ProcessGroupUsage.of(group: $0.pid) } ?? .init(cpuSeconds: 0, residentBytes: 0, processes: 0)
            cpu.append("container_cpu_usage_seconds_total{\(labels)} \(usage.cpuSeconds)")
            memory.append("container_memory_working_set_bytes{\(labels)} \(usage.residentBytes)")
            restarts.append("kube_pod_container_status_restarts_total{\(labels)} \(instance.restarts)")
            logLines.append("smartmlops_component_log_lines_total{\(labels)} \(instance.log.lineCount)")
        }
        var volumes = ["# HELP kubelet_volume_stats_used_bytes Bytes stored in a data box (kubelet's name for a volume).",
                       "# TYPE kubelet_volume_stats_used_bytes gauge",
                       "# HELP kubelet_volume_stats_capacity_bytes A data box's capacity.",
                       "# TYPE kubelet_volume_stats_capacity_bytes gauge"]
        let files = DataBoxFiles(directory: directory)
        for item in (try? await store.allComponents()) ?? [] {
            guard case .dataBox(let spec) = item.component.spec else { continue }
            let labels = "namespace=\"\(item.namespace)\",persistentvolumeclaim=\"\(item.component.name)\""
            volumes.append("kubelet_volume_stats_used_bytes{\(labels)} \(files.used(application: item.application, box: item.component.name))")
            volumes.append("kubelet_volume_stats_capacity_bytes{\(labels)} \((spec.capacity ?? .dataBoxDefault).bytes)")
        }
        return (cpu + memory + restarts + logLines + volumes).joined(separator: "\n") + "\n" + routes.exposition()
    }

    package func startRun(application: String, pipeline: Component, inputs: [String: BoxPath], user: String,
                          boxes: [String: DataBoxSpec]) async throws(RunRefusal) -> PipelineRunRecord {
        try await runner.start(application: application, pipeline: pipeline, inputs: inputs, user: user, boxes: boxes)
    }

    package func runs(application: String, pipeline: String) async -> [PipelineRunRecord] {
        await runner.runs(application: application, pipeline: pipeline)
    }

    package func run(application: String, pipeline: String, id: String) async -> PipelineRunRecord? {
        await runner.run(application: application, pipeline: pipeline, id: id)
    }

    package func cancelRun(application: String, pipeline: String, id: String) async -> CancelOutcome {
        await runner.cancel(application: application, pipeline: pipeline, id: id)
    }

    package func runLogURL(application: String, pipeline: String, id: String) async -> URL? {
        await runner.logURL(application: application, pipeline: pipeline, id: id)
    }


    // MARK: - Running

    private func logURL(_ key: Key) -> URL {
        directory.appendingPathComponent("logs").appendingPathComponent(key.application).appendingPathComponent("\(key.component).log")
    }

    private func boxURL(application: String, box: String) -> URL {
        DataBoxFiles(directory: directory).boxURL(application: application, box: box)
    }

    private func launch(_ key: Key, _ instance: Instance) async {
        guard let run = instance.spec.run else { return }
        instance.generation += 1
        instance.serving = false
        instance.launches += 1
        if instance.launches > 1 { instance.restarts += 1 }
        let generation = instance.generation
        instance.port = Self.freePort() ?? 0
        var environment = Self.sandboxEnvironment()
        for variable in instance.spec.env + run.env { environment[variable.name] = variable.value }
        environment["PORT"] = String(instance.port)
        environment["UNIP_SERVICE_PORT"] = String(instance.port)
        environment["UNIP_NAMESPACE"] = instance.namespace
        environment["UNIP_COMPONENT"] = key.component
        // Inside the sandbox a component sees its application's boxes it names, and nothing else
        // of the platform's data: the model box at /boxes/<box>, each connected box at its
        // mountPath (or /boxes/<box>).
        var mounts: [Confinement.Mount] = []
        func mount(box: String, at target: String) {
            let url = boxURL(application: key.application, box: box)
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard !mounts.contains(where: { $0.target == target }) else { return }
            mounts.append(.init(source: url.path, target: target, writable: true))
        }
        if let box = instance.spec.modelBox, Self.isPlainName(box) {
            mount(box: box, at: "/boxes/\(box)")
            environment["UNIP_MODEL_BOX"] = "/boxes/\(box)"
            if let path = instance.spec.modelPath {
                environment["UNIP_MODEL_PATH"] = "/boxes/\(box)/" + path.drop(while: { $0 == "/" })
            }
        }
        for connected in instance.spec.connectedBoxes where Self.isPlainName(connected.name) {
            let target = connected.mountPath ?? "/boxes/\(connected.name)"
            mount(box: connected.name, at: target)
            environment["UNIP_BOX_\(PipelineRunner.envName(connected.name))"] = target
        }
        instance.log.note("starting `\(run.command)` on 127.0.0.1:\(instance.port)")
        await report(key, .deploying, .normal, "Deploying", .starting(command: run.command, port: instance.port))
        do {
            guard let confinement else { throw Confinement.Refusal.noBubblewrap }
            let launch = try confinement.argv(script: SupervisedProcess.script(for: run.command), workdir: run.workdir, mounts: mounts)
            instance.process = try SupervisedProcess(argv: launch.argv, environment: environment, passing: launch.descriptors, log: instance.log) { code in
                Task { await self.exited(key, generation: generation, code: code) }
            }
        } catch {
            instance.log.note("\(error)")
            await failed(key, instance) { .didNotStart(reason: "\(error)", detail: $0) }
            return
        }
        Task { await self.checkHealth(key, generation: generation) }
    }

    private func checkHealth(_ key: Key, generation: Int) async {
        let timeout = instances[key]?.spec.run?.healthTimeoutSeconds.map { Duration.seconds(max(1, $0)) } ?? settings.healthTimeout
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let instance = instances[key], instance.generation == generation, let process = instance.process,
                  !process.hasExited else { return }
            if await Self.healthy(port: instance.port, path: instance.spec.run?.healthPath) {
                instance.failures = 0
                instance.serving = true
                instance.log.note("listening on 127.0.0.1:\(instance.port)")
                await report(key, .deployed, .normal, "Deployed", .serving(port: instance.port))
                return
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        guard let instance = instances[key], instance.generation == generation else { return }
        let seconds = timeout.components.seconds
        let check = instance.spec.run?.healthPath.map { "GET \($0) did not answer" } ?? "no connection"
        instance.log.note("\(check) on 127.0.0.1:\(instance.port) after \(seconds) s")
        instance.generation += 1
        await stop(instance)
        await failed(key, instance) { .healthCheckFailed(path: instance.spec.run?.healthPath, seconds: Int(seconds), detail: $0) }
    }

    private func exited(_ key: Key, generation: Int, code: Int32) async {
        guard let instance = instances[key], instance.generation == generation, instance.wanted else { return }
        instance.serving = false
        instance.generation += 1
        instance.log.note("exited with code \(code)")
        await failed(key, instance) { .exited(code: code, detail: $0) }
    }

    /// Ошибка развертывания with the last lines of output, then a restart after a growing pause.
    private func failed(_ key: Key, _ instance: Instance, message: (_ output: String) -> EventMessage) async {
        await report(key, .failed, .warning, "Failed", message(instance.log.recentLines(5).joined(separator: "\n")))
        instance.failures += 1
        let pause = min(settings.backoff * (1 << min(instance.failures - 1, 16)), settings.maxBackoff)
        let generation = instance.generation
        Task {
            try? await Task.sleep(for: pause)
            await self.restartIfStill(key, generation: generation)
        }
    }

    private func restartIfStill(_ key: Key, generation: Int) async {
        guard let instance = instances[key], instance.generation == generation, instance.wanted else { return }
        await launch(key, instance)
    }

    private func stop(_ instance: Instance) async {
        instance.generation += 1
        instance.serving = false
        guard let process = instance.process else { return }
        instance.process = nil
        if !process.hasExited { await process.stop() }
    }

    private func report(_ key: Key, _ phase: Phase, _ type: EventType, _ reason: String, _ message: EventMessage) async {
        _ = try? await store.setStatus(application: key.application, component: key.component, phase: phase, type: type,
                                       reason: reason, message: message, at: Date())
        await syncRoutes(key.application)
    }

    /// An API component follows the ML component it publishes: Развернуто only while that one
    /// serves (so its route works the moment it says so), waiting while it deploys, failed or
    /// stopped with it. Targets this driver does not run keep their API components as stored.
    private func syncRoutes(_ application: String) async {
        guard let app = try? await store.application(slug: application),
              let components = try? await store.components(ofApplication: application) else { return }
        let namespace = app.namespace
        for api in components {
            guard case .apiComponent(let spec) = api.spec, let targetName = spec.mlComponent?.name,
                  let target = components.first(where: { $0.name == targetName }),
                  case .mlComponent(let targetSpec) = target.spec, targetSpec.run != nil else { continue }
            let route = "/\(namespace)/\(spec.restfulApi.path)/predict"
            let serving = instances[Key(application: application, component: targetName)].map { instance in
                instance.serving && instance.process.map { !$0.hasExited } ?? false
            } ?? false
            let desired: (Phase, EventType, String, EventMessage)
            if !spec.published {
                desired = (.stopped, .normal, "NotPublished", EventMessage.notPublished)
            } else if target.status?.phase == .deployed && serving {
                desired = (.deployed, .normal, "Published", .published(route: route, target: targetName))
            } else if target.status?.phase == .failed {
                desired = (.failed, .warning, "TargetFailed", .targetFailed(target: targetName, detail: target.status?.message ?? ""))
            } else if target.status?.phase == .stopped {
                desired = (.stopped, .normal, "TargetStopped", .targetStopped(target: targetName))
            } else {
                desired = (.deploying, .normal, "WaitingForTarget", .waitingForTarget(target: targetName))
            }
            guard api.status?.phase != desired.0 || api.status?.reason != desired.2 else { continue }
            _ = try? await store.setStatus(application: application, component: api.name, phase: desired.0, type: desired.1,
                                           reason: desired.2, message: desired.3, at: Date())
        }
    }

    // MARK: - Sockets

    /// `preferred` when it is free, else any free one.
    package static func freePort(preferring preferred: Int?) -> Int? {
        if let preferred, (1...65535).contains(preferred), freePort(probing: preferred) != nil { return preferred }
        return freePort()
    }

    /// A port the kernel says is free on loopback right now: `port` if it is, or any (0).
    package static func freePort(probing port: Int = 0) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { return nil }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// TCP, or HTTP when the run names a path: any answer below 500 counts.
    static func healthy(port: Int, path: String?) async -> Bool {
        guard accepts(port: port) else { return false }
        guard let path else { return true }
        let normalized = path.hasPrefix("/") ? path : "/" + path
        guard let url = URL(string: "http://127.0.0.1:\(port)\(normalized)") else { return false }
        var request = URLRequest(url: url, timeoutInterval: 2)
        request.httpMethod = "GET"
        guard let (_, response) = try? await URLSession.shared.data(for: request),
              let status = (response as? HTTPURLResponse)?.statusCode else { return false }
        return status < 500
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` (loopback answers at once).
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
