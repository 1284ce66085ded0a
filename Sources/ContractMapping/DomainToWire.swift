import Foundation
import Model
import PlatformContract

// The domain (`Model`) to the wire (`Components.Schemas`): the one place this direction is
// written, for the server's answers and the client's requests alike. Exhaustive switches, as in
// WireToDomain.swift: a case the other side lacks is a build error, not a silent default.

extension Components.Schemas.Phase {
    public init(_ phase: Phase) {
        self = switch phase {
        case .pending: .pending
        case .deploying: .deploying
        case .deployed: .deployed
        case .failed: .failed
        case .stopped: .stopped
        case .deleting: .deleting
        }
    }
}

extension Components.Schemas.Role {
    public init(_ role: Role) {
        self = switch role {
        case .owner: .owner
        case .maintainer: .maintainer
        case .developer: .developer
        case .viewer: .viewer
        }
    }
}

extension Components.Schemas.ComponentKind {
    public init(_ kind: ComponentKind) {
        self = switch kind {
        case .mlComponent: .mlComponent
        case .experimentPipeline: .experimentPipeline
        case .dataBox: .dataBox
        case .apiComponent: .apiComponent
        }
    }
}

extension Components.Schemas.EventType {
    public init(_ type: EventType) {
        self = switch type {
        case .normal: .normal
        case .warning: .warning
        }
    }
}

extension Components.Schemas.QuotaResource {
    public init(_ resource: QuotaResource) {
        self = switch resource {
        case .cpu: .cpu
        case .memory: .memory
        case .gpu: .gpu
        case .storage: .storage
        case .apps: .apps
        case .components: .components
        }
    }
}

extension Components.Schemas.Status {
    public init(_ status: Status) {
        self.init(phase: .init(status.phase), reason: status.reason, message: status.message, time: status.time, code: status.code,
                  params: status.parameters.map { .init(additionalProperties: $0) })
    }
}

extension Components.Schemas.Application {
    public init(_ app: Application) {
        self.init(
            slug: app.slug, name: app.name, description: app.description, team: app.team, template: app.template,
            author: app.author, namespace: app.namespace, createdAt: app.createdAt, updatedAt: app.updatedAt,
            status: .init(app.status),
            components: .init(mlComponents: app.components.mlComponents, pipelines: app.components.pipelines,
                              dataBoxes: app.components.dataBoxes, apiComponents: app.components.apiComponents))
    }
}

extension Components.Schemas.ApplicationCreate {
    public init(_ new: NewApplication) {
        self.init(name: new.name, slug: new.slug, description: new.description, team: new.team, template: new.template)
    }
}

extension Components.Schemas.ApplicationUpdate {
    public init(_ edit: ApplicationEdit) {
        self.init(name: edit.name, description: edit.description, team: edit.team)
    }
}

extension Components.Schemas.Event {
    public init(_ event: Event) {
        self.init(id: event.id, time: event.time, application: event.application, component: event.component,
                  _type: .init(event.type), reason: event.reason, message: event.message, actor: event.actor, code: event.code,
                  params: event.parameters.map { .init(additionalProperties: $0) })
    }
}

extension Components.Schemas.TeamMember {
    public init(_ member: TeamMember) {
        self.init(login: member.login, role: .init(member.role))
    }
}

extension Components.Schemas.Template {
    public init(_ template: Template) {
        self.init(slug: template.slug, name: template.name, team: template.team,
                  components: template.components.map { .init(kind: .init($0.kind), name: $0.name) })
    }
}

extension ComponentSpec {
    /// The CRD's `spec` object alone, as JSON: what the wire carries beside `kind`.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        return switch self {
        case .mlComponent(let spec): try encoder.encode(spec)
        case .experimentPipeline(let spec): try encoder.encode(spec)
        case .dataBox(let spec): try encoder.encode(spec)
        case .apiComponent(let spec): try encoder.encode(spec)
        }
    }

    /// The spec as one of the wire's payloads (a kind's typed spec, or the free-form object).
    public func payload<Payload: Decodable>(as type: Payload.Type = Payload.self) throws -> Payload {
        try JSONDecoder().decode(Payload.self, from: try json())
    }
}

extension Components.Schemas.Component {
    /// A component as the platform answers it; one without a status yet is pending since `now`.
    public init(_ component: Component, now: Date = Date()) throws {
        let status = component.status ?? Status(phase: .pending, time: now)
        self.init(kind: .init(component.kind), name: component.name, spec: try component.spec.payload(), status: .init(status))
    }
}

extension Components.Schemas.ComponentCreate {
    /// A new component as the contract's `oneOf`, by kind.
    public init(_ component: Component) throws {
        let spec = component.spec
        self = switch spec {
        case .mlComponent: .mlComponent(.init(kind: .mlComponent, name: component.name, spec: try spec.payload()))
        case .experimentPipeline: .experimentPipeline(.init(kind: .experimentPipeline, name: component.name, spec: try spec.payload()))
        case .dataBox: .dataBox(.init(kind: .dataBox, name: component.name, spec: try spec.payload()))
        case .apiComponent: .apiComponent(.init(kind: .apiComponent, name: component.name, spec: try spec.payload()))
        }
    }
}
