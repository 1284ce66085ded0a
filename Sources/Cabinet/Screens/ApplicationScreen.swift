import Client
import Foundation
import Model
import TerminalUI

/// The application page: a header (name, slug, status, updated, author) and the tabs Компоненты
/// (one sub-tab per kind, add/edit/delete), Настройки (name, description, team; delete) and
/// Доступы и безопасность (the grants to users and teams besides the application's team).
struct ApplicationScreen: CabinetScreen {
    enum Tab: Int, CaseIterable, Sendable {
        case components, settings, access
    }

    let slug: String
    private(set) var tab = Tab.components
    private(set) var kindTab = TabsState()
    private(set) var table = TableState()
    /// The add/edit form, while open (it takes the place of the list).
    private(set) var editor: ComponentEditor?
    private(set) var settings: FormState?
    private var teamSlugs: [String] = []
    private(set) var settingsMessage: String?
    private var saving = false
    private(set) var access: AccessTab

    init(slug: String) {
        self.slug = slug
        access = AccessTab(application: slug)
    }

    static let kinds: [ComponentKind] = [.mlComponent, .experimentPipeline, .dataBox, .apiComponent]
    var kind: ComponentKind { Self.kinds[min(max(kindTab.selected, 0), Self.kinds.count - 1)] }

    func application(in context: ScreenContext) -> Application? {
        context.store[.application(slug: slug)]?.application ?? context.applications.first { $0.slug == slug }
    }

    func components(in context: ScreenContext) -> [Component] {
        context.store[.components(application: slug)]?.components ?? []
    }

    func shown(in context: ScreenContext) -> [Component] {
        components(in: context).filter { $0.kind == kind }
    }

    func title(in context: ScreenContext) -> String { application(in: context)?.name ?? slug }
    var mode: String { takesTyping ? "form" : "list" }
    var subject: ScreenSubject? { ScreenSubject(application: slug) }
    var takesTyping: Bool { editor != nil || tab == .settings || (tab == .access && access.isEditing) }
    func resources(in context: ScreenContext) -> [Resource] {
        [.application(slug: slug), .components(application: slug), .teams] + (tab == .access ? [access.resource] : [])
    }

    func commandHints(in context: ScreenContext) -> [(command: KeyAction, label: LocalizedText)] {
        tab == .access && !access.isEditing ? [(.new, Catalog.hintGrant), (.delete, Catalog.hintRevoke)] : []
    }

    mutating func dataChanged(context: ScreenContext) {
        // Built once the application is known; built again when the teams arrive later, unless
        // the user has started editing (what was typed is never thrown away).
        let teams = context.store[.teams]?.teams?.map(\.slug) ?? []
        let teamsArrived = !teams.isEmpty && teams.contains { !teamSlugs.contains($0) }
        if settings == nil || (teamsArrived && !saving && settingsUntouched(context: context)) {
            buildSettings(context: context)
        }
        table.select(table.selected ?? 0, rowCount: shown(in: context).count)
        access.dataChanged(context: context)
    }

    mutating func languageChanged(context: ScreenContext) {
        editor?.relabel(language: context.language)
        if let settings, let words = settingsForm(context: context).map(\.form) {
            var relabelled = settings
            relabelled.relabel(from: words)
            self.settings = relabelled
        }
        access.languageChanged(language: context.language)
    }

    /// Coming to Settings: the form shows the application as it is now, unless the user has
    /// changed something in it and gone to another tab: then what they typed is still there.
    private mutating func enterSettings(context: ScreenContext) {
        if settingsUntouched(context: context) {
            buildSettings(context: context)
        } else {
            settings?.focus("name")
        }
    }

    /// The settings form, filled from the application once it is known.
    private mutating func buildSettings(context: ScreenContext) {
        guard let (form, slugs) = settingsForm(context: context) else { return }
        teamSlugs = slugs
        settings = form
    }

