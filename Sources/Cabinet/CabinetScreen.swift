import Client
import Foundation
import Model
import TerminalUI

/// What every screen may read while it handles a key or draws: the language, the styles and the
/// platform data known so far.
struct ScreenContext: Sendable {
    var language: Language
    var dates: DateText
    var palette: Palette
    var store: ResourceStore
    /// The applications list (the list screen keeps it; other screens look names up in it).
    var applications: [Application]
    /// False while the platform is unreachable: actions that need it are refused with the reason.
    var isOnline: Bool
    /// The active keys, for screens that name one in their text (nil in contexts without keys).
    var keymap: Keymap?

    func text(_ text: LocalizedText) -> String { text.text(in: language) }

    /// The first key the keymap gives `command` in `mode`, as written in keymaps ("e", "F4").
    func key(for command: String, mode: String) -> String? {
        keymap?.keys(for: command, mode: mode).first.map(KeyNotation.describe)
    }
}

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

/// A destructive action waiting for the user to type the name it acts on.
struct Confirmation: Sendable {
    var title: String
    var message: String
    var dialog: ConfirmDialogState
    var action: PlatformAction
}

/// What a screen wants the cabinet to do after a key or a result.
enum ScreenAction: Sendable {
    case none
    case back
    case push(any CabinetScreen)
    /// Replaces the screen on top, e.g. the create form by the application it created.
    case replace(any CabinetScreen)
    case perform(PlatformAction)
    case confirm(Confirmation)
    case refresh
    case quit
    /// A one-line message for the status bar.
    case notice(String)
    case saveDraft(ApplicationDraft)
    /// Hands a text to the user's editor; the result comes back to the screen (`edited`).
    case editExternally(ExternalEdit)
    /// A dashboard over the cabinet, for an application (and component).
    case openDashboard(name: String, application: String, component: String?)
}

/// A screen above the applications list: a state machine that draws itself from its own state and
/// the platform data in the context.
protocol CabinetScreen: Sendable {
    /// Its crumb in the top bar.
    func title(in context: ScreenContext) -> String
    /// The keymap mode its keys are looked up in (and the help lists).
    var mode: String { get }
    /// Forms take every key first, so that "q" types a q instead of quitting.
    var takesTyping: Bool { get }
    /// The platform data it shows; the cabinet loads each from the cache, then fetches it.
    func resources(in context: ScreenContext) -> [Resource]
    mutating func handle(_ key: Key, command: String?, context: ScreenContext) -> ScreenAction
    /// A platform action finished (started by this screen or another).
    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction
    /// New platform data arrived; screens that prefill forms from it take it here.
    mutating func dataChanged(context: ScreenContext)
    /// `:lang` switched the UI's language: words a screen keeps (its forms' labels) are put in the
    /// new one; what the user typed stays. Everything drawn from the context follows by itself.
    mutating func languageChanged(context: ScreenContext)
    /// The screen's own commands for the status bar's hints (their keys come from the keymap).
    func commandHints(in context: ScreenContext) -> [(command: String, label: LocalizedText)]
    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext)
}

extension CabinetScreen {
    var takesTyping: Bool { false }
    func commandHints(in context: ScreenContext) -> [(command: String, label: LocalizedText)] { [] }
    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction { .none }
    mutating func dataChanged(context: ScreenContext) {}
    mutating func languageChanged(context: ScreenContext) {}
}

/// Drawing helpers the screens share.
enum ScreenDrawing {
    static func centre(_ text: String, y: Int, in area: Rect, style: Style, buffer: inout Buffer) {
        guard y >= area.y, y < area.bottom else { return }
        let fitted = DisplayWidth.truncate(text, to: area.width)
        let x = area.x + max(0, (area.width - DisplayWidth.of(fitted)) / 2)
        buffer.setString(x: x, y: y, fitted, style: style, maxWidth: area.right - x)
    }

    static func line(_ text: String, y: Int, in area: Rect, style: Style, buffer: inout Buffer) {
        guard y >= area.y, y < area.bottom, area.width > 0 else { return }
        buffer.setString(x: area.x, y: y, DisplayWidth.truncate(text, to: area.width), style: style, maxWidth: area.width)
    }

    /// "Пока пусто" with a hint under it, in the middle of `area`.
    static func empty(_ hint: String?, in area: Rect, context: ScreenContext, buffer: inout Buffer) {
        let middle = area.y + area.height / 2
        centre(context.text(Catalog.emptyTitle), y: middle - (hint == nil ? 0 : 1), in: area, style: context.palette.title, buffer: &buffer)
        if let hint { centre(hint, y: middle, in: area, style: context.palette.dim, buffer: &buffer) }
    }

    /// Nothing cached and nothing fetched yet: loading, or why it failed.
    static func waiting(for resource: Resource, in area: Rect, context: ScreenContext, buffer: inout Buffer) {
        let text = context.store.failure(resource).map(Self.describe) ?? context.text(Catalog.loading)
        centre(text, y: area.y + area.height / 2, in: area, style: context.palette.dim, buffer: &buffer)
    }

    static func describe(_ error: PlatformClientError) -> String {
        switch error {
        case .rejected(_, let title, let detail, _): detail ?? title
        case .unreachable(let why), .unauthorized(let why), .unexpected(let why): why
        }
    }

    /// A table of `rows` with the shared styles, the selection kept visible.
    static func table(_ columns: [TableColumn], rows: [[String]], state: TableState, in area: Rect, context: ScreenContext, buffer: inout Buffer) {
        let table = Table(
            columns: columns, rowCount: rows.count, row: { rows.indices.contains($0) ? rows[$0] : [] },
            styles: TableStyles(header: context.palette.tableHeader, row: context.palette.tableRow, selected: context.palette.tableSelected))
        var state = state
        table.render(in: area, buffer: &buffer, state: &state)
    }

    /// Moves a table selection for the list commands; true when the command was one of them.
    static func move(_ state: inout TableState, command: String?, rowCount: Int, page: Int = 10) -> Bool {
        switch command {
        case "move_down": state.moveSelection(by: 1, rowCount: rowCount)
        case "move_up": state.moveSelection(by: -1, rowCount: rowCount)
        case "page_down": state.moveSelection(by: page, rowCount: rowCount)
        case "page_up": state.moveSelection(by: -page, rowCount: rowCount)
        case "goto_top": state.select(rowCount == 0 ? nil : 0, rowCount: rowCount)
        case "goto_bottom": state.select(rowCount == 0 ? nil : rowCount - 1, rowCount: rowCount)
        default: return false
        }
        return true
    }
}
