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
            Components.Schemas.Membership(team: $0.team, role: Self.schema($0.role))
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
            throw APIProblem.field("expiresInDays", "must be between 1 and 3650")
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
        guard (1...10_000).contains(tail) else { throw APIProblem.field("tail", "must be between 1 and 10000") }
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

    static func schema(_ page: (items: [Event], next: Int64?)) -> Components.Schemas.EventPage {
        .init(items: page.items.map(schema), nextCursor: page.next.map(String.init))
    }

    static func schema(_ event: Event) -> Components.Schemas.Event {
        Components.Schemas.Event(
            id: event.id, time: event.time, application: event.application, component: event.component,
            _type: event.type == .warning ? .warning : .normal, reason: event.reason, message: event.message, actor: event.actor)
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

    static func schema(_ token: AccessToken) -> Components.Schemas.AccessToken {
        Components.Schemas.AccessToken(id: token.id, name: token.name, createdAt: token.createdAt,
                                       expiresAt: token.expiresAt, lastUsedAt: token.lastUsedAt)
    }

    static func schema(_ template: Template) -> Components.Schemas.Template {
        Components.Schemas.Template(
            slug: template.slug, name: template.name, team: template.team,
            components: template.components.map { .init(kind: schema($0.kind), name: $0.name) })
    }

    static func role(_ role: Components.Schemas.Role) -> Role {
        Role(rawValue: role.rawValue) ?? .viewer
    }

    static func schema(_ grant: Grant) -> Components.Schemas.Grant {
        var user: String?
        var team: String?
        switch grant.subject {
        case .user(let login): user = login
        case .team(let slug): team = slug
        }
        return Components.Schemas.Grant(id: grant.id, user: user, team: team, role: schema(grant.role),
                                        createdAt: grant.createdAt, createdBy: grant.createdBy)
    }

    static func schema(_ role: Role) -> Components.Schemas.Role {
        Components.Schemas.Role(rawValue: role.rawValue) ?? .viewer
    }

    static func schema(_ kind: ComponentKind) -> Components.Schemas.ComponentKind {
        Components.Schemas.ComponentKind(rawValue: kind.rawValue) ?? .mlComponent
    }

    static func schema(_ component: Component) throws -> Components.Schemas.Component {
        // The wire format is the CRD's spec object itself, without our kind wrapper.
        let wrapped = try JSONEncoder().encode(component.spec)
        let object = try JSONSerialization.jsonObject(with: wrapped) as? [String: Any]
        let inner = try JSONSerialization.data(withJSONObject: object?["spec"] ?? [String: Any]())
        let spec = try JSONDecoder().decode(Components.Schemas.Component.SpecPayload.self, from: inner)
        let status = component.status ?? Status(phase: .pending, time: Date())
        return Components.Schemas.Component(
            kind: schema(component.kind), name: component.name, spec: spec,
            status: .init(phase: Components.Schemas.Phase(rawValue: status.phase.rawValue) ?? .pending,
                          reason: status.reason, message: status.message, time: status.time))
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
