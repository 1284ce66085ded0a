import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// A 4xx answer of the generated client that carries an `application/problem+json` body.
protocol ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws }
}

extension Components.Responses.BadRequest: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.Unauthorized: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.Forbidden: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.NotFound: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.Conflict: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

extension Components.Responses.QuotaExceeded: ProblemAnswer {
    var problem: Components.Schemas.Problem { get throws { try body.applicationProblemJson } }
}

/// Wire schemas to domain values and back.
extension PlatformClient {
    static func application(_ app: Components.Schemas.Application) -> Application {
        Application(
            slug: app.slug, name: app.name, description: app.description, team: app.team, template: app.template,
            author: app.author, createdAt: app.createdAt, updatedAt: app.updatedAt,
            status: status(app.status),
            components: ComponentCounts(mlComponents: app.components.mlComponents, pipelines: app.components.pipelines,
                                        dataBoxes: app.components.dataBoxes, apiComponents: app.components.apiComponents),
            namespace: app.namespace)
    }

    static func status(_ status: Components.Schemas.Status) -> Status {
        Status(phase: Phase(rawValue: status.phase.rawValue) ?? .pending, reason: status.reason, message: status.message, time: status.time)
    }

    static func role(_ role: Components.Schemas.Role) -> Role {
        Role(rawValue: role.rawValue) ?? .viewer
    }

    static func member(_ member: Components.Schemas.TeamMember) -> TeamMember {
        TeamMember(login: member.login, role: role(member.role))
    }

    static func kind(_ kind: ComponentKind) -> Components.Schemas.ComponentKind {
        Components.Schemas.ComponentKind(rawValue: kind.rawValue) ?? .mlComponent
    }

    static func event(_ event: Components.Schemas.Event) -> Event {
        Event(id: event.id, time: event.time, application: event.application, component: event.component,
              type: event._type == .warning ? .warning : .normal, reason: event.reason, message: event.message, actor: event.actor)
    }

    /// The wire's spec is the CRD's object itself; the domain's carries its kind beside it.
    static func component(_ component: Components.Schemas.Component) throws(PlatformClientError) -> Component {
        do {
            let spec = try JSONEncoder().encode(component.spec)
            let wrapped = Data("{\"kind\":\"\(component.kind.rawValue)\",\"spec\":".utf8) + spec + Data("}".utf8)
            return Component(name: component.name, spec: try JSONDecoder().decode(ComponentSpec.self, from: wrapped),
                             status: status(component.status))
        } catch {
            throw .unexpected("component \(component.name): \(error)")
        }
    }

    /// A new component as the contract's `oneOf`, by kind.
    static func wireComponent(_ component: Component) throws(PlatformClientError) -> Components.Schemas.ComponentCreate {
        switch component.kind {
        case .mlComponent: .mlComponent(.init(kind: .mlComponent, name: component.name, spec: try wireSpec(component.spec)))
        case .experimentPipeline: .experimentPipeline(.init(kind: .experimentPipeline, name: component.name, spec: try wireSpec(component.spec)))
        case .dataBox: .dataBox(.init(kind: .dataBox, name: component.name, spec: try wireSpec(component.spec)))
        case .apiComponent: .apiComponent(.init(kind: .apiComponent, name: component.name, spec: try wireSpec(component.spec)))
        }
    }

    static func wireSpec<Payload: Decodable>(_ spec: ComponentSpec) throws(PlatformClientError) -> Payload {
        do {
            let wrapped = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(spec)) as? [String: Any]
            let inner = try JSONSerialization.data(withJSONObject: wrapped?["spec"] ?? [String: Any]())
            return try JSONDecoder().decode(Payload.self, from: inner)
        } catch {
            throw .unexpected("cannot encode the spec: \(error)")
        }
    }
}
