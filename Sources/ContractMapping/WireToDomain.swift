import Foundation
import Model
import PlatformContract

// The wire (`Components.Schemas`, generated from openapi.yaml) to the domain (`Model`): the one
// place this direction is written, for the client's answers and the server's requests alike.
// Every enum is an exhaustive `switch`, so a case added to the spec or to the model breaks the
// build here instead of turning into a default. A value the spec does not list (a newer server's
// phase) never gets this far: the generated decoder refuses the answer, which the client reports
// as `unexpected`.

extension Phase {
    public init(_ wire: Components.Schemas.Phase) {
        self = switch wire {
        case .pending: .pending
        case .deploying: .deploying
        case .deployed: .deployed
        case .failed: .failed
        case .stopped: .stopped
        case .deleting: .deleting
        }
    }
}

extension Role {
    public init(_ wire: Components.Schemas.Role) {
        self = switch wire {
        case .owner: .owner
        case .maintainer: .maintainer
        case .developer: .developer
        case .viewer: .viewer
        }
    }
}

extension ComponentKind {
    public init(_ wire: Components.Schemas.ComponentKind) {
        self = switch wire {
        case .mlComponent: .mlComponent
        case .experimentPipeline: .experimentPipeline
        case .dataBox: .dataBox
        case .apiComponent: .apiComponent
        }
    }
}

extension EventType {
    public init(_ wire: Components.Schemas.EventType) {
        self = switch wire {
        case .normal: .normal
        case .warning: .warning
        }
    }
}

extension QuotaResource {
    public init(_ wire: Components.Schemas.QuotaResource) {
        self = switch wire {
        case .cpu: .cpu
        case .memory: .memory
        case .gpu: .gpu
        case .storage: .storage
        case .apps: .apps
        case .components: .components
        }
    }
}

extension Status {
    public init(_ wire: Components.Schemas.Status) {
        self.init(phase: Phase(wire.phase), reason: wire.reason, message: wire.message, time: wire.time, code: wire.code,
                  parameters: wire.params?.additionalProperties)
    }
}

extension Application {
    public init(_ wire: Components.Schemas.Application) {
        self.init(
            slug: wire.slug, name: wire.name, description: wire.description, team: wire.team, template: wire.template,
            author: wire.author, createdAt: wire.createdAt, updatedAt: wire.updatedAt, status: Status(wire.status),
            components: ComponentCounts(mlComponents: wire.components.mlComponents, pipelines: wire.components.pipelines,
                                        dataBoxes: wire.components.dataBoxes, apiComponents: wire.components.apiComponents),
            namespace: wire.namespace)
    }
}

extension Event {
    public init(_ wire: Components.Schemas.Event) {
        self.init(id: wire.id, time: wire.time, application: wire.application, component: wire.component,
                  type: EventType(wire._type), reason: wire.reason, message: wire.message, actor: wire.actor, code: wire.code,
                  parameters: wire.params?.additionalProperties)
    }
}

extension TeamMember {
    public init(_ wire: Components.Schemas.TeamMember) {
        self.init(login: wire.login, role: Role(wire.role))
    }
}

extension Team {
    public init(_ wire: Components.Schemas.Team) {
        self.init(slug: wire.slug, name: wire.name, members: wire.members.map(TeamMember.init))
    }
}

extension Me {
    public init(_ wire: Components.Schemas.Me) {
        self.init(user: User(login: wire.login, name: wire.name, email: wire.email, isAdmin: wire.isAdmin),
                  teams: wire.teams.map { TeamMembership(team: $0.team, role: Role($0.role)) })
    }
}

extension TemplateSummary {
    public init(_ wire: Components.Schemas.Template) {
        self.init(slug: wire.slug, name: wire.name, team: wire.team,
                  components: wire.components.map { Part(kind: ComponentKind($0.kind), name: $0.name) })
    }
}

extension QuotaReport {
    public init(_ wire: Components.Schemas.Quota) {
        self.init(team: wire.team, readings: wire.items.map {
            Reading(resource: QuotaResource($0.resource), hard: $0.hard, used: $0.used)
        })
    }
}

extension ComponentSpec {
    /// The spec of `kind` from the CRD's `spec` object as JSON (the wire's free-form payloads are
    /// read through it). Throws the `DecodingError`, whose path is relative to that object.
    public init(kind: ComponentKind, json: Data) throws {
        let decoder = JSONDecoder()
        self = switch kind {
        case .mlComponent: .mlComponent(try decoder.decode(MLComponentSpec.self, from: json))
        case .experimentPipeline: .experimentPipeline(try decoder.decode(ExperimentPipelineSpec.self, from: json))
        case .dataBox: .dataBox(try decoder.decode(DataBoxSpec.self, from: json))
        case .apiComponent: .apiComponent(try decoder.decode(APIComponentSpec.self, from: json))
        }
    }

    /// The spec of `kind` from one of the wire's spec payloads.
    public init(kind: ComponentKind, payload: some Encodable) throws {
        try self.init(kind: kind, json: try JSONEncoder().encode(payload))
    }
}

extension Component {
    /// A component as the platform answers it.
    public init(_ wire: Components.Schemas.Component) throws {
        self.init(name: wire.name, spec: try ComponentSpec(kind: ComponentKind(wire.kind), payload: wire.spec),
                  status: Status(wire.status))
    }

    /// A new component of the contract's `oneOf`, by kind.
    public init(_ wire: Components.Schemas.ComponentCreate) throws {
        switch wire {
        case .mlComponent(let new): self.init(name: new.name, spec: try ComponentSpec(kind: .mlComponent, payload: new.spec))
        case .experimentPipeline(let new):
            self.init(name: new.name, spec: try ComponentSpec(kind: .experimentPipeline, payload: new.spec))
        case .dataBox(let new): self.init(name: new.name, spec: try ComponentSpec(kind: .dataBox, payload: new.spec))
        case .apiComponent(let new): self.init(name: new.name, spec: try ComponentSpec(kind: .apiComponent, payload: new.spec))
        }
    }
}

extension AccessGrant {
    /// A grant as the platform answers it; nil unless it names exactly one user or one team.
    public init?(_ wire: Components.Schemas.Grant) {
        let subject: Subject
        switch (wire.user, wire.team) {
        case (let user?, nil): subject = .user(user)
        case (nil, let team?): subject = .team(team)
        default: return nil
        }
        self.init(id: wire.id, subject: subject, role: Role(wire.role), createdAt: wire.createdAt, createdBy: wire.createdBy)
    }
}

extension NewApplication {
    /// The create request; an absent description is an empty one.
    public init(_ wire: Components.Schemas.ApplicationCreate) {
        self.init(name: wire.name, slug: wire.slug, description: wire.description ?? "", team: wire.team, template: wire.template)
    }
}

extension ApplicationEdit {
    public init(_ wire: Components.Schemas.ApplicationUpdate) {
        self.init(name: wire.name, description: wire.description, team: wire.team)
    }
}
