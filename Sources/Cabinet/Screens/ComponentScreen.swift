import Client
import Foundation
import Model
import TerminalUI

/// The component page: События (Статус, Время, Действие, with reason and message), Манифест (the
/// YAML the platform renders), Логи (the process's output, polled while the tab is open: follow,
/// wrap, search), and Метрики, which says on screen that it comes later.
///
/// `e` opens the manifest in the user's editor; what comes back is read as YAML, checked against
/// the component (kind, name, fields, types) and applied as the component's new spec. Refused
/// text stays as a draft, shown with its errors and reopened by the next `e`, until applied or
/// discarded (`x`): a mistake never loses the user's work.
struct ComponentScreen: CabinetScreen {
    enum Tab: Int, CaseIterable, Sendable {
        case events, manifest, logs, metrics
    }

    let application: String
    let component: String
    private(set) var tab = Tab.events
    private(set) var table = TableState(selected: 0)
    /// The first manifest line shown.
    private(set) var manifestOffset = 0
    /// The log as shown: following the end unless scrolled, wrapped or not, searched.
    private(set) var log = LogViewState(maxLines: 2_000)
    private var logLines: [String] = []
    /// The user's edited manifest while it is not applied (refused, or on its way).
    private(set) var draft: ManifestDraft?

    struct ManifestDraft: Equatable, Sendable {
        var text: String
        /// Why it was refused, each at its line when known; empty while it is being applied.
        var problems: [ManifestProblem] = []
        var applying = false
    }

    init(application: String, component: String) {
        self.application = application
        self.component = component
    }

    func title(in context: ScreenContext) -> String { component }
    /// The Логи tab's keys are the keymap's [log] section (over the global ones).
    var mode: String { tab == .logs ? "log" : "list" }
    func resources(in context: ScreenContext) -> [Resource] {
        [.components(application: application), .applicationEvents(application: application, component: component),
         .manifest(application: application, component: component)] + (tab == .logs ? [.logs(application: application, component: component)] : [])
    }

    /// While a log search is typed, every key is the search's.
    var takesTyping: Bool { tab == .logs && log.searchInput != nil }

    mutating func dataChanged(context: ScreenContext) {
        guard let lines = context.store[.logs(application: application, component: component)]?.logs, lines != logLines else { return }
        var fresh = LogViewState(maxLines: 2_000)
        fresh.isFollowing = log.isFollowing
        fresh.isWrapping = log.isWrapping
        fresh.append(contentsOf: lines)
        if !log.searchQuery.isEmpty { fresh.search(log.searchQuery) }
        log = fresh
        logLines = lines
    }

