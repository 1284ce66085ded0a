import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// Access grants to an application.
extension PlatformAPI {
    func listGrants(_ input: Operations.ListGrants.Input) async throws -> Operations.ListGrants.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let grants = try await Self.storeCall { try await store.grants(ofApplication: input.path.slug) }
        return .ok(.init(body: .json(.init(items: grants.map(Self.schema)))))
    }

    func createGrant(_ input: Operations.CreateGrant.Input) async throws -> Operations.CreateGrant.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let auth = try access()
        let app = try await auth.application(input.path.slug, needs: .maintainer)
        let subject: GrantSubject
        let role: Role
        switch body {
        case .UserGrantCreate(let grant): (subject, role) = (.user(grant.user), Role(grant.role))
        case .TeamGrantCreate(let grant): (subject, role) = (.team(grant.team), Role(grant.role))
        }
        try auth.mayHandOut(role, holding: app.role)
        let grant = try await Self.storeCall {
            try await store.createGrant(subject, role: role, inApplication: input.path.slug, actor: auth.user.login, at: Date())
        }
        return .created(.init(body: .json(Self.schema(grant))))
    }

    func deleteGrant(_ input: Operations.DeleteGrant.Input) async throws -> Operations.DeleteGrant.Output {
        let auth = try access()
        let app = try await auth.application(input.path.slug, needs: .maintainer)
        let grant = try await Self.storeCall { try await store.grant(id: input.path.id, inApplication: input.path.slug) }
        try auth.mayHandOut(grant.role, holding: app.role)
        try await Self.storeCall {
            try await store.deleteGrant(id: input.path.id, inApplication: input.path.slug, actor: auth.user.login, at: Date())
        }
        return .noContent(.init())
    }
}
