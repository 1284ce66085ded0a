import Foundation
import Glibc
import Model

/// One run of a pipeline as it is kept on disk (`DATA/runs/<app>/<pipeline>/<id>/run.json`).
package struct PipelineRunRecord: Codable, Sendable, Equatable {
    package enum State: String, Codable, Sendable {
        case pending, running, succeeded, failed, cancelled

        var finished: Bool { [.succeeded, .failed, .cancelled].contains(self) }
    }

    package struct Change: Codable, Sendable, Equatable {
        package var state: State
        package var time: Date
    }

    package struct Stage: Codable, Sendable, Equatable {
        package var name: String
        package var state: State
        package var exitCode: Int32?
        package var history: [Change]
    }

    package var id: String
    package var pipeline: String
    package var state: State
    package var message: String?
    package var createdAt: Date
    package var finishedAt: Date?
    package var stages: [Stage]
    /// Output variable → files under its folder, relative to it, once the run is over.
    package var outputs: [String: [String]] = [:]
}

package struct BoxPath: Sendable, Equatable {
    package var box: String
    package var path: String

    package init(box: String, path: String) {
        self.box = box
        self.path = path
    }
}

package enum RunRefusal: Error, Equatable {
    /// This platform does not run pipelines, or a stage has no `run` command.
    case notRunHere(String)
    case invalid(field: String, message: String)
}

package enum CancelOutcome: Sendable {
    case notFound
    case alreadyFinished(PipelineRunRecord)
    case cancelled(PipelineRunRecord)
}

