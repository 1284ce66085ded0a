import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// Pipeline runs: the driver runs them; these handlers check the request and map the records.
extension PlatformAPI {
    /// The pipeline, once the caller is known to hold at least `needed` on its application.
    /// Starting a run of a component that exists but is not a pipeline is a conflict with what it
    /// is (409), not a missing resource: the component is there. Reading runs of it finds none (404).
    private func pipeline(_ slug: String, _ name: String, needs needed: Role = .viewer, starting: Bool = false) async throws -> (component: Component, all: [Component]) {
        try await access().application(slug, needs: needed)
        let all = try await Self.storeCall { try await store.components(ofApplication: slug) }
        guard let component = all.first(where: { $0.name == name }) else { throw APIProblem.notFound("component \(name)") }
        guard component.kind == .experimentPipeline else {
            if starting {
                throw APIProblem(status: .conflict, title: "Not a pipeline",
                                 detail: "\(name) is a \(component.kind.rawValue); only an ExperimentPipeline has runs.")
            }
            throw APIProblem.notFound("pipeline \(name) (it is a \(component.kind.rawValue))")
        }
        return (component, all)
    }

    func listPipelineRuns(_ input: Operations.ListPipelineRuns.Input) async throws -> Operations.ListPipelineRuns.Output {
        _ = try await pipeline(input.path.slug, input.path.name)
        let runs = await driver.runs(application: input.path.slug, pipeline: input.path.name)
        return .ok(.init(body: .json(.init(items: runs.map(Self.schema)))))
    }

    func startPipelineRun(_ input: Operations.StartPipelineRun.Input) async throws -> Operations.StartPipelineRun.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let user = try Self.caller()
        let (component, all) = try await pipeline(input.path.slug, input.path.name, needs: .developer, starting: true)
        var boxes: [String: DataBoxSpec] = [:]
        for case let (name, .dataBox(spec)) in all.map({ ($0.name, $0.spec) }) { boxes[name] = spec }
        let inputs = (body.inputs?.additionalProperties ?? [:]).mapValues { BoxPath(box: $0.box, path: $0.path) }
        do {
            let record = try await driver.startRun(application: input.path.slug, pipeline: component, inputs: inputs,
                                                   user: user.login, boxes: boxes)
            return .accepted(.init(body: .json(Self.schema(record))))
        } catch {
            switch error {
            case .invalid(let field, let message):
                throw APIProblem.field(field, .invalid(message))
            case .notRunHere(let why):
                throw APIProblem(status: .conflict, title: "Not run by this platform", detail: why,
                                 errors: [APIProblem.fieldError(FieldIssue(field: "spec.stages", .invalid(why)))])
            }
        }
    }

    func getPipelineRun(_ input: Operations.GetPipelineRun.Input) async throws -> Operations.GetPipelineRun.Output {
        _ = try await pipeline(input.path.slug, input.path.name)
        guard let record = await driver.run(application: input.path.slug, pipeline: input.path.name, id: input.path.run) else {
            throw APIProblem.notFound("run \(input.path.run)")
        }
        return .ok(.init(body: .json(Self.schema(record))))
    }

    func cancelPipelineRun(_ input: Operations.CancelPipelineRun.Input) async throws -> Operations.CancelPipelineRun.Output {
        _ = try await pipeline(input.path.slug, input.path.name, needs: .developer)
        switch await driver.cancelRun(application: input.path.slug, pipeline: input.path.name, id: input.path.run) {
        case .notFound:
            throw APIProblem.notFound("run \(input.path.run)")
        case .alreadyFinished(let record):
            throw APIProblem(status: .conflict, title: "Already finished", detail: "Run \(record.id) is \(record.state.rawValue).",
                             errors: [APIProblem.fieldError(FieldIssue(field: "state", .invalid(record.state.rawValue)))])
        case .cancelled(let record):
            return .accepted(.init(body: .json(Self.schema(record))))
        }
    }

    func getPipelineRunLogs(_ input: Operations.GetPipelineRunLogs.Input) async throws -> Operations.GetPipelineRunLogs.Output {
        let tail = try Self.logTail(input.query.tail)
        _ = try await pipeline(input.path.slug, input.path.name)
        let url = await driver.runLogURL(application: input.path.slug, pipeline: input.path.name, id: input.path.run)
        guard let body = try logBody(url, tail: tail, follow: input.query.follow, application: input.path.slug) else { throw APIProblem.notFound("run \(input.path.run)") }
        return .ok(.init(body: .plainText(body)))
    }

}