    private func events(in context: ScreenContext) -> [Event]? {
        context.store[.applicationEvents(application: application, component: component)]?.events
    }

    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        if tab == .logs {
            // A search being typed, or Esc ending one, is the log's; the rest come from the keymap.
            if log.isTypingSearch || (key == .escape && !log.searchQuery.isEmpty) { _ = log.handle(key); return .none }
            if let command = command.flatMap(Self.logCommand) { log.perform(command); return .none }
        }
        switch command {
        case .focusNext, .moveRight:
            tab = Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count) ?? .events
        case .focusPrevious, .moveLeft:
            tab = Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count) ?? .events
        case .open where tab == .metrics: return .openDashboard(name: "component", application: application, component: component)
        case .edit: return editManifest(context: context)
        case .discard where draft != nil && draft?.applying == false:
            draft = nil
            manifestOffset = 0
            return .notice(context.text(Catalog.manifestDiscarded))
        default:
            switch tab {
            case .events:
                if !ScreenDrawing.move(&table, command: command, rowCount: events(in: context)?.count ?? 0) { return .unhandled }
            case .manifest:
                let lines = (draft?.text ?? manifest(in: context))?.textLines.count ?? 0
                var state = TableState(selected: manifestOffset)
                guard ScreenDrawing.move(&state, command: command, rowCount: lines) else { return .unhandled }
                manifestOffset = state.selected ?? 0
            case .logs, .metrics: return .unhandled
            }
        }
        return .none
    }

    /// The keys the status bar offers on the Манифест tab.
    /// The log view's command for a keymap action on the Логи tab.
    static func logCommand(_ action: KeyAction) -> LogViewState.Command? {
        switch action {
        case .moveUp: .up
        case .moveDown: .down
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .gotoTop: .top
        case .gotoBottom, .follow: .follow
        case .wrap: .wrap
        case .search: .search
        case .searchNext: .searchNext
        case .searchPrevious: .searchPrevious
        default: nil
        }
    }

    func commandHints(in context: ScreenContext) -> [(command: KeyAction, label: LocalizedText)] {
        if tab == .logs { return [(.search, Catalog.hintSearch), (.follow, Catalog.hintFollow), (.wrap, Catalog.hintWrap)] }
        guard tab == .manifest else { return [] }
        return [(.edit, Catalog.hintEditManifest)] + (draft == nil ? [] : [(.discard, Catalog.hintDiscard)])
    }

    // MARK: - The manifest in $EDITOR

    private func manifest(in context: ScreenContext) -> String? {
        context.store[.manifest(application: application, component: component)]?.manifest
    }

    var subject: ScreenSubject? { ScreenSubject(application: application, component: component) }

    var keptWork: (any Sendable)? { draft }

    /// A draft kept from an earlier visit, shown at once. One that was on its way when the page
    /// was left is shown as not applied: its answer went to no page.
    mutating func recall(_ kept: any Sendable) {
        guard let kept = kept as? ManifestDraft else { return }
        draft = kept
        draft?.applying = false
        tab = .manifest
    }

    func edits(_ edit: ExternalEdit) -> Bool {
        edit.application == application && edit.component == component
    }

    /// The user's draft if there is one, else the platform's manifest, to the editor.
    private mutating func editManifest(context: ScreenContext) -> ScreenAction {
        tab = .manifest
        guard context.isOnline else { return .notice(context.text(Catalog.needsPlatform)) }
        guard draft?.applying != true else { return .notice(context.text(Catalog.manifestApplying)) }
        guard let text = draft?.text ?? manifest(in: context) else { return .notice(context.text(Catalog.manifestNotLoaded)) }
        return .editExternally(ExternalEdit(application: application, component: component, fileName: "\(component).yaml", text: text))
    }

    /// The editor is done: an edited text is read back and, if it describes this component
    /// correctly, applied; otherwise it is kept with what is wrong.
    mutating func edited(_ edit: ExternalEdit, _ result: ExternalEditResult, context: ScreenContext) -> ScreenAction {
        switch result {
        case .failed(let why):
            return .notice(context.text(why))
        case .unchanged:
            // A kept draft saved as it was is tried again (the platform may be back, or a
            // reference it lacked may exist now).
            guard let draft else { return .notice(context.text(Catalog.manifestUnchanged)) }
            return edited(edit, .edited(draft.text), context: context)
        case .edited(let text):
            guard let found = context.store[.components(application: application)]?.components?.first(where: { $0.name == component }) else {
                draft = ManifestDraft(text: text)
                return .notice(context.text(Catalog.manifestNotLoaded))
            }
            let spec: ComponentSpec
            do {
                spec = try Manifest.spec(from: text, kind: found.kind, name: component, namespace: namespace(in: context))
            } catch {
                refuse(text, [error])
                return .notice(context.text(Catalog.manifestNotApplied))
            }
            if spec == found.spec && draft == nil {
                return .notice(context.text(Catalog.manifestUnchanged))
            }
            guard context.isOnline else {
                // The platform went away while the editor was open: the text is kept for later.
                refuse(text, [ManifestProblem(line: nil, message: Catalog.needsPlatform)])
                return .notice(context.text(Catalog.needsPlatform))
            }
            draft = ManifestDraft(text: text, applying: true)
            return .perform(.replaceComponent(application: application, name: component, spec))
        }
    }

    private mutating func refuse(_ text: String, _ problems: [ManifestProblem]) {
        let sorted = problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        draft = ManifestDraft(text: text, problems: sorted)
        // The first problem's line in sight, with a little context above it.
        manifestOffset = max(0, (sorted.first?.line ?? 1) - 3)
    }

    /// The namespace the platform's manifest names (the edited one must keep it).
    private func namespace(in context: ScreenContext) -> String? {
        manifest(in: context).flatMap(Manifest.namespace(in:))
    }

    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction {
        guard case .replaceComponent(let app, let name, _) = action, app == application, name == component,
              let draft, draft.applying else { return .none }
        switch result {
        case .success:
            self.draft = nil
            manifestOffset = 0
            return .notice(context.text(Catalog.manifestApplied))
        case .failure(.rejected(_, let title, let detail, let fields)) where !fields.isEmpty:
            // The platform names fields by their path in the spec: each is put at its key's line.
            refuse(draft.text, fields.map { field, message in
                ManifestProblem(line: Manifest.line(of: field, in: draft.text), message: LocalizedText(ru: "\(field): \(message.ru)", en: "\(field): \(message.en)"))
            })
            _ = (title, detail)
        case .failure(let error):
            let why = ScreenDrawing.describe(error, in: context.language)
            refuse(draft.text, [ManifestProblem(line: nil, message: LocalizedText(ru: why, en: why))])
        }
        return .notice(context.text(Catalog.manifestNotApplied))
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        let palette = context.palette
        let found = context.store[.components(application: application)]?.components?.first { $0.name == component }
        let (header, body) = area.rows(top: min(2, area.height))
        let kind = found.map { " · \(context.text(Catalog.singular($0.kind)))" } ?? ""
        ScreenDrawing.line(" \(component)\(kind)", y: header.y, in: header, style: palette.title, buffer: &buffer)
        if let status = found?.status, header.height > 1 {
            let x = header.x + 1
            let written = buffer.setString(x: x, y: header.y + 1, "\(Palette.mark(status.phase)) \(context.text(status.phase.label))",
                                           style: palette.phase(status.phase), maxWidth: max(0, header.right - x))
            let why = ScreenDrawing.statusLine(status, context: context)
            buffer.setString(x: x + written, y: header.y + 1, "  \(context.dates.full(status.time))  \(why)", style: palette.dim,
                             maxWidth: max(0, header.right - x - written))
        }
        guard !body.isEmpty else { return }
        let (tabs, content) = body.rows(top: 1)
        Tabs([Tabs.Item(context.text(Catalog.events)), Tabs.Item(context.text(Catalog.manifest)),
              Tabs.Item(context.text(Catalog.logs)), Tabs.Item(context.text(Catalog.metrics))], styles: palette.tabs)
            .render(in: tabs, buffer: &buffer, state: TabsState(selected: tab.rawValue))
        guard !content.isEmpty else { return }
        switch tab {
        case .events: renderEvents(in: content, buffer: &buffer, context: context)
        case .manifest: renderManifest(in: content, buffer: &buffer, context: context)
        case .logs: renderLogs(in: content, buffer: &buffer, context: context)
        case .metrics:
            ScreenDrawing.centre(context.text(Catalog.metricsOpen), y: content.y + content.height / 2, in: content, style: palette.dim, buffer: &buffer)
        }
    }

    private func renderEvents(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let resource = Resource.applicationEvents(application: application, component: component)
        guard let events = events(in: context) else {
            ScreenDrawing.waiting(for: resource, in: area, context: context, buffer: &buffer)
            return
        }
        if events.isEmpty {
            ScreenDrawing.empty(nil, in: area, context: context, buffer: &buffer)
            return
        }
        ScreenDrawing.table(EventRows.columns(context: context, withApplication: false), rows: events.map { EventRows.row($0, context: context, withApplication: false) },
                            state: table, in: area, context: context, buffer: &buffer)
    }

    private func renderLogs(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let resource = Resource.logs(application: application, component: component)
        guard let lines = context.store[resource]?.logs else {
            ScreenDrawing.waiting(for: resource, in: area, context: context, buffer: &buffer)
            return
        }
        if lines.isEmpty {
            ScreenDrawing.centre(context.text(Catalog.logsEmpty), y: area.y + area.height / 2, in: area, style: context.palette.dim, buffer: &buffer)
            return
        }
        var state = log
        if logLines != lines {
            // Data newer than the last `dataChanged` (a cached copy on opening the tab).
            state = LogViewState(maxLines: 2_000)
            state.isWrapping = log.isWrapping
            state.append(contentsOf: lines)
        }
        LogView().render(in: area, buffer: &buffer, state: &state)
    }

    private func renderManifest(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        if let draft {
            renderDraft(draft, in: area, buffer: &buffer, context: context)
            return
        }
        let resource = Resource.manifest(application: application, component: component)
        guard let manifest = context.store[resource]?.manifest else {
            ScreenDrawing.waiting(for: resource, in: area, context: context, buffer: &buffer)
            return
        }
        let lines = manifest.textLines.map(String.init)
        let first = min(manifestOffset, max(0, lines.count - area.height))
        for (row, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            ScreenDrawing.line(" " + line, y: area.y + row, in: area, style: context.palette.text, buffer: &buffer)
        }
    }
}

