import ContractMapping
import Model
import PlatformContract

/// Who the caller is, and the teams, templates and quotas around them.
extension PlatformClient {
    /// Whether the platform process answers (`/healthz`, no token needed): the cabinet's cheap
    /// heartbeat, so that a platform that went away shows as offline within a second or two.
    /// `timeout` bounds the whole request: a platform that takes the connection and then says
    /// nothing (stopped with SIGSTOP, a stalled link) is unreachable once it passes.
    public func health(timeout: Duration = .seconds(2)) async throws(PlatformClientError) {
        var quick = transport
        quick.totalTimeout = timeout
        quick.connectTimeout = min(quick.connectTimeout, timeout)
        let probe = PlatformContract.Client(serverURL: endpoint.url, configuration: .platform, transport: quick)
        switch try await send({ try await probe.getHealth() }) {
        case .ok: return
        case let other: throw Self.unexpected(other)
        }
    }

    public func me(revalidating cached: Tagged<Me>? = nil) async throws(PlatformClientError) -> Tagged<Me> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<Me> in
            switch try await send({ try await client.getMe() }) {
            case .ok(let ok):
                return .value(Me(try Self.decode { try ok.body.json }))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    public func teams(revalidating cached: Tagged<[Team]>? = nil) async throws(PlatformClientError) -> Tagged<[Team]> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<[Team]> in
            switch try await send({ try await client.listTeams() }) {
            case .ok(let ok):
                return .value(try Self.decode { try ok.body.json }.items.map(Team.init))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    public func templates(revalidating cached: Tagged<[TemplateSummary]>? = nil) async throws(PlatformClientError) -> Tagged<[TemplateSummary]> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<[TemplateSummary]> in
            switch try await send({ try await client.listTemplates() }) {
            case .ok(let ok):
                return .value(try Self.decode { try ok.body.json }.items.map(TemplateSummary.init))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    public func quota(team: String, revalidating cached: Tagged<QuotaReport>? = nil) async throws(PlatformClientError) -> Tagged<QuotaReport> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<QuotaReport> in
            switch try await send({ try await client.getTeamQuota(path: .init(team: team)) }) {
            case .ok(let ok):
                return .value(QuotaReport(try Self.decode { try ok.body.json }))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }
}
