import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// The applications and the templates they are made from.
extension PlatformAPI {
    func listApplications(_ input: Operations.ListApplications.Input) async throws -> Operations.ListApplications.Output {
        let limit = input.query.limit ?? 50
        guard (1...200).contains(limit) else {
            throw APIProblem.field("limit", .outOfRange(min: 1, max: 200))
        }
        var cursor: ApplicationCursor?
        if let token = input.query.cursor {
            guard let parsed = ApplicationCursor(token: token) else {
                throw APIProblem.field("cursor", .badCursor)
            }
            cursor = parsed
        }
        let page = try await store.listApplications(limit: limit, after: cursor, visibleTo: try access().visibilityLogin)
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.Application.init), nextCursor: page.next?.token, total: page.total))))
    }

    func listTemplates(_ input: Operations.ListTemplates.Input) async throws -> Operations.ListTemplates.Output {
        let templates = try await store.templates(visibleTo: try access().visibilityLogin).map(Components.Schemas.Template.init)
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
        return .created(.init(body: .json(.init(created))))
    }

    func createApplication(_ input: Operations.CreateApplication.Input) async throws -> Operations.CreateApplication.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let user = try Self.caller()
        let auth = try access()
        try await auth.teamInBody(body.team)
        try await auth.templateInBody(body.template)
                let created = try await Self.storeCall { try await store.createApplication(NewApplication(body), author: user.login, at: Date()) }
        for component in try await store.components(ofApplication: created.slug) {
            await driver.apply(application: created.slug, namespace: created.namespace, component: component)
        }
        return .created(.init(body: .json(.init(created))))
    }

    func getApplication(_ input: Operations.GetApplication.Input) async throws -> Operations.GetApplication.Output {
        try await access().application(input.path.slug, needs: .viewer)
        guard let app = try await store.application(slug: input.path.slug) else { throw APIProblem.notFound("application \(input.path.slug)") }
        return .ok(.init(body: .json(.init(app))))
    }

    func updateApplication(_ input: Operations.UpdateApplication.Input) async throws -> Operations.UpdateApplication.Output {
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "JSON expected") }
        let user = try Self.caller()
        let auth = try access()
        let current = try await auth.application(input.path.slug, needs: .maintainer)
        if let team = body.team, team != current.team { try await auth.teamInBody(team) }
                let updated = try await Self.storeCall { try await store.updateApplication(slug: input.path.slug, ApplicationEdit(body), actor: user.login, at: Date()) }
        return .ok(.init(body: .json(.init(updated))))
    }

    func deleteApplication(_ input: Operations.DeleteApplication.Input) async throws -> Operations.DeleteApplication.Output {
        let auth = try access()
        try await auth.application(input.path.slug, needs: .owner)
        try await Self.storeCall { try await store.deleteApplication(slug: input.path.slug, actor: auth.user.login, at: Date()) }
        await driver.removeApplication(input.path.slug)
        return .noContent(.init())
    }
}
