import Client
import Foundation
import Model
import TerminalUI

/// Создание приложения: team, template, name (with the slug derived from it, editable), description
/// with its 0/1000 counter, Создать / Отмена. Checked as you type with the platform's own rules;
/// the platform's field errors appear under their fields.
struct CreateApplicationScreen: CabinetScreen {
    private(set) var draft: ApplicationDraft
    private(set) var form: FormState
    private var teamSlugs: [String] = []
    private var templateSlugs: [String] = []
    /// Waiting for the platform's answer to Создать.
    private(set) var submitting = false
    /// A refusal that names no field, or why the platform cannot be asked.
    private(set) var formError: String?

    init(draft: ApplicationDraft, context: ScreenContext) {
        self.draft = draft
        form = FormState(fields: [
            FormField(id: "team", label: context.text(Catalog.team), kind: .select(SelectState(options: []), placeholder: context.text(Catalog.choose))),
            FormField(id: "template", label: context.text(Catalog.template), kind: .select(SelectState(options: []), placeholder: context.text(Catalog.choose))),
            FormField(id: "name", label: context.text(Catalog.applicationName), kind: .text(TextFieldState(text: draft.name, maxLength: 100))),
            FormField(id: "slug", label: context.text(Catalog.slugLabel), kind: .text(TextFieldState(text: draft.slug, maxLength: 63))),
            FormField(id: "description", label: context.text(Catalog.applicationDescription),
                      kind: .textArea(TextAreaState(text: draft.description, maxLength: Validation.descriptionMaxLength),
                                      placeholder: context.text(Catalog.descriptionPlaceholder), height: 4)),
            FormField(id: "buttons", label: "", kind: .buttons([context.text(Catalog.create), context.text(Catalog.cancel)])),
        ])
        dataChanged(context: context)
        validate(context: context, showEmpty: false)
    }

    mutating func languageChanged(context: ScreenContext) {
        form.relabel(from: CreateApplicationScreen(draft: draft, context: context).form)
    }

    func title(in context: ScreenContext) -> String { context.text(Catalog.createApplication) }
    var mode: String { "form" }
    var takesTyping: Bool { true }
    func resources(in context: ScreenContext) -> [Resource] { [.teams, .templates] }

