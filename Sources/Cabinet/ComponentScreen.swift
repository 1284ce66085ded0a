import Client
import Foundation
import Model
import TerminalUI

/// The component page: События (Статус, Время, Действие, with reason and message), Манифест (the
/// YAML the platform renders), Логи (the process's output, polled while the tab is open: follow,
/// wrap, search), and Метрики, which says on screen that it comes later.
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

    init(application: String, component: String) {
        self.application = application
        self.component = component
    }

    func title(in context: ScreenContext) -> String { component }
    var mode: String { "list" }
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

    mutating func handle(_ key: Key, command: String?, context: ScreenContext) -> ScreenAction {
        if tab == .logs, log.handle(key) { return .none }
        switch command {
        case "focus_next", "move_right":
            tab = Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count) ?? .events
        case "focus_previous", "move_left":
            tab = Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count) ?? .events
        case "open" where tab == .metrics: return .openDashboard(name: "component", application: application, component: component)
        case "back": return .back
        case "quit": return .quit
        case "refresh": return .refresh
        default:
            switch tab {
            case .events: _ = ScreenDrawing.move(&table, command: command, rowCount: events(in: context)?.count ?? 0)
            case .manifest:
                let lines = context.store[.manifest(application: application, component: component)]?.manifest?.split(separator: "\n").count ?? 0
                var state = TableState(selected: manifestOffset)
                _ = ScreenDrawing.move(&state, command: command, rowCount: lines)
                manifestOffset = state.selected ?? 0
            case .logs, .metrics: break
            }
        }
        return .none
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
            let why = [status.reason, status.message].compactMap { $0 }.joined(separator: ": ")
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
        let resource = Resource.manifest(application: application, component: component)
        guard let manifest = context.store[resource]?.manifest else {
            ScreenDrawing.waiting(for: resource, in: area, context: context, buffer: &buffer)
            return
        }
        let lines = manifest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = min(manifestOffset, max(0, lines.count - area.height))
        for (row, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            ScreenDrawing.line(" " + line, y: area.y + row, in: area, style: context.palette.text, buffer: &buffer)
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
        row += [Catalog.reason(event.reason).map(context.text) ?? event.reason, event.message]
        return row
    }
}