    /// The settings form as the application is now, with the teams its select lists, in order.
    private func settingsForm(context: ScreenContext) -> (form: FormState, teamSlugs: [String])? {
        guard let app = application(in: context) else { return nil }
        let teams = context.store[.teams]?.teams ?? []
        var teamSlugs = teams.map(\.slug)
        if !teamSlugs.contains(app.team) { teamSlugs.append(app.team) }
        let options = teamSlugs.map { slug in teams.first { $0.slug == slug }.map { "\($0.name) (\($0.slug))" } ?? slug }
        let form = FormState(fields: [
            FormField(id: "name", label: context.text(Catalog.applicationName), kind: .text(TextFieldState(text: app.name, maxLength: 100))),
            FormField(id: "description", label: context.text(Catalog.applicationDescription),
                      kind: .textArea(TextAreaState(text: app.description, maxLength: Validation.descriptionMaxLength), height: 4)),
            FormField(id: "team", label: context.text(Catalog.team),
                      kind: .select(SelectState(options: options, selected: teamSlugs.firstIndex(of: app.team)))),
            FormField(id: "buttons", label: "", kind: .buttons([context.text(Catalog.save), context.text(Catalog.deleteApplication)])),
        ])
        return (form, teamSlugs)
    }

    private func settingsUntouched(context: ScreenContext) -> Bool {
        guard let settings, let app = application(in: context) else { return true }
        let team: String? = if case .select(let state, _)? = settings["team"]?.kind, let index = state.selected, teamSlugs.indices.contains(index) {
            teamSlugs[index]
        } else {
            nil
        }
        return settings.value(of: "name") == app.name && settings.value(of: "description") == app.description && team == app.team
    }

    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        if editor != nil { return handleEditor(key, command: command, context: context) }
        if tab == .settings { return handleSettings(key, command: command, context: context) }
        if tab == .access, access.isEditing { return access.handle(key, command: command, context: context) }
        switch command {
        case .focusNext:
            tab = Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count) ?? .components
            if tab == .settings { enterSettings(context: context) }
            return .none
        case .focusPrevious:
            tab = Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count) ?? .components
            if tab == .settings { enterSettings(context: context) }
            return .none
        default: break
        }
        if tab == .access { return access.handle(key, command: command, context: context) }
        guard tab == .components else { return .unhandled }
        let shown = shown(in: context)
        if ScreenDrawing.move(&table, command: command, rowCount: shown.count) { return .none }
        switch command {
        case .moveRight:
            kindTab.next(count: Self.kinds.count)
            table = TableState(selected: 0)
        case .moveLeft:
            kindTab.previous(count: Self.kinds.count)
            table = TableState(selected: 0)
        case .open:
            guard let selected = table.selected, shown.indices.contains(selected) else { return .none }
            return .push(ComponentScreen(application: slug, component: shown[selected].name))
        case .new:
            guard context.isOnline else { return .notice(context.text(Catalog.needsPlatform)) }
            editor = ComponentEditor(kind: kind, language: context.language)
        case .edit:
            guard let selected = table.selected, shown.indices.contains(selected) else { return .none }
            guard context.isOnline else { return .notice(context.text(Catalog.needsPlatform)) }
            editor = ComponentEditor(kind: kind, editing: shown[selected], language: context.language)
        case .delete:
            guard let selected = table.selected, shown.indices.contains(selected) else { return .none }
            guard context.isOnline else { return .notice(context.text(Catalog.needsPlatform)) }
            let name = shown[selected].name
            return .confirm(Confirmation(
                title: context.text(Catalog.deleteComponent), message: context.text(Catalog.deleteComponentMessage(name)),
                dialog: ConfirmDialogState(expected: name), action: .deleteComponent(application: slug, name: name)))
        default: return .unhandled
        }
        return .none
    }

    private mutating func handleEditor(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        guard var editor else { return .none }
        let outcome = editor.handle(key, command: command, others: components(in: context), language: context.language)
        switch outcome {
        case .editing:
            self.editor = editor
        case .cancelled:
            self.editor = nil
        case .submit(let component):
            let action: PlatformAction = if let original = editor.original {
                .replaceComponent(application: slug, name: original.name, component.spec)
            } else {
                .createComponent(application: slug, component)
            }
            let asked = editor.submit(action, context: context)
            self.editor = editor
            return asked
        }
        return .none
    }

    private mutating func handleSettings(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        guard var form = settings else {
            if key == .escape || key == .backTab { tab = .components }
            if key == .tab { tab = .access }
            return .none
        }
        guard !saving else {
            if key == .escape { tab = .components }
            return .none
        }
        // Tab moves through the form; past its last button it goes on to the next tab (Access and
        // security), and BackTab before its first field back to Components, so the tabs stay a ring.
        if key == .tab, form.focusIsOnLastStop {
            tab = .access
            return .none
        }
        if key == .backTab, form.focusIsOnFirstStop {
            tab = .components
            return .none
        }
        let event = form.handle(key, command: command, language: context.language)
        settings = form
        switch event {
        case .cancelled:
            tab = .components
        case .submitted(0):
            guard let app = application(in: context) else { return .none }
            let name = form.value(of: "name") ?? ""
            let description = form.value(of: "description") ?? ""
            let issues = Validation.displayName(name) + Validation.description(description)
            form.clearErrors()
            for issue in issues { form.setError(issue.message.text(in: context.language), for: issue.field) }
            settings = form
            guard issues.isEmpty else { return .none }
            guard context.isOnline else {
                settingsMessage = context.text(Catalog.needsPlatform)
                return .none
            }
            var team: String?
            if case .select(let state, _)? = form["team"]?.kind, let index = state.selected, teamSlugs.indices.contains(index) { team = teamSlugs[index] }
            let edit = ApplicationEdit(name: name == app.name ? nil : name, description: description == app.description ? nil : description,
                                       team: team == app.team ? nil : team)
            guard edit != ApplicationEdit() else {
                settingsMessage = context.text(Catalog.nothingChanged)
                return .none
            }
            saving = true
            settingsMessage = context.text(Catalog.saving)
            return .perform(.updateApplication(slug: slug, edit))
        case .submitted:
            guard context.isOnline else {
                settingsMessage = context.text(Catalog.needsPlatform)
                return .none
            }
            return .confirm(Confirmation(
                title: context.text(Catalog.deleteApplication), message: context.text(Catalog.deleteApplicationMessage(slug)),
                dialog: ConfirmDialogState(expected: slug), action: .deleteApplication(slug: slug)))
        case .none:
            settingsMessage = nil
        }
        return .none
    }

    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction {
        guard action.application == slug else { return .none }
        switch action {
        case .createComponent, .replaceComponent:
            guard var editor, editor.submitting else { return .none }
            editor.submitting = false
            switch result {
            case .success(.component(let component)):
                self.editor = nil
                if let index = components(in: context).filter({ $0.kind == component.kind }).firstIndex(where: { $0.name == component.name }) {
                    table.select(index, rowCount: index + 1)
                }
                return .notice(context.text(Catalog.saved))
            case .success:
                self.editor = nil
            case .failure(.rejected(_, let title, let detail, let fields)):
                editor.show(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value.text(in: context.language)) })
                if fields.isEmpty { editor.formError = detail ?? title }
                self.editor = editor
            case .failure(let error):
                editor.formError = ScreenDrawing.describe(error, in: context.language)
                self.editor = editor
            }
        case .updateApplication:
            saving = false
            switch result {
            case .success(.application(let app)):
                settingsMessage = context.text(Catalog.saved)
                settings?["name"]?.kind = .text(TextFieldState(text: app.name, maxLength: 100))
            case .success:
                settingsMessage = nil
            case .failure(.rejected(_, let title, let detail, let fields)):
                for (field, message) in fields { settings?.setError(message.text(in: context.language), for: field) }
                settingsMessage = fields.isEmpty ? detail ?? title : nil
            case .failure(let error):
                settingsMessage = ScreenDrawing.describe(error, in: context.language)
            }
        case .deleteApplication:
            if case .failure(let error) = result { settingsMessage = ScreenDrawing.describe(error, in: context.language) }
        case .createGrant, .deleteGrant:
            return access.finished(action, result, context: context)
        default:
            break
        }
        return .none
    }

    // MARK: - Drawing

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        let palette = context.palette
        guard let app = application(in: context) else {
            ScreenDrawing.waiting(for: .application(slug: slug), in: area, context: context, buffer: &buffer)
            return
        }
        // Header: name and slug, then status, updated and author.
        let (header, body) = area.rows(top: min(3, area.height))
        ScreenDrawing.line(" \(app.name) · \(app.slug)", y: header.y, in: header, style: palette.title, buffer: &buffer)
        let status = "\(Palette.mark(app.status.phase)) \(context.text(app.status.phase.label))"
        let x = header.x + 1
        if header.height > 1 {
            let written = buffer.setString(x: x, y: header.y + 1, status, style: palette.phase(app.status.phase), maxWidth: max(0, header.right - x))
            let rest = "  \(context.text(Catalog.updated)) \(context.dates.full(app.updatedAt))  \(context.text(Catalog.author)): \(app.author)"
            buffer.setString(x: x + written, y: header.y + 1, rest, style: palette.dim, maxWidth: max(0, header.right - x - written))
        }
        if header.height > 2 {
            Tabs([Tabs.Item(context.text(Catalog.components)), Tabs.Item(context.text(Catalog.settings)), Tabs.Item(context.text(Catalog.access))],
                 styles: palette.tabs).render(in: Rect(x: header.x, y: header.y + 2, width: header.width, height: 1), buffer: &buffer,
                                              state: TabsState(selected: tab.rawValue))
        }
        guard !body.isEmpty else { return }
        if let editor {
            editor.render(in: body, buffer: &buffer, palette: palette, language: context.language)
            return
        }
        switch tab {
        case .components: renderComponents(in: body, buffer: &buffer, context: context, app: app)
        case .settings: renderSettings(in: body, buffer: &buffer, context: context)
        case .access: access.render(in: body, buffer: &buffer, context: context, app: app)
        }
    }

    private func renderComponents(in area: Rect, buffer: inout Buffer, context: ScreenContext, app: Application) {
        let palette = context.palette
        let all = context.store[.components(application: slug)]?.components
        let counts = all.map { list in Self.kinds.map { kind in list.filter { $0.kind == kind }.count } }
            ?? Self.kinds.map { app.components[$0] }
        let (tabs, rest) = area.rows(top: 1)
        Tabs(zip(Self.kinds, counts).map { Tabs.Item(context.text($0.pluralLabel), count: $1) }, styles: palette.tabs)
            .render(in: tabs, buffer: &buffer, state: kindTab)
        guard !rest.isEmpty else { return }
        let (add, list) = rest.rows(top: 1)
        let newKeys = context.text(Catalog.addComponent(kind))
        ScreenDrawing.line(" \(newKeys)", y: add.y, in: add, style: palette.dim, buffer: &buffer)
        guard !list.isEmpty else { return }
        guard let all else {
            ScreenDrawing.waiting(for: .components(application: slug), in: list, context: context, buffer: &buffer)
            return
        }
        let shown = all.filter { $0.kind == kind }
        if shown.isEmpty {
            ScreenDrawing.empty(context.text(Catalog.componentsWillAppear(kind)), in: list, context: context, buffer: &buffer)
            return
        }
        let rows = shown.map { component -> [String] in
            let status = component.status
            return [
                component.name,
                status.map { "\(Palette.mark($0.phase)) \(context.text($0.phase.label))" } ?? "",
                status.map { context.dates.full($0.time) } ?? "",
                Self.summary(component.spec),
                status.map { ScreenDrawing.statusLine($0, context: context) } ?? "",
            ]
        }
        ScreenDrawing.table([
            TableColumn(context.text(Catalog.columnName), width: .flex(min: 10, weight: 2)),
            TableColumn(context.text(Catalog.columnStatus), width: .fixed(context.language == .ru ? 22 : 15)),
            TableColumn(context.text(Catalog.columnUpdated), width: .fixed(23)),
            TableColumn(context.text(Catalog.columnSpec), width: .flex(min: 10, weight: 2)),
            TableColumn(context.text(Catalog.columnMessage), width: .flex(min: 10, weight: 3)),
        ], rows: rows, state: table, in: list, context: context, buffer: &buffer)
    }

    /// One line about a spec: the image, the capacity, what is published.
    static func summary(_ spec: ComponentSpec) -> String {
        switch spec {
        case .mlComponent(let ml): "\(ml.image.existingImageName):\(ml.servicePort)"
        case .experimentPipeline(let pipeline): pipeline.stages.map(\.name).joined(separator: " → ")
        case .dataBox(let box): box.s3DefaultStorage.capacity ?? "1G"
        case .apiComponent(let api): "/\(api.restfulApi.path) → \(api.mlComponent?.name ?? api.experimentPipeline?.name ?? "")"
        }
    }

    private func renderSettings(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard var form = settings else {
            ScreenDrawing.waiting(for: .application(slug: slug), in: area, context: context, buffer: &buffer)
            return
        }
        let inner = Rect(x: area.x + 1, y: area.y + 1, width: max(0, min(area.width - 2, 76)), height: max(0, area.height - 1))
        var rest = inner
        if let settingsMessage, rest.height > 1 {
            ScreenDrawing.line(settingsMessage, y: rest.bottom - 1, in: rest, style: context.palette.notice, buffer: &buffer)
            rest.height -= 1
        }
        Form(spacing: 0, styles: context.palette.form).render(in: rest, buffer: &buffer, state: &form)
    }
}
