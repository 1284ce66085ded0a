import Client
import Model
import TerminalUI

/// The form of the Команды screen: a new member (login and role) or another role for one.
struct MemberForm: PlatformForm, Sendable {
    enum Purpose: Equatable, Sendable {
        case add
        case changeRole(login: String)
    }

    static let roles: [Role] = [.viewer, .developer, .maintainer, .owner]

    let team: Team
    let purpose: Purpose
    private(set) var form: FormState
    /// A problem that belongs to no field (403, 404, offline).
    var formError: String?
    var submitting = false

    init(team: Team, purpose: Purpose, current: Role = .developer, language: Language) {
        self.team = team
        self.purpose = purpose
        var fields: [FormField] = []
        if purpose == .add {
            fields.append(FormField(id: "user", label: Catalog.memberLogin.text(in: language),
                                    kind: .text(TextFieldState(maxLength: 63), placeholder: "ikrupnov")))
        }
        fields.append(FormField(id: "role", label: Catalog.columnRole.text(in: language),
                                kind: .select(SelectState(options: Self.roles.map { $0.label.text(in: language) }, selected: Self.roles.firstIndex(of: current)))))
        fields.append(FormField(id: "buttons", label: "", kind: .buttons([
            (purpose == .add ? Catalog.add : Catalog.save).text(in: language), Catalog.cancel.text(in: language)])))
        form = FormState(fields: fields)
    }

    /// `:lang`: the form's words in `language`, what was typed and chosen kept.
    mutating func relabel(language: Language) {
        form.relabel(from: MemberForm(team: team, purpose: purpose, language: language).form)
    }

    enum Outcome: Equatable, Sendable {
        case editing
        case cancelled
        case submit(PlatformAction)
    }

    mutating func handle(_ key: Key, command: KeyAction? = nil, language: Language) -> Outcome {
        guard !submitting else { return key == .escape ? .cancelled : .editing }
        switch form.handle(key, command: command, language: language) {
        case .cancelled, .submitted(1): return .cancelled
        case .submitted:
            form.clearErrors()
            formError = nil
            var role = Role.developer
            if case .select(let state, _)? = form["role"]?.kind, let index = state.selected, Self.roles.indices.contains(index) { role = Self.roles[index] }
            switch purpose {
            case .add:
                let login = (form.value(of: "user") ?? "").trimmingCharacters(in: .whitespaces)
                guard !login.isEmpty else {
                    form.setError(Catalog.enterLogin.text(in: language), for: "user")
                    form.focus("user")
                    return .editing
                }
                return .submit(.addTeamMember(team: team.slug, login: login, role))
            case .changeRole(let login):
                return .submit(.updateTeamMember(team: team.slug, login: login, role))
            }
        case .none:
            formError = nil
            return .editing
        }
    }

    /// The platform's refusal: field errors under the login or the role, the rest below the form.
    mutating func show(_ error: PlatformClientError, language: Language) {
        let ids = Set(form.fields.map(\.id))
        formError = form.show(error, language: language) { status, field, message in
            let text: LocalizedText = switch (status, field) {
            case (409, "user"): Catalog.alreadyMember
            case (409, "role"): Catalog.keepAnOwner
            default: message
            }
            return (ids.contains(field) ? field : nil, text.text(in: language))
        }
    }

    func title(language: Language) -> String {
        let team = "\(team.name) (\(team.slug))"
        return switch purpose {
        case .add: Catalog.addMemberTitle(team).text(in: language)
        case .changeRole(let login): Catalog.changeRoleTitle(login, team: team).text(in: language)
        }
    }

    func render(in area: Rect, buffer: inout Buffer, palette: Palette, language: Language) {
        ScreenDrawing.form(form, title: title(language: language), status: submitting ? Catalog.saving.text(in: language) : formError,
                           isError: !submitting, in: area, palette: palette, buffer: &buffer)
    }
}
