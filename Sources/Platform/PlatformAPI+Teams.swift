import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// Teams, their members and their quotas.
extension PlatformAPI {
    func listTeams(_ input: Operations.ListTeams.Input) async throws -> Operations.ListTeams.Output {
        let teams = try await store.teams(visibleTo: try access().visibilityLogin).map { team in
            Components.Schemas.Team(slug: team.slug, name: team.name,
                                    members: team.members.map(Components.Schemas.TeamMember.init))
        }
        return .ok(.init(body: .json(.init(items: teams))))
    }

    func getTeamQuota(_ input: Operations.GetTeamQuota.Input) async throws -> Operations.GetTeamQuota.Output {
        try await access().team(input.path.team, needs: .viewer)
        guard let quota = try await store.quota(team: input.path.team) else { throw APIProblem.notFound("team \(input.path.team)") }
        let items = QuotaResource.allCases.map { resource in
            Components.Schemas.QuotaItem(resource: .init(resource),
                                         hard: quota.hard[resource], used: quota.used[resource] ?? 0)
        }
        return .ok(.init(body: .json(.init(team: input.path.team, items: items))))
    }

    func addTeamMember(_ input: Operations.AddTeamMember.Input) async throws -> Operations.AddTeamMember.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let auth = try access()
        let held = try await auth.team(input.path.team, needs: .maintainer)
        let role = Role(body.role)
        try auth.mayHandOut(role, holding: held)
        let member = try await Self.storeCall {
            try await store.addTeamMember(team: input.path.team, login: body.user, role: role, actor: auth.user.login, at: Date())
        }
        return .created(.init(body: .json(.init(member))))
    }

    func updateTeamMember(_ input: Operations.UpdateTeamMember.Input) async throws -> Operations.UpdateTeamMember.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let auth = try access()
        let held = try await auth.team(input.path.team, needs: .maintainer)
        let role = Role(body.role)
        if let current = try await store.teamRole(login: input.path.user, team: input.path.team) {
            try auth.mayHandOut(current, holding: held)
        }
        try auth.mayHandOut(role, holding: held)
        let member = try await Self.storeCall {
            try await store.updateTeamMember(team: input.path.team, login: input.path.user, role: role, actor: auth.user.login, at: Date())
        }
        return .ok(.init(body: .json(.init(member))))
    }

    func removeTeamMember(_ input: Operations.RemoveTeamMember.Input) async throws -> Operations.RemoveTeamMember.Output {
        let auth = try access()
        let held = try await auth.team(input.path.team, needs: .maintainer)
        if let current = try await store.teamRole(login: input.path.user, team: input.path.team) {
            try auth.mayHandOut(current, holding: held)
        }
        try await Self.storeCall {
            try await store.removeTeamMember(team: input.path.team, login: input.path.user, actor: auth.user.login, at: Date())
        }
        return .noContent(.init())
    }
}
