import Client
import Model
import TerminalUI

/// The Выдать доступ form of the Доступы и безопасность tab: to a user or a team, who, which role.
/// What was typed stays through every refusal; the platform's field errors land under their field.
struct GrantForm: PlatformForm, Sendable {
    /// Lowest first, as a person reads them; a viewer grant is the usual one.
    static let roles: [Role] = [.viewer, .developer, .maintainer, .owner]

    private(set) var form: FormState
    /// A problem that belongs to no field (403, 404, offline).
    var formError: String?
    var submitting = false

    init(language: Language) {
        form = FormState(fields: [
            FormField(id: "kind", label: Catalog.grantTo.text(in: language), kind: .select(SelectState(
                options: [Catalog.grantToUser.text(in: language), Catalog.grantToTeam.text(in: language)], selected: 0))),
            FormField(id: "name", label: Catalog.grantName.text(in: language), kind: .text(TextFieldState(maxLength: 63), placeholder: "ikrupnov")),
            FormField(id: "role", label: Catalog.columnRole.text(in: language),
                      kind: .select(SelectState(options: Self.roles.map { $0.label.text(in: language) }, selected: 0))),
            FormField(id: "buttons", label: "", kind: .buttons([Catalog.add.text(in: language), Catalog.cancel.text(in: language)])),
        ])
    }

    /// `:lang`: the form's words in `language`, what was typed kept.
    mutating func relabel(language: Language) {
        form.relabel(from: GrantForm(language: language).form)
    }

    enum Outcome: Equatable, Sendable {
        case editing
        case cancelled
        case submit(AccessGrant.Subject, Role)
    }

    mutating func handle(_ key: Key, command: KeyAction? = nil, language: Language) -> Outcome {
        guard !submitting else { return key == .escape ? .cancelled : .editing }
        switch form.handle(key, command: command, language: language) {
        case .cancelled, .submitted(1): return .cancelled
        case .submitted:
            form.clearErrors()
            formError = nil
            let name = (form.value(of: "name") ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                form.setError(Catalog.enterGrantee.text(in: language), for: "name")
                form.focus("name")
                return .editing
            }
            return .submit(selectedIndex("kind") == 1 ? .team(name) : .user(name), Self.roles[min(selectedIndex("role"), Self.roles.count - 1)])
        case .none:
            formError = nil
            return .editing
        }
    }

    private func selectedIndex(_ id: String) -> Int {
        if case .select(let state, _)? = form[id]?.kind { state.selected ?? 0 } else { 0 }
    }

    /// The platform's refusal: field errors under the subject's name or the role, the rest below the form.
    mutating func show(_ error: PlatformClientError, language: Language) {
        formError = form.show(error, language: language) { status, field, message in
            let target: String? = switch field {
            case "user", "team": "name"
            case "role": "role"
            default: nil
            }
            guard let target else { return (nil, "\(field): \(message.text(in: language))") }
            return (target, (status == 409 && target == "name" ? Catalog.alreadyGranted : message).text(in: language))
        }
    }

    func render(title: String, in area: Rect, buffer: inout Buffer, palette: Palette, language: Language) {
        ScreenDrawing.form(form, title: title, status: submitting ? Catalog.saving.text(in: language) : formError, isError: !submitting,
                           in: area, palette: palette, buffer: &buffer)
    }
}
