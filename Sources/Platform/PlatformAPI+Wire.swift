import ContractMapping
import Foundation
import Model
import PlatformContract

/// The server's own types to the wire and back (the Model's are mapped in Sources/ContractMapping):
/// exhaustive switches, so a state or an action added on one side only breaks the build.
extension PlatformAPI {
    static func schema(_ page: (items: [Event], next: Int64?)) -> Components.Schemas.EventPage {
        .init(items: page.items.map(Components.Schemas.Event.init), nextCursor: page.next.map(String.init))
    }

    static func schema(_ token: AccessToken) -> Components.Schemas.AccessToken {
        Components.Schemas.AccessToken(id: token.id, name: token.name, createdAt: token.createdAt,
                                       expiresAt: token.expiresAt, lastUsedAt: token.lastUsedAt)
    }

    static func schema(_ grant: Grant) -> Components.Schemas.Grant {
        var user: String?
        var team: String?
        switch grant.subject {
        case .user(let login): user = login
        case .team(let slug): team = slug
        }
        return Components.Schemas.Grant(id: grant.id, user: user, team: team, role: .init(grant.role),
                                        createdAt: grant.createdAt, createdBy: grant.createdBy)
    }

    static func schema(_ record: PipelineRunRecord) -> Components.Schemas.PipelineRun {
        Components.Schemas.PipelineRun(
            id: record.id, pipeline: record.pipeline, state: .init(record.state), message: record.message,
            createdAt: record.createdAt, finishedAt: record.finishedAt,
            stages: record.stages.map { stage in
                .init(name: stage.name, state: .init(stage.state), exitCode: stage.exitCode.map(Int.init),
                      history: stage.history.map { .init(state: .init($0.state), time: $0.time) })
            },
            outputs: record.outputs.keys.sorted().map { .init(variable: $0, files: record.outputs[$0] ?? []) })
    }
}

extension Components.Schemas.RunState {
    init(_ state: PipelineRunRecord.State) {
        self = switch state {
        case .pending: .pending
        case .running: .running
        case .succeeded: .succeeded
        case .failed: .failed
        case .cancelled: .cancelled
        }
    }
}

extension ComponentAction {
    init(_ wire: Components.Schemas.ComponentActionRequest.ActionPayload) {
        self = switch wire {
        case .start: .start
        case .stop: .stop
        case .restart: .restart
        }
    }
}