extension ComponentScreen {
    /// A refused edit: what is wrong ("inference.yaml:12: …"), then the user's text with line
    /// numbers and the lines in question marked.
    fileprivate func renderDraft(_ draft: ManifestDraft, in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let palette = context.palette
        var notes: [(String, Style)] = draft.applying ? [(context.text(Catalog.manifestApplying), palette.dim)] : []
        for problem in draft.problems {
            let place = problem.line.map { "\(component).yaml:\($0): " } ?? "\(component).yaml: "
            notes.append(("✗ " + place + context.text(problem.message), palette.error))
        }
        if !draft.applying {
            let note = Catalog.manifestDraftNote(edit: context.key(for: .edit, mode: mode) ?? "e", discard: context.key(for: .discard, mode: mode) ?? "u")
            notes.append((context.text(note), palette.dim))
        }
        // The notes take at most half the area, so the text stays in sight on small screens.
        let shown = notes.prefix(max(1, area.height / 2))
        for (row, note) in shown.enumerated() {
            ScreenDrawing.line(" " + note.0, y: area.y + row, in: area, style: note.1, buffer: &buffer)
        }
        let text = Rect(x: area.x, y: area.y + shown.count, width: area.width, height: max(0, area.height - shown.count))
        guard !text.isEmpty else { return }
        let lines = draft.text.textLines.map(String.init)
        let marked = Set(draft.problems.compactMap(\.line))
        let gutter = String(lines.count).count
        let first = min(manifestOffset, max(0, lines.count - text.height))
        for (row, line) in lines.dropFirst(first).prefix(text.height).enumerated() {
            let number = first + row + 1
            let label = String(repeating: " ", count: gutter - String(number).count) + String(number)
            let isMarked = marked.contains(number)
            ScreenDrawing.line("\(isMarked ? "▶" : " ")\(label) │ \(line)", y: text.y + row, in: text,
                               style: isMarked ? palette.error : palette.text, buffer: &buffer)
        }
    }
}

