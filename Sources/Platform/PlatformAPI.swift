import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// The handlers of `openapi.yaml`: each one checks what the generated code cannot (ranges, cursor
/// syntax), asks the store, and maps domain values to the API's schemas.
struct PlatformAPI: APIProtocol {
    let store: PlatformStore
    let metrics: PlatformMetrics
    let oidc: OIDCConfiguration?
    let driver: any DeployDriver
    let hub: EventHub
    let streams: OpenStreams
    let limits: PlatformLimits

    /// The caller's rights; every `/v1` handler but `/v1/auth/config` has a caller.
    func access() throws -> Authorization {
        Authorization(store: store, user: try Self.caller())
    }

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let user = try Self.caller()
        let teams = try await store.memberships(of: user.login).map {
            Components.Schemas.Membership(team: $0.team, role: .init($0.role))
        }
        return .ok(.init(body: .json(.init(login: user.login, name: user.name, email: user.email, isAdmin: user.isAdmin, teams: teams))))
    }

    func listAccessTokens(_ input: Operations.ListAccessTokens.Input) async throws -> Operations.ListAccessTokens.Output {
        let tokens = try await store.accessTokens(login: try Self.caller().login)
        return .ok(.init(body: .json(.init(items: tokens.map(Self.schema)))))
    }

    func createAccessToken(_ input: Operations.CreateAccessToken.Input) async throws -> Operations.CreateAccessToken.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        if let days = body.expiresInDays, !(1...3650).contains(days) {
            throw APIProblem.field("expiresInDays", .outOfRange(min: 1, max: 3650))
        }
        let now = Date()
        let expiresAt = body.expiresInDays.map { now.addingTimeInterval(Double($0) * 86_400) }
        let login = try Self.caller().login
        let (token, secret) = try await Self.storeCall { try await store.createAccessToken(login: login, name: body.name, expiresAt: expiresAt, at: now) }
        return .created(.init(body: .json(.init(token: Self.schema(token), secret: secret))))
    }

    func revokeAccessToken(_ input: Operations.RevokeAccessToken.Input) async throws -> Operations.RevokeAccessToken.Output {
        let login = try Self.caller().login
        try await Self.storeCall { try await store.revokeAccessToken(id: input.path.id, login: login) }
        return .noContent(.init())
    }

    /// The `tail` of a log request, checked: 1 to 10,000 lines, 200 by default.
    static func logTail(_ tail: Int?) throws -> Int {
        let tail = tail ?? 200
        guard (1...10_000).contains(tail) else { throw APIProblem.field("tail", .outOfRange(min: 1, max: 10000)) }
        return tail
    }

    static func tooManyStreams(_ limit: Int) -> APIProblem {
        APIProblem(status: .tooManyRequests, title: "Too many open streams",
                   detail: "One user may hold \(limit) event streams and followed logs open at once; close one first.")
    }

    func getAuthConfig(_ input: Operations.GetAuthConfig.Input) async throws -> Operations.GetAuthConfig.Output {
        .ok(.init(body: .json(.init(oidc: oidc != nil, issuer: oidc?.issuer, clientId: oidc?.clientID, audience: oidc?.audience))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        // Per-component series carry every application's namespace: administrators only.
        let components = Caller.current?.isAdmin == true ? Array(await driver.metricsExposition().utf8) : []
        return .ok(.init(body: .plainText(HTTPBody(metrics.exposition() + components))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        guard await store.isReady() else {
            return .serviceUnavailable(.init(body: .applicationProblemJson(
                APIProblem(status: .serviceUnavailable, title: "Database unavailable").schema)))
        }
        return .ok(.init(body: .json(.init(status: .ok))))
    }

    static func caller() throws -> User {
        guard let user = Caller.current else { throw APIProblem(status: .unauthorized, title: "Authentication required") }
        return user
    }

    /// Runs a store call, turning its refusals into problems a client can show.
    static func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw APIProblem(error)
        }
    }
}