/// Runs pipelines' stages in order as local processes. Variables become `UNIP_PIPELINE_<VAR>`:
/// an input variable (read before any stage writes it) is the path of the data-box file or group
/// the run names; every other variable is a folder of the run, made just before the stage that
/// writes it. Nothing is made before every input is known to exist.
actor PipelineRunner {
    private struct Key: Hashable {
        var application: String
        var pipeline: String
        var id: String
    }

    private let store: PlatformStore
    private let directory: URL
    private let files: DataBoxFiles
    private var records: [Key: PipelineRunRecord] = [:]
    private var current: [Key: SupervisedProcess] = [:]
    private var cancelling: Set<Key> = []

    private let confinement: Confinement?

    init(store: PlatformStore, directory: URL, confinement: Confinement?) {
        self.store = store
        self.directory = directory
        self.files = DataBoxFiles(directory: directory)
        self.confinement = confinement
    }

    private func runsURL(_ application: String, _ pipeline: String? = nil) -> URL {
        var url = directory.appendingPathComponent("runs").appendingPathComponent(application)
        if let pipeline { url.appendPathComponent(pipeline) }
        return url
    }

    private func runURL(_ key: Key) -> URL { runsURL(key.application, key.pipeline).appendingPathComponent(key.id) }

    /// The variables a run must be given: read by a stage before any earlier stage writes them.
    static func inputVariables(of spec: ExperimentPipelineSpec) -> [String] {
        var written: Set<String> = []
        var inputs: [String] = []
        for stage in spec.stages {
            for variable in stage.inputs.map(\.name) where !written.contains(variable) && !inputs.contains(variable) {
                inputs.append(variable)
            }
            written.formUnion(stage.outputs.map(\.name))
        }
        return inputs
    }

    func start(application: String, pipeline: Component, inputs: [String: BoxPath], user: String,
               boxes: [String: DataBoxSpec]) throws(RunRefusal) -> PipelineRunRecord {
        guard case .experimentPipeline(let spec) = pipeline.spec else {
            throw .invalid(field: "kind", message: "\(pipeline.name) is not a pipeline")
        }
        if let stage = spec.stages.first(where: { $0.run == nil }) {
            throw .notRunHere("stage \(stage.name) has no run command (spec.stages[].run) this platform could start")
        }
        // Every input must exist before anything is made.
        var inputPaths: [String: RunInput] = [:]
        for variable in Self.inputVariables(of: spec) {
            guard let given = inputs[variable] else {
                throw .invalid(field: "inputs.\(variable)", message: "input \(variable) is needed: a file or file group of a data box")
            }
            guard boxes[given.box] != nil else {
                throw .invalid(field: "inputs.\(variable).box", message: "no data box \(given.box) in this application")
            }
            let segments = given.path.split(separator: "/", omittingEmptySubsequences: true)
            guard let target = try? DataBoxFiles.target(segments: segments, trailingSlash: given.path.hasSuffix("/")),
                  let url = files.existing(application: application, box: given.box, user: user, target) else {
                throw .invalid(field: "inputs.\(variable).path", message: "\(given.box)/\(given.path) does not exist")
            }
            _ = url
            inputPaths[variable] = RunInput(box: given.box, user: user, target: target)
        }
        let unknown = Set(inputs.keys).subtracting(Self.inputVariables(of: spec))
        if let extra = unknown.sorted().first {
            throw .invalid(field: "inputs.\(extra)", message: "\(extra) is not an input of this pipeline")
        }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: runsURL(application, pipeline.name).path)) ?? []
        let id = String((existing.compactMap(Int.init).max() ?? 0) + 1)
        let now = Date()
        let record = PipelineRunRecord(
            id: id, pipeline: pipeline.name, state: .pending, createdAt: now,
            stages: spec.stages.map { .init(name: $0.name, state: .pending, history: [.init(state: .pending, time: now)]) })
        let key = Key(application: application, pipeline: pipeline.name, id: id)
        records[key] = record
        save(key)
        Task { await self.execute(key, spec: spec, inputPaths: inputPaths) }
        return record
    }

    func runs(application: String, pipeline: String) -> [PipelineRunRecord] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: runsURL(application, pipeline).path)) ?? []
        return ids.compactMap(Int.init).sorted(by: >).compactMap { run(application: application, pipeline: pipeline, id: String($0)) }
    }

    func run(application: String, pipeline: String, id: String) -> PipelineRunRecord? {
        let key = Key(application: application, pipeline: pipeline, id: id)
        if let record = records[key] { return record }
        guard Int(id) != nil, let data = FileManager.default.contents(atPath: runURL(key).appendingPathComponent("run.json").path) else { return nil }
        return try? Self.decoder.decode(PipelineRunRecord.self, from: data)
    }

    func cancel(application: String, pipeline: String, id: String) async -> CancelOutcome {
        let key = Key(application: application, pipeline: pipeline, id: id)
        guard let record = run(application: application, pipeline: pipeline, id: id) else { return .notFound }
        guard !record.state.finished, records[key] != nil else { return .alreadyFinished(record) }
        cancelling.insert(key)
        if let process = current[key] { await process.stop(grace: .seconds(2)) }
        // The stage's exit (if one ran) has been seen by now; make sure the run says so.
        if let record = records[key], !record.state.finished { finish(key, .cancelled, "Cancelled on request") }
        return .cancelled(run(application: application, pipeline: pipeline, id: id) ?? record)
    }

    func logURL(application: String, pipeline: String, id: String) -> URL? {
        guard Int(id) != nil else { return nil }
        let url = runURL(Key(application: application, pipeline: pipeline, id: id)).appendingPathComponent("run.log")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Cancels what runs and forgets the runs of a pipeline (nil: of the whole application).
    func remove(application: String, pipeline: String?) async {
        for key in records.keys where key.application == application && (pipeline == nil || key.pipeline == pipeline) {
            cancelling.insert(key)
            if let process = current[key] { await process.stop(grace: .seconds(2)) }
            records[key] = nil
        }
        try? FileManager.default.removeItem(at: runsURL(application, pipeline))
    }

    func shutdown() async {
        for (key, process) in current {
            cancelling.insert(key)
            await process.stop(grace: .seconds(2))
        }
    }

    // MARK: - Running

    /// A run's input as it was named: opened again (links refused) when its stage starts, and
    /// mounted by descriptor, so that nothing swapped in since reaches the stage.
    struct RunInput: Sendable {
        var box: String
        var user: String
        var target: DataBoxFiles.Target
    }

    private func execute(_ key: Key, spec: ExperimentPipelineSpec, inputPaths: [String: RunInput]) async {
        let runDirectory = runURL(key)
        let log = BoundedLog(url: runDirectory.appendingPathComponent("run.log"))
        defer { log.close() }
        await event(key, .normal, "RunStarted", .runStarted(run: "\(key.id)", pipeline: key.pipeline))
        records[key]?.state = .running
        save(key)
        for (index, stage) in spec.stages.enumerated() {
            guard !cancelling.contains(key), records[key] != nil, let run = stage.run else { return }
            // The stage sees its inputs read-only and the folders it writes, each under
            // /pipeline/<VAR>, and nothing else of the platform's data (see Confinement).
            var environment = LocalDriver.sandboxEnvironment()
            for variable in run.env { environment[variable.name] = variable.value }
            var mounts: [Confinement.Mount] = []
            var descriptors: [Int32] = []
            defer { descriptors.forEach { close($0) } }
            for variable in stage.inputs.map(\.name) {
                let target = "/pipeline/\(Self.envName(variable))"
                if let input = inputPaths[variable] {
                    guard let opened = files.openExisting(application: key.application, box: input.box, user: input.user, input.target) else {
                        stageChange(key, index, .failed)
                        finish(key, .failed, "Stage \(stage.name): input \(variable) is no longer a file or group of box \(input.box)")
                        return
                    }
                    descriptors.append(opened.descriptor)
                    let inside = opened.isDirectory ? target : target + "/" + (input.target.components.last ?? "input")
                    mounts.append(.init(descriptor: opened.descriptor, target: inside))
                    environment["UNIP_PIPELINE_\(Self.envName(variable))"] = inside
                } else {
                    let folder = runDirectory.appendingPathComponent("vars").appendingPathComponent(variable)
                    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                    mounts.append(.init(source: folder.path, target: target, writable: false))
                    environment["UNIP_PIPELINE_\(Self.envName(variable))"] = target
                }
            }
            for variable in stage.outputs.map(\.name) {
                let folder = runDirectory.appendingPathComponent("vars").appendingPathComponent(variable)
                try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let target = "/pipeline/\(Self.envName(variable))"
                mounts.removeAll { $0.target == target }
                mounts.append(.init(source: folder.path, target: target, writable: true))
                environment["UNIP_PIPELINE_\(Self.envName(variable))"] = target
            }
            stageChange(key, index, .running)
            log.note("stage \(stage.name): `\(run.command)`")
            let code: Int32 = await withCheckedContinuation { continuation in
                do {
                    guard let confinement else { throw Confinement.Refusal.noBubblewrap }
                    let launch = try confinement.argv(script: SupervisedProcess.script(for: run.command), workdir: run.workdir, mounts: mounts)
                    current[key] = try SupervisedProcess(argv: launch.argv, environment: environment, passing: launch.descriptors, log: log) { code in
                        continuation.resume(returning: code)
                    }
                } catch {
                    log.note("\(error)")
                    continuation.resume(returning: 127)
                }
            }
            current[key] = nil
            records[key]?.stages[index].exitCode = code
            log.note("stage \(stage.name) exited with code \(code)")
            if cancelling.contains(key) {
                stageChange(key, index, .cancelled)
                finish(key, .cancelled, "Cancelled during stage \(stage.name)")
                return
            }
            guard code == 0 else {
                stageChange(key, index, .failed)
                let lines = log.recentLines(5)
                let message = "Stage \(stage.name) exited with code \(code)" + (lines.isEmpty ? "" : ": " + lines.joined(separator: "\n"))
                finish(key, .failed, message)
                await event(key, .warning, "RunFailed", .runFailed(run: "\(key.id)", detail: message))
                return
            }
            stageChange(key, index, .succeeded)
        }
        records[key]?.outputs = outputs(key, spec)
        finish(key, .succeeded, nil)
        await event(key, .normal, "RunSucceeded", .runSucceeded(run: "\(key.id)", pipeline: key.pipeline))
    }

    private func outputs(_ key: Key, _ spec: ExperimentPipelineSpec) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for variable in Set(spec.stages.flatMap { $0.outputs.map(\.name) }) {
            let folder = runURL(key).appendingPathComponent("vars").appendingPathComponent(variable)
            let names = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
            result[variable] = names.filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }.sorted()
        }
        return result
    }

    private func stageChange(_ key: Key, _ index: Int, _ state: PipelineRunRecord.State) {
        records[key]?.stages[index].state = state
        records[key]?.stages[index].history.append(.init(state: state, time: Date()))
        save(key)
    }

    private func finish(_ key: Key, _ state: PipelineRunRecord.State, _ message: String?) {
        guard var record = records[key], !record.state.finished else { return }
        record.state = state
        record.message = message
        record.finishedAt = Date()
        for index in record.stages.indices where record.stages[index].state == .pending || record.stages[index].state == .running {
            record.stages[index].state = state == .failed ? .cancelled : state == .cancelled ? .cancelled : record.stages[index].state
            record.stages[index].history.append(.init(state: record.stages[index].state, time: Date()))
        }
        records[key] = record
        save(key)
        records[key] = nil
    }

    private func event(_ key: Key, _ type: EventType, _ reason: String, _ message: EventMessage) async {
        _ = try? await store.recordComponentEvent(application: key.application, component: key.pipeline, type: type,
                                                  reason: reason, message: message, at: Date())
    }

    private func save(_ key: Key) {
        guard let record = records[key] else { return }
        let url = runURL(key)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if let data = try? Self.encoder.encode(record) {
            try? data.write(to: url.appendingPathComponent("run.json"), options: .atomic)
        }
    }

    static func envName(_ variable: String) -> String {
        String(variable.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}
