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
        let page = try await store.listApplications(limit: limit, after: cursor, visibleTo: try access().visibilityLogin)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.schema), nextCursor: page.next?.token, total: page.total))))
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

    func listTeams(_ input: Operations.ListTeams.Input) async throws -> Operations.ListTeams.Output {
        let teams = try await store.teams(visibleTo: try access().visibilityLogin).map { team in
            Components.Schemas.Team(slug: team.slug, name: team.name,
                                    members: team.members.map { .init(login: $0.login, role: Self.schema($0.role)) })
        }
        return .ok(.init(body: .json(.init(items: teams))))
    }

    func listTemplates(_ input: Operations.ListTemplates.Input) async throws -> Operations.ListTemplates.Output {
        let templates = try await store.templates(visibleTo: try access().visibilityLogin).map(Self.schema)
        return .ok(.init(body: .json(.init(items: templates))))
    }

    func createTeamTemplate(_ input: Operations.CreateTeamTemplate.Input) async throws -> Operations.CreateTeamTemplate.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        try await access().team(input.path.team, needs: .maintainer)
        var components: [Component] = []
        for (index, item) in body.components.enumerated() {
            do {
                components.append(try ComponentSpecDecoding.component(item))
            } catch var problem as APIProblem {
                problem.errors = problem.errors.map { .init(field: "components[\(index)].\($0.field)", message: $0.message) }
                throw problem
            }
        }
        let template = Template(slug: body.slug, name: body.name, team: input.path.team, components: components)
        let created = try await Self.storeCall { try await store.createTemplate(template) }
        return .created(.init(body: .json(Self.schema(created))))
    }

    func createApplication(_ input: Operations.CreateApplication.Input) async throws -> Operations.CreateApplication.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let user = try Self.caller()
        let auth = try access()
        try await auth.teamInBody(body.team)
        try await auth.templateInBody(body.template)
        let draft = ApplicationDraft(name: body.name, slug: body.slug, description: body.description ?? "", team: body.team, template: body.template)
        let created = try await Self.storeCall { try await store.createApplication(draft, author: user.login, at: Date()) }
        for component in try await store.components(ofApplication: created.slug) {
            await driver.apply(application: created.slug, namespace: created.namespace, component: component)
        }
        return .created(.init(body: .json(Self.schema(created))))
    }

    func getApplication(_ input: Operations.GetApplication.Input) async throws -> Operations.GetApplication.Output {
        try await access().application(input.path.slug, needs: .viewer)
        guard let app = try await store.application(slug: input.path.slug) else { throw APIProblem.notFound("application \(input.path.slug)") }
        return .ok(.init(body: .json(Self.schema(app))))
    }

    func updateApplication(_ input: Operations.UpdateApplication.Input) async throws -> Operations.UpdateApplication.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let user = try Self.caller()
        let auth = try access()
        let current = try await auth.application(input.path.slug, needs: .maintainer)
        if let team = body.team, team != current.team { try await auth.teamInBody(team) }
        let change = ApplicationChange(name: body.name, description: body.description, team: body.team)
        let updated = try await Self.storeCall { try await store.updateApplication(slug: input.path.slug, change, actor: user.login, at: Date()) }
        return .ok(.init(body: .json(Self.schema(updated))))
    }

    func deleteApplication(_ input: Operations.DeleteApplication.Input) async throws -> Operations.DeleteApplication.Output {
        let auth = try access()
        try await auth.application(input.path.slug, needs: .owner)
        try await Self.storeCall { try await store.deleteApplication(slug: input.path.slug, actor: auth.user.login, at: Date()) }
        await driver.removeApplication(input.path.slug)
        return .noContent(.init())
    }

    func listComponents(_ input: Operations.ListComponents.Input) async throws -> Operations.ListComponents.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let components = try await Self.storeCall { try await store.components(ofApplication: input.path.slug) }
        return .ok(.init(body: .json(.init(items: try components.map(Self.schema)))))
    }

    func createComponent(_ input: Operations.CreateComponent.Input) async throws -> Operations.CreateComponent.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let user = try Self.caller()
        try await access().application(input.path.slug, needs: .developer)
        let component = try ComponentSpecDecoding.component(body)
        let created = try await Self.storeCall {
            try await store.createComponent(component, inApplication: input.path.slug, actor: user.login, at: Date())
        }
        try await applied(input.path.slug, created.name)
        return .created(.init(body: .json(try Self.schema(created))))
    }

    func getComponent(_ input: Operations.GetComponent.Input) async throws -> Operations.GetComponent.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let found = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        return .ok(.init(body: .json(try Self.schema(found.component))))
    }

    func replaceComponentSpec(_ input: Operations.ReplaceComponentSpec.Input) async throws -> Operations.ReplaceComponentSpec.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let user = try Self.caller()
        try await access().application(input.path.slug, needs: .developer)
        let existing = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        let spec = try ComponentSpecDecoding.decode(kind: existing.component.kind, spec: body.spec)
        let updated = try await Self.storeCall {
            try await store.replaceComponentSpec(spec, name: input.path.name, inApplication: input.path.slug, actor: user.login, at: Date())
        }
        try await applied(input.path.slug, updated.name)
        return .ok(.init(body: .json(try Self.schema(updated))))
    }

    func deleteComponent(_ input: Operations.DeleteComponent.Input) async throws -> Operations.DeleteComponent.Output {
        let user = try Self.caller()
        try await access().application(input.path.slug, needs: .developer)
        try await Self.storeCall {
            try await store.deleteComponent(name: input.path.name, inApplication: input.path.slug, actor: user.login, at: Date())
        }
        await driver.remove(application: input.path.slug, component: input.path.name)
        return .noContent(.init())
    }

    /// Hands a stored component to the driver; the answer the caller gets is the stored one.
    private func applied(_ slug: String, _ name: String) async throws {
        let found = try await Self.storeCall { try await store.component(name: name, inApplication: slug) }
        await driver.apply(application: slug, namespace: found.namespace, component: found.component)
    }

    func getComponentLogs(_ input: Operations.GetComponentLogs.Input) async throws -> Operations.GetComponentLogs.Output {
        let tail = try Self.logTail(input.query.tail)
        try await access().application(input.path.slug, needs: .viewer)
        _ = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        // A component that never ran has an empty log.
        let url = await driver.logURL(application: input.path.slug, component: input.path.name)
        return .ok(.init(body: .plainText(try logBody(url, tail: tail, follow: input.query.follow, application: input.path.slug) ?? HTTPBody(""))))
    }

    /// The `tail` of a log request, checked: 1 to 10,000 lines, 200 by default.
    static func logTail(_ tail: Int?) throws -> Int {
        let tail = tail ?? 200
        guard (1...10_000).contains(tail) else { throw APIProblem.field("tail", "must be between 1 and 10000") }
        return tail
    }

    /// A log's last `tail` lines, or with `follow` the log as it grows (an open stream of the
    /// caller's, ended when they lose the right to see `application`); nil when there is no log.
    func logBody(_ url: URL?, tail: Int, follow: Bool?, application: String) throws -> HTTPBody? {
        guard let url else { return nil }
        guard follow == true else { return BoundedLog.tail(of: url, lines: tail).map { HTTPBody($0.map { $0 + "\n" }.joined()) } }
        let user = try Self.caller()
        let ending = Mutexed<(@Sendable () -> Void)?>(nil)
        let registration = try openStream(user, stillAllowed: stillAllowed(user, application: application)) { ending.get()?() }
        let streams = streams
        let followed = LogFollower.body(url: url, tail: tail, metrics: metrics) { streams.close(registration) }
        ending.set(followed.end)
        return followed.body
    }

    /// Registers an endless response of the caller's; 429 over their limit.
    private func openStream(_ user: User, stillAllowed: @escaping @Sendable (User) async -> Bool,
                            end: @escaping @Sendable () -> Void) throws -> Int {
        do {
            return try streams.open(login: user.login, token: Caller.token ?? "", stillAllowed: stillAllowed, end: end)
        } catch {
            throw Self.tooManyStreams(error.limit)
        }
    }

    static func tooManyStreams(_ limit: Int) -> APIProblem {
        APIProblem(status: .tooManyRequests, title: "Too many open streams",
                   detail: "One user may hold \(limit) event streams and followed logs open at once; close one first.")
    }

    /// Whether a stream opened by `opener` may go on for the user its token names now: admins'
    /// streams need an admin still, a stream of one application needs a viewer of it still.
    func stillAllowed(_ opener: User, application: String?) -> @Sendable (User) async -> Bool {
        let store = store
        let wasAdmin = opener.isAdmin
        return { user in
            if wasAdmin && !user.isAdmin { return false }
            guard let application, !user.isAdmin else { return true }
            // One not made yet carries nothing the hub would not filter by visibility anyway.
            guard let access = try? await store.access(login: user.login, application: application) else { return true }
            return access.role != nil
        }
    }

    func performComponentAction(_ input: Operations.PerformComponentAction.Input) async throws -> Operations.PerformComponentAction.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let action = ComponentAction(rawValue: body.action.rawValue) ?? .restart
        try await access().application(input.path.slug, needs: .developer)
        let found = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        guard await driver.perform(action, application: input.path.slug, namespace: found.namespace, component: found.component) else {
            throw APIProblem(status: .conflict, title: "Not run by this platform",
                             detail: "This platform does not run \(input.path.name): that takes an ML component with spec.run, on a platform that runs components (the cabinet's embedded one, or serve --driver local).",
                             errors: [.init(field: "spec.run", message: "not set")])
        }
        let now = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        return .accepted(.init(body: .json(try Self.schema(now.component))))
    }

    func getComponentManifest(_ input: Operations.GetComponentManifest.Input) async throws -> Operations.GetComponentManifest.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let found = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        return .ok(.init(body: .yaml(HTTPBody(Manifest.yaml(of: found.component, namespace: found.namespace)))))
    }

    func listApplicationEvents(_ input: Operations.ListApplicationEvents.Input) async throws -> Operations.ListApplicationEvents.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let q = input.query
        let filter = try Self.eventFilter(application: input.path.slug, component: q.component, type: q._type?.rawValue,
                                          since: q.since, limit: q.limit, cursor: q.cursor)
        return .ok(.init(body: .json(Self.schema(try await store.events(filter)))))
    }

    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let q = input.query
        var filter = try Self.eventFilter(application: q.application, component: nil, type: q._type?.rawValue,
                                          since: q.since, limit: q.limit, cursor: q.cursor)
        filter.visibleTo = try access().visibilityLogin
        return .ok(.init(body: .json(Self.schema(try await store.events(filter)))))
    }

    func streamEvents(_ input: Operations.StreamEvents.Input) async throws -> Operations.StreamEvents.Output {
        var start: Int64?
        if let header = input.headers.lastEventID {
            guard let id = Int64(header), id >= 0 else { throw APIProblem.field("Last-Event-ID", "is not an event id") }
            start = id
        }
        let user = try Self.caller()
        let filter = EventFilter(application: input.query.application, type: input.query._type.flatMap { EventType(rawValue: $0.rawValue) },
                                 visibleTo: try access().visibilityLogin)
        do {
            let body = try await hub.body(after: start, filter: filter, caller: user, token: Caller.token ?? "", streams: streams,
                                          stillAllowed: stillAllowed(user, application: input.query.application))
            return .ok(.init(body: .textEventStream(body)))
        } catch {
            throw Self.tooManyStreams(error.limit)
        }
    }

    func getTeamQuota(_ input: Operations.GetTeamQuota.Input) async throws -> Operations.GetTeamQuota.Output {
        try await access().team(input.path.team, needs: .viewer)
        guard let quota = try await store.quota(team: input.path.team) else { throw APIProblem.notFound("team \(input.path.team)") }
        let items = QuotaResource.allCases.map { resource in
            Components.Schemas.QuotaItem(resource: Components.Schemas.QuotaResource(rawValue: resource.rawValue) ?? .apps,
                                         hard: quota.hard[resource], used: quota.used[resource] ?? 0)
        }
        return .ok(.init(body: .json(.init(team: input.path.team, items: items))))
    }

    func getAuthConfig(_ input: Operations.GetAuthConfig.Input) async throws -> Operations.GetAuthConfig.Output {
        .ok(.init(body: .json(.init(oidc: oidc != nil, issuer: oidc?.issuer, clientId: oidc?.clientID, audience: oidc?.audience))))
    }

    func listTeamEvents(_ input: Operations.ListTeamEvents.Input) async throws -> Operations.ListTeamEvents.Output {
        try await access().team(input.path.team, needs: .viewer)
        let limit = input.query.limit ?? 100
        guard (1...500).contains(limit) else { throw APIProblem.field("limit", "must be between 1 and 500") }
        var before: Int64?
        if let cursor = input.query.cursor {
            guard let id = Int64(cursor), id > 0 else { throw APIProblem.field("cursor", "is not a cursor this server issued") }
            before = id
        }
        let page = try await store.teamEvents(team: input.path.team, limit: limit, before: before)
        let items = page.items.map {
            Components.Schemas.TeamEvent(id: $0.id, time: $0.time, team: $0.team, reason: $0.reason, message: $0.message, actor: $0.actor)
        }
        return .ok(.init(body: .json(.init(items: items, nextCursor: page.next.map(String.init)))))
    }

    func addTeamMember(_ input: Operations.AddTeamMember.Input) async throws -> Operations.AddTeamMember.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let auth = try access()
        let held = try await auth.team(input.path.team, needs: .maintainer)
        let role = Self.role(body.role)
        try auth.mayHandOut(role, holding: held)
        let member = try await Self.storeCall {
            try await store.addTeamMember(team: input.path.team, login: body.user, role: role, actor: auth.user.login, at: Date())
        }
        return .created(.init(body: .json(.init(login: member.login, role: Self.schema(member.role)))))
    }

    func updateTeamMember(_ input: Operations.UpdateTeamMember.Input) async throws -> Operations.UpdateTeamMember.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let auth = try access()
        let held = try await auth.team(input.path.team, needs: .maintainer)
        let role = Self.role(body.role)
        if let current = try await store.teamRole(login: input.path.user, team: input.path.team) {
            try auth.mayHandOut(current, holding: held)
        }
        try auth.mayHandOut(role, holding: held)
        let member = try await Self.storeCall {
            try await store.updateTeamMember(team: input.path.team, login: input.path.user, role: role, actor: auth.user.login, at: Date())
        }
        return .ok(.init(body: .json(.init(login: member.login, role: Self.schema(member.role)))))
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
        case .UserGrantCreate(let grant): (subject, role) = (.user(grant.user), Self.role(grant.role))
        case .TeamGrantCreate(let grant): (subject, role) = (.team(grant.team), Self.role(grant.role))
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

    // MARK: - Mapping

    private static func eventFilter(application: String?, component: String?, type: String?, since: Date?,
                                    limit: Int?, cursor: String?) throws -> EventFilter {
        let limit = limit ?? 100
        guard (1...500).contains(limit) else { throw APIProblem.field("limit", "must be between 1 and 500") }
        // The generated code does not enforce maxLength; the spec promises it.
        for (field, value) in [("application", application), ("component", component), ("cursor", cursor)] {
            if let value, value.count > (field == "cursor" ? 200 : 63) {
                throw APIProblem.field(field, "is longer than the API allows")
            }
        }
        var before: Int64?
        if let cursor {
            guard let id = Int64(cursor), id > 0 else { throw APIProblem.field("cursor", "is not a cursor this server issued") }
            before = id
        }
        return EventFilter(application: application, component: component, type: type.flatMap(EventType.init(rawValue:)),
                           since: since, limit: limit, before: before)
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