/// Events as table rows, shared by the component page and the platform-wide События screen.
enum EventRows {
    static func columns(context: ScreenContext, withApplication: Bool) -> [TableColumn] {
        var columns = [
            TableColumn(context.text(Catalog.columnStatus), width: .fixed(context.language == .ru ? 16 : 10)),
            TableColumn(context.text(Catalog.columnTime), width: .fixed(23)),
        ]
        if withApplication {
            columns.append(TableColumn(context.text(Catalog.columnApplication), width: .flex(min: 10, weight: 1)))
            columns.append(TableColumn(context.text(Catalog.columnComponent), width: .flex(min: 8, weight: 1)))
        }
        columns.append(TableColumn(context.text(Catalog.columnAction), width: .flex(min: 8, weight: 1)))
        columns.append(TableColumn(context.text(Catalog.columnMessage), width: .flex(min: 10, weight: 3)))
        return columns
    }

    static func row(_ event: Event, context: ScreenContext, withApplication: Bool) -> [String] {
        var row = ["\(event.type == .warning ? "▲" : "●") \(context.text(Catalog.eventType(event.type)))", context.dates.full(event.time)]
        if withApplication { row += [event.application, event.component ?? "—"] }
        row += [Catalog.reason(event.reason).map(context.text) ?? event.reason, context.text(event.words)]
        return row
    }
}
