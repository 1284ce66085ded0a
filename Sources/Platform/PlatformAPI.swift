import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// The handlers of `openapi.yaml`: each one checks what the generated code cannot (ranges, cursor
/// syntax), asks the store, and maps domain values to the API's schemas.
struct PlatformAPI: APIProtocol {
    let store: PlatformStore

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func listApplications(_ input: Operations.ListApplications.Input) async throws -> Operations.ListApplications.Output {
        let limit = input.query.limit ?? 50
        guard (1...200).contains(limit) else {
            throw APIProblem.field("limit", "must be between 1 and 200")
        }
        var cursor: ApplicationCursor?
        if let token = input.query.cursor {
            guard let parsed = ApplicationCursor(token: token) else {
                throw APIProblem.field("cursor", "is not a cursor this server issued")
            }
            cursor = parsed
        }
        let page = try await store.listApplications(limit: limit, after: cursor)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.schema), nextCursor: page.next?.token))))
    }

    static func schema(_ app: Application) -> Components.Schemas.Application {
        Components.Schemas.Application(
            slug: app.slug, name: app.name, description: app.description, team: app.team, template: app.template,
            author: app.author, namespace: app.namespace, createdAt: app.createdAt, updatedAt: app.updatedAt,
            status: .init(phase: Components.Schemas.Phase(rawValue: app.status.phase.rawValue) ?? .pending,
                          reason: app.status.reason, message: app.status.message, time: app.status.time),
            components: .init(mlComponents: app.components.mlComponents, pipelines: app.components.pipelines,
                              dataBoxes: app.components.dataBoxes, apiComponents: app.components.apiComponents))
    }
}
