import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// Components of an application: specs, logs (followed too), actions and manifests.
extension PlatformAPI {
    func listComponents(_ input: Operations.ListComponents.Input) async throws -> Operations.ListComponents.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let components = try await Self.storeCall { try await store.components(ofApplication: input.path.slug) }
        return .ok(.init(body: .json(.init(items: try components.map { try Components.Schemas.Component($0) }))))
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
        return .created(.init(body: .json(try .init(created))))
    }

    func getComponent(_ input: Operations.GetComponent.Input) async throws -> Operations.GetComponent.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let found = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        return .ok(.init(body: .json(try .init(found.component))))
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
        return .ok(.init(body: .json(try .init(updated))))
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
    func applied(_ slug: String, _ name: String) async throws {
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
    func openStream(_ user: User, stillAllowed: @escaping @Sendable (User) async -> Bool,
                            end: @escaping @Sendable () -> Void) throws -> Int {
        do {
            return try streams.open(login: user.login, token: Caller.token ?? "", stillAllowed: stillAllowed, end: end)
        } catch {
            throw Self.tooManyStreams(error.limit)
        }
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
        let action = ComponentAction(body.action)
        try await access().application(input.path.slug, needs: .developer)
        let found = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        guard await driver.perform(action, application: input.path.slug, namespace: found.namespace, component: found.component) else {
            throw APIProblem(status: .conflict, title: "Not run by this platform",
                             detail: "This platform does not run \(input.path.name): that takes an ML component with spec.run, on a platform that runs components (the cabinet's embedded one, or serve --driver local).",
                             errors: [APIProblem.fieldError(FieldIssue(field: "spec.run", .runNotSet))])
        }
        let now = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        return .accepted(.init(body: .json(try .init(now.component))))
    }

    func getComponentManifest(_ input: Operations.GetComponentManifest.Input) async throws -> Operations.GetComponentManifest.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let found = try await Self.storeCall { try await store.component(name: input.path.name, inApplication: input.path.slug) }
        return .ok(.init(body: .yaml(HTTPBody(Manifest.yaml(of: found.component, namespace: found.namespace)))))
    }
}