    /// Fills the selects once teams and templates are known, keeping the draft's choices.
    mutating func dataChanged(context: ScreenContext) {
        if let teams = context.store[.teams]?.teams, teams.map(\.slug) != teamSlugs {
            teamSlugs = teams.map(\.slug)
            let options = teams.map { "\($0.name) (\($0.slug))" }
            let chosen = draft.team.flatMap { teamSlugs.firstIndex(of: $0) } ?? (teams.isEmpty ? nil : 0)
            form["team"]?.kind = .select(SelectState(options: options, selected: chosen), placeholder: context.text(Catalog.choose))
            draft.team = chosen.map { teamSlugs[$0] }
        }
        if let templates = context.store[.templates]?.templates, templates.map(\.slug) != templateSlugs {
            templateSlugs = templates.map(\.slug)
            let options = templates.map { Catalog.templateName($0, language: context.language) }
            let chosen = templateSlugs.firstIndex(of: draft.template ?? "") ?? (templates.isEmpty ? nil : 0)
            form["template"]?.kind = .select(SelectState(options: options, selected: chosen), placeholder: context.text(Catalog.choose))
            draft.template = chosen.map { templateSlugs[$0] }
        }
    }

    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        // While the platform is asked, only Esc works: it leaves (the answer still lands in the list).
        guard !submitting else { return key == .escape ? .back : .none }
        let before = draft
        switch form.handle(key, command: command, language: context.language) {
        case .cancelled, .submitted(1):
            return .back
        case .submitted:
            return submit(context: context)
        case .none:
            break
        }
        readDraft()
        guard draft != before else { return .none }
        formError = nil
        validate(context: context, showEmpty: false)
        return .saveDraft(draft)
    }

    /// Takes the form's values into the draft; the slug follows the name until the user edits it.
    private mutating func readDraft() {
        let oldName = draft.name
        draft.name = form.value(of: "name") ?? ""
        draft.description = form.value(of: "description") ?? ""
        if case .select(let state, _)? = form["team"]?.kind { draft.team = state.selected.map { teamSlugs[$0] } }
        if case .select(let state, _)? = form["template"]?.kind { draft.template = state.selected.map { templateSlugs[$0] } }
        let typedSlug = form.value(of: "slug") ?? ""
        if typedSlug != draft.slug {
            draft.slug = typedSlug
            draft.slugEdited = !typedSlug.isEmpty && typedSlug != Slug.derive(from: draft.name)
        } else if draft.name != oldName, !draft.slugEdited {
            draft.slug = Slug.derive(from: draft.name)
            form["slug"]?.kind = .text(TextFieldState(text: draft.slug, maxLength: 63))
        }
    }

    /// Shows the rules' messages under the fields; an untouched empty field is not an error yet.
    @discardableResult
    private mutating func validate(context: ScreenContext, showEmpty: Bool) -> Bool {
        var issues: [String: LocalizedText] = [:]
        if showEmpty || !draft.name.isEmpty { if let issue = Validation.displayName(draft.name).first { issues["name"] = issue.message } }
        if showEmpty || !draft.slug.isEmpty { if let issue = Validation.slug(draft.slug).first { issues["slug"] = issue.message } }
        if let issue = Validation.description(draft.description).first { issues["description"] = issue.message }
        if showEmpty && draft.team == nil { issues["team"] = Catalog.chooseTeam }
        if showEmpty && draft.template == nil { issues["template"] = Catalog.chooseTemplate }
        for id in ["team", "template", "name", "slug", "description"] { form.setError(issues[id].map(context.text), for: id) }
        if let first = ["team", "template", "name", "slug", "description"].first(where: { issues[$0] != nil }), showEmpty {
            form.focus(first)
        }
        return issues.isEmpty
    }

    private mutating func submit(context: ScreenContext) -> ScreenAction {
        guard validate(context: context, showEmpty: true), let team = draft.team, let template = draft.template else { return .none }
        guard context.isOnline else {
            formError = context.text(Catalog.needsPlatform)
            return .none
        }
        submitting = true
        formError = nil
        return .perform(.createApplication(NewApplication(
            name: draft.name.trimmingCharacters(in: .whitespaces), slug: draft.slug, description: draft.description,
            team: team, template: template)))
    }

    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction {
        guard submitting, case .createApplication = action else { return .none }
        submitting = false
        switch result {
        case .success(.application(let created)):
            return .replace(ApplicationScreen(slug: created.slug))
        case .success:
            return .none
        case .failure(.rejected(_, let title, let detail, let fields)):
            var unplaced: [String] = []
            for (field, words) in fields.sorted(by: { $0.key < $1.key }) {
                let message = words.text(in: context.language)
                if form[field] != nil { form.setError(message, for: field) } else { unplaced.append("\(field): \(message)") }
            }
            if let first = ["team", "template", "name", "slug", "description"].first(where: { fields[$0] != nil }) { form.focus(first) }
            formError = fields.isEmpty || !unplaced.isEmpty ? ([detail ?? title] + unplaced).joined(separator: "; ") : nil
        case .failure(let error):
            formError = ScreenDrawing.describe(error, in: context.language)
        }
        return .none
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        let palette = context.palette
        let inner = Rect(x: area.x + 1, y: area.y, width: max(0, min(area.width - 2, 76)), height: area.height)
        // Too short for the title lines and a field (20×6): the field, for what is typed must show.
        let titled = inner.height >= 5
        if titled {
            ScreenDrawing.line(context.text(Catalog.createApplication), y: inner.y, in: inner, style: palette.title, buffer: &buffer)
            ScreenDrawing.line(context.text(Catalog.fillRequired), y: inner.y + 1, in: inner, style: palette.dim, buffer: &buffer)
        }
        var rest = titled ? Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3) : inner
        let status = submitting ? context.text(Catalog.creating) : formError
        if let status, rest.height > 1 {
            ScreenDrawing.line(status, y: rest.bottom - 1, in: rest, style: submitting ? palette.dim : palette.error, buffer: &buffer)
            rest.height -= 1
        }
        var state = form
        Form(spacing: rest.height >= 24 ? 1 : 0, styles: palette.form).render(in: rest, buffer: &buffer, state: &state)
    }
}
