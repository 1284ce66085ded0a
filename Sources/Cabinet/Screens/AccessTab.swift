import Client
import Model
import TerminalUI

/// Доступы и безопасность: who besides the application's team may see or work on it. The grants
/// paint from their cache first; n gives one (a small form), d takes one back after its name is
/// typed. Who may do which is the platform's to say: its refusals are shown, never guessed at.
struct AccessTab: Sendable {
    let application: String
    private(set) var table = TableState(selected: 0)
    /// The Выдать доступ form, while open (it takes the place of the list).
    private(set) var form: GrantForm?
    /// A grant just made, to select once the grants are fetched again.
    private var made: Int64?

    init(application: String) {
        self.application = application
    }

    var resource: Resource { .grants(application: application) }
    var isEditing: Bool { form != nil }

    func grants(in context: ScreenContext) -> [AccessGrant]? {
        context.store[resource]?.grants
    }

    mutating func dataChanged(context: ScreenContext) {
        let grants = grants(in: context) ?? []
        if let made, let index = grants.firstIndex(where: { $0.id == made }) {
            table.select(index, rowCount: grants.count)
            self.made = nil
        } else {
            table.select(table.selected ?? 0, rowCount: grants.count)
        }
    }

    /// `:lang`: an open form takes the new language's words.
    mutating func languageChanged(language: Language) {
        form?.relabel(language: language)
    }

    /// The keys of the list, and of the form while it is open.
    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        if form != nil { return handleForm(key, command: command, context: context) }
        let grants = grants(in: context) ?? []
        if ScreenDrawing.move(&table, command: command, rowCount: grants.count) { return .none }
        switch command {
        case .new:
            guard context.isOnline else { return .notice(context.text(Catalog.needsPlatform)) }
            form = GrantForm(language: context.language)
        case .edit:
            guard selected(in: grants) != nil else { return .none }
            return .notice(context.text(Catalog.grantRoleFixed))
        case .delete:
            guard let grant = selected(in: grants) else { return .none }
            guard context.isOnline else { return .notice(context.text(Catalog.needsPlatform)) }
            return .confirm(Confirmation(
                title: context.text(Catalog.revokeGrant),
                message: context.text(Catalog.revokeGrantMessage(grant.subject, role: grant.role, application: application)),
                dialog: ConfirmDialogState(expected: grant.subject.name),
                action: .deleteGrant(application: application, id: grant.id, subject: grant.subject)))
        default: return .unhandled
        }
        return .none
    }

    private func selected(in grants: [AccessGrant]) -> AccessGrant? {
        guard let index = table.selected, grants.indices.contains(index) else { return nil }
        return grants[index]
    }

    private mutating func handleForm(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        guard var form else { return .none }
        switch form.handle(key, command: command, language: context.language) {
        case .editing:
            self.form = form
        case .cancelled:
            self.form = nil
        case .submit(let subject, let role):
            let asked = form.submit(.createGrant(application: application, subject, role), context: context)
            self.form = form
            return asked
        }
        return .none
    }

    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction {
        switch action {
        case .createGrant(_, let subject, _):
            guard var form, form.submitting else { return .none }
            form.submitting = false
            switch result {
            case .success(let outcome):
                self.form = nil
                if case .grant(let grant) = outcome { made = grant.id }
                return .notice("\(context.text(Catalog.granted)): \(context.text(Catalog.subject(subject)))")
            case .failure(let error):
                form.show(error, language: context.language)
                self.form = form
            }
        case .deleteGrant(_, _, let subject):
            switch result {
            case .success: return .notice("\(context.text(Catalog.revoked)): \(context.text(Catalog.subject(subject)))")
            case .failure(let error): return .notice(context.text(Catalog.refusal(error)))
            }
        default:
            break
        }
        return .none
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext, app: Application) {
        guard !area.isEmpty else { return }
        let palette = context.palette
        if let form {
            form.render(title: context.text(Catalog.grantTitle(app.name)), in: area, buffer: &buffer, palette: palette, language: context.language)
            return
        }
        let (add, list) = area.rows(top: 1)
        ScreenDrawing.line(" \(context.text(Catalog.addGrant))", y: add.y, in: add, style: palette.dim, buffer: &buffer)
        guard !list.isEmpty else { return }
        guard let grants = grants(in: context) else {
            ScreenDrawing.waiting(for: resource, in: list, context: context, buffer: &buffer)
            return
        }
        if grants.isEmpty {
            let team = context.store[.teams]?.teams?.first { $0.slug == app.team }.map { "\($0.name) (\($0.slug))" } ?? app.team
            ScreenDrawing.empty(context.text(Catalog.grantsWillAppear(team: team)), in: list, context: context, buffer: &buffer)
            return
        }
        let rows = grants.map { grant in
            [context.text(Catalog.subject(grant.subject)), context.text(grant.role.label), grant.createdBy, context.dates.full(grant.createdAt)]
        }
        ScreenDrawing.table([
            TableColumn(context.text(Catalog.columnWho), width: .flex(min: 12, weight: 2)),
            TableColumn(context.text(Catalog.columnRole), width: .fixed(context.language == .ru ? 16 : 12)),
            TableColumn(context.text(Catalog.columnGrantedBy), width: .flex(min: 10, weight: 1)),
            TableColumn(context.text(Catalog.columnGrantedAt), width: .fixed(23)),
        ], rows: rows, state: table, in: list, context: context, buffer: &buffer)
    }
}
