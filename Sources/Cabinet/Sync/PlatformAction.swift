import Client
import Model

/// A change to the platform a screen asks for; the cabinet runs it as a command and hands the
/// result back to every screen (each keeps only what concerns it).
public enum PlatformAction: Sendable, Equatable {
    case createApplication(NewApplication)
    case updateApplication(slug: String, ApplicationEdit)
    case deleteApplication(slug: String)
    case createComponent(application: String, Component)
    case replaceComponent(application: String, name: String, ComponentSpec)
    case deleteComponent(application: String, name: String)
    case createGrant(application: String, AccessGrant.Subject, Role)
    /// Takes back a grant; `subject` names it in messages.
    case deleteGrant(application: String, id: Int64, subject: AccessGrant.Subject)
    case addTeamMember(team: String, login: String, Role)
    case updateTeamMember(team: String, login: String, Role)
    case removeTeamMember(team: String, login: String)

    public enum Outcome: Sendable, Equatable {
        case application(Application)
        case component(Component)
        case grant(AccessGrant)
        case member(TeamMember)
        case deleted
    }

    func run(with client: PlatformClient) async throws(PlatformClientError) -> Outcome {
        switch self {
        case .createApplication(let new): return .application(try await client.createApplication(new))
        case .updateApplication(let slug, let edit): return .application(try await client.updateApplication(slug, edit))
        case .deleteApplication(let slug):
            try await client.deleteApplication(slug)
            return .deleted
        case .createComponent(let application, let component): return .component(try await client.createComponent(component, in: application))
        case .replaceComponent(let application, let name, let spec):
            return .component(try await client.replaceComponentSpec(spec, name: name, in: application))
        case .deleteComponent(let application, let name):
            try await client.deleteComponent(name, in: application)
            return .deleted
        case .createGrant(let application, let subject, let role): return .grant(try await client.createGrant(subject, role: role, in: application))
        case .deleteGrant(let application, let id, _):
            try await client.deleteGrant(id: id, in: application)
            return .deleted
        case .addTeamMember(let team, let login, let role): return .member(try await client.addTeamMember(login, role: role, to: team))
        case .updateTeamMember(let team, let login, let role): return .member(try await client.updateTeamMember(login, role: role, in: team))
        case .removeTeamMember(let team, let login):
            try await client.removeTeamMember(login, from: team)
            return .deleted
        }
    }

    /// The application the action changes, whose data must be fetched again afterwards.
    var application: String? {
        switch self {
        case .createApplication, .addTeamMember, .updateTeamMember, .removeTeamMember: nil
        case .updateApplication(let slug, _), .deleteApplication(let slug): slug
        case .createComponent(let application, _), .replaceComponent(let application, _, _), .deleteComponent(let application, _),
             .createGrant(let application, _, _), .deleteGrant(let application, _, _): application
        }
    }

    /// The team whose members the action changes.
    var team: String? {
        switch self {
        case .addTeamMember(let team, _, _), .updateTeamMember(let team, _, _), .removeTeamMember(let team, _): team
        default: nil
        }
    }
}

extension PlatformAction {
    /// Whether `resource` may have changed once the action succeeded, and so is asked again
    /// (revalidated by its ETag, so an unchanged one costs a 304).
    func invalidates(_ resource: Resource) -> Bool {
        switch resource {
        case .quota, .platformEvents, .teams, .me: true
        case .templates: false
        case .application(let slug), .components(let slug), .applicationEvents(let slug, _), .manifest(let slug, _), .logs(let slug, _),
             .grants(let slug):
            slug == application
        }
    }

    /// Whether the user's kept work on `subject` is over: applied, or its component or
    /// application gone.
    func ends(_ subject: ScreenSubject) -> Bool {
        switch self {
        case .replaceComponent(let application, let name, _), .deleteComponent(let application, let name):
            subject.application == application && subject.component == name
        case .deleteApplication(let slug): subject.application == slug
        default: false
        }
    }
}
