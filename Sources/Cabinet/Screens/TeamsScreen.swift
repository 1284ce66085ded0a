import Client
import Foundation
import Model
import TerminalUI

/// Команды: the teams the user can see, their members and roles. A team's owners and maintainers
/// (and platform admins) add members, change their roles and remove them; everybody else reads, and
/// the line under the list says why.
struct TeamsScreen: CabinetScreen {
    private(set) var table = TableState(selected: 0)
    /// The add or change-role form, while open (it takes the place of the list).
    private(set) var editor: MemberForm?
    /// A member just added or changed, to select once the teams are fetched again.
    private var changed: (team: String, login: String)?

    func title(in context: ScreenContext) -> String { context.text(Catalog.teams) }
    var mode: String { editor != nil ? "form" : "list" }
    var takesTyping: Bool { editor != nil }
    func resources(in context: ScreenContext) -> [Resource] { [.teams, .me] }

    mutating func languageChanged(context: ScreenContext) {
        editor?.relabel(language: context.language)
    }

    /// One row per member, the team named on its first.
    private func members(in context: ScreenContext) -> [(team: Team, member: TeamMember)] {
        (context.store[.teams]?.teams ?? []).flatMap { team in team.members.map { (team, $0) } }
    }

    private func selected(in context: ScreenContext) -> (team: Team, member: TeamMember)? {
        let members = members(in: context)
        guard let index = table.selected, members.indices.contains(index) else { return nil }
        return members[index]
    }

    /// The user's role in `team`, and whether it lets them change the members: nil while the
    /// platform has not said who the user is.
    private func standing(in team: Team, context: ScreenContext) -> (role: Role?, manages: Bool)? {
        guard let me = context.store[.me]?.me else { return nil }
        let role = me.teams.first { $0.team == team.slug }?.role ?? team.members.first { $0.login == me.user.login }?.role
        return (role, me.user.isAdmin || role == .owner || role == .maintainer)
    }

    func commandHints(in context: ScreenContext) -> [(command: KeyAction, label: LocalizedText)] {
        guard editor == nil, let team = selected(in: context)?.team, standing(in: team, context: context)?.manages == true else { return [] }
        return [(.new, Catalog.hintAddMember), (.edit, Catalog.hintChangeRole), (.delete, Catalog.hintRemove)]
    }

    mutating func dataChanged(context: ScreenContext) {
        let members = members(in: context)
        if let changed, let index = members.firstIndex(where: { $0.team.slug == changed.team && $0.member.login == changed.login }) {
            table.select(index, rowCount: members.count)
            self.changed = nil
        } else {
            table.select(table.selected ?? 0, rowCount: members.count)
        }
    }

    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        if editor != nil { return handleEditor(key, command: command, context: context) }
        if ScreenDrawing.move(&table, command: command, rowCount: members(in: context).count) { return .none }
        switch command {
        case .new, .edit, .delete:
            guard let (team, member) = selected(in: context) else { return .none }
            guard let standing = standing(in: team, context: context) else { return .notice(context.text(Catalog.roleNotKnown)) }
            guard standing.manages else { return .notice(context.text(Catalog.onlyManagersChange(team.name))) }
            guard context.isOnline else { return .notice(context.text(Catalog.needsPlatform)) }
            switch command {
            case .new: editor = MemberForm(team: team, purpose: .add, language: context.language)
            case .edit: editor = MemberForm(team: team, purpose: .changeRole(login: member.login), current: member.role, language: context.language)
            default:
                return .confirm(Confirmation(
                    title: context.text(Catalog.removeMember), message: context.text(Catalog.removeMemberMessage(member.login, team: team.name)),
                    dialog: ConfirmDialogState(expected: member.login), action: .removeTeamMember(team: team.slug, login: member.login)))
            }
            return .none
        default: return .unhandled
        }
    }

    private mutating func handleEditor(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        guard var editor else { return .none }
        switch editor.handle(key, command: command, language: context.language) {
        case .editing:
            self.editor = editor
        case .cancelled:
            self.editor = nil
        case .submit(let action):
            let asked = editor.submit(action, context: context)
            self.editor = editor
            return asked
        }
        return .none
    }

    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction {
        switch action {
        case .addTeamMember(let team, let login, _), .updateTeamMember(let team, let login, _):
            guard var editor, editor.submitting, editor.team.slug == team else { return .none }
            editor.submitting = false
            switch result {
            case .success:
                self.editor = nil
                changed = (team, login)
                let done = if case .addTeamMember = action { Catalog.memberAdded } else { Catalog.roleChanged }
                return .notice("\(context.text(done)): \(login)")
            case .failure(let error):
                editor.show(error, language: context.language)
                self.editor = editor
            }
        case .removeTeamMember(_, let login):
            switch result {
            case .success: return .notice("\(context.text(Catalog.memberRemoved)): \(login)")
            case .failure(.rejected(409, _, _, _)): return .notice(context.text(Catalog.keepAnOwner))
            case .failure(let error): return .notice(context.text(Catalog.refusal(error)))
            }
        default:
            break
        }
        return .none
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        if let editor {
            editor.render(in: area, buffer: &buffer, palette: context.palette, language: context.language)
            return
        }
        guard context.store[.teams] != nil else {
            ScreenDrawing.waiting(for: .teams, in: area, context: context, buffer: &buffer)
            return
        }
        let members = members(in: context)
        if members.isEmpty {
            ScreenDrawing.empty(nil, in: area, context: context, buffer: &buffer)
            return
        }
        let me = context.store[.me]?.me?.user.login
        var previous: String?
        let rows = members.map { team, member -> [String] in
            defer { previous = team.slug }
            return [previous == team.slug ? "" : "\(team.name) (\(team.slug))", member.login + (member.login == me ? " ★" : ""), context.text(member.role.label)]
        }
        let (list, hint) = area.rows(bottom: area.height > 3 ? 1 : 0)
        ScreenDrawing.table([
            TableColumn(context.text(Catalog.team), width: .flex(min: 12, weight: 2)),
            TableColumn(context.text(Catalog.columnMember), width: .flex(min: 10, weight: 1)),
            TableColumn(context.text(Catalog.columnRole), width: .flex(min: 10, weight: 1)),
        ], rows: rows, state: table, in: list, context: context, buffer: &buffer)
        guard !hint.isEmpty, let team = selected(in: context)?.team else { return }
        let note: LocalizedText = switch standing(in: team, context: context) {
        case nil: Catalog.starNote(Catalog.roleNotKnown)
        case let (role?, true)? where role == .owner || role == .maintainer: Catalog.membersManaged(role: role, team: team.name)
        case (_, true)?: Catalog.membersManagedByAdmin(team: team.name)
        case let (role, false)?: Catalog.membersReadOnly(role: role, team: team.name)
        }
        ScreenDrawing.line(" " + context.text(note), y: hint.y, in: hint, style: context.palette.dim, buffer: &buffer)
    }
}
