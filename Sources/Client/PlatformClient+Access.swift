import ContractMapping
import Foundation
import Model
import PlatformContract

/// Who may work on what: an application's grants and a team's members.
extension PlatformClient {
    public func grants(of slug: String, revalidating cached: Tagged<[AccessGrant]>? = nil) async throws(PlatformClientError) -> Tagged<[AccessGrant]> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<[AccessGrant]> in
            switch try await send({ try await client.listGrants(path: .init(slug: slug)) }) {
            case .ok(let ok):
                var grants: [AccessGrant] = []
                for item in try Self.decode({ try ok.body.json }).items { grants.append(try Self.grant(item)) }
                return .value(grants)
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    /// Gives a user or a team a role on the application; never above the caller's own role (403).
    public func createGrant(_ subject: AccessGrant.Subject, role: Role, in slug: String) async throws(PlatformClientError) -> AccessGrant {
        let body: Components.Schemas.GrantCreate = switch subject {
        case .user(let login): .UserGrantCreate(.init(user: login, role: .init(role)))
        case .team(let team): .TeamGrantCreate(.init(team: team, role: .init(role)))
        }
        switch try await send({ try await client.createGrant(path: .init(slug: slug), body: .json(body)) }) {
        case .created(let created): return try Self.grant(try Self.decode { try created.body.json })
        case let other: throw Self.unexpected(other)
        }
    }

    public func deleteGrant(id: Int64, in slug: String) async throws(PlatformClientError) {
        switch try await send({ try await client.deleteGrant(path: .init(slug: slug, id: id)) }) {
        case .noContent: return
        case let other: throw Self.unexpected(other)
        }
    }

    /// Adds a user the platform knows to the team (owners and maintainers; only owners add owners).
    public func addTeamMember(_ login: String, role: Role, to team: String) async throws(PlatformClientError) -> TeamMember {
        let body = Components.Schemas.TeamMemberCreate(user: login, role: .init(role))
        switch try await send({ try await client.addTeamMember(path: .init(team: team), body: .json(body)) }) {
        case .created(let created): return TeamMember(try Self.decode { try created.body.json })
        case let other: throw Self.unexpected(other)
        }
    }

    /// Changes a member's role; demoting the team's last owner is refused (409).
    public func updateTeamMember(_ login: String, role: Role, in team: String) async throws(PlatformClientError) -> TeamMember {
        let body = Components.Schemas.TeamMemberUpdate(role: .init(role))
        switch try await send({ try await client.updateTeamMember(path: .init(team: team, user: login), body: .json(body)) }) {
        case .ok(let ok): return TeamMember(try Self.decode { try ok.body.json })
        case let other: throw Self.unexpected(other)
        }
    }

    /// Removes a member; the last owner cannot be removed (409).
    public func removeTeamMember(_ login: String, from team: String) async throws(PlatformClientError) {
        switch try await send({ try await client.removeTeamMember(path: .init(team: team, user: login)) }) {
        case .noContent: return
        case let other: throw Self.unexpected(other)
        }
    }
}
