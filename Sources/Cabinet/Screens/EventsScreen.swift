import Foundation
import Model
import TerminalUI

/// События: the platform's newest events (the caller's applications, or all for admins), kept
/// live by the event stream while the screen is open (polling when the stream fails). The filter
/// key cycles the type (all → warnings → normal), the period key the time window (15 min, 1 h,
/// 24 h, 7 d, all), the application key opens a list of the applications to narrow to one;
/// `:events SLUG` opens it narrowed.
struct EventsScreen: CabinetScreen {
    private(set) var type: EventType?
    /// Only this application's events, when given.
    private(set) var application: String?
    private(set) var window = EventWindow.all
    private(set) var table = TableState(selected: 0)
    /// The stream's state, set by the cabinet, for the header line.
    var live = EventsFeed.Status.idle
    /// The application list, while it is open: "all" first, then each application's slug.
    private(set) var picker: SelectState?

    init(application: String? = nil) {
        self.application = application
    }

    var resource: Resource { .platformEvents(type: type, application: application, window: window) }

    var followedStream: Resource? { resource }

    mutating func streamChanged(_ status: EventsFeed.Status) { live = status }

    var trailingHints: [(command: KeyAction, label: LocalizedText)] {
        [(.filter, Catalog.hintFilter), (.timeRange, Catalog.hintPeriod), (.chooseApplication, Catalog.hintApplication)]
    }

    func title(in context: ScreenContext) -> String {
        if let application { return context.text(Catalog.events) + ": \(application)" }
        // The platform narrows to the caller's applications unless they are an admin.
        guard let me = context.store[.me]?.me else { return context.text(Catalog.events) }
        return context.text(Catalog.events) + ": " + context.text(me.user.isAdmin ? Catalog.allApplications : Catalog.myApplications)
    }
    var mode: String { "events" }
    /// The open application list takes the keys (Esc closes it instead of leaving the screen).
    var takesTyping: Bool { picker != nil }
    /// The events only: who the user is (for the title) comes with the cabinet's heartbeat, and
    /// would otherwise make the top bar's "data from" the age of /v1/me instead of the events'.
    func resources(in context: ScreenContext) -> [Resource] { [resource] }

    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        if var open = picker {
            _ = open.handle(key)
            if open.isOpen {
                picker = open
                return .none
            }
            picker = nil
            guard key == .enter || key == .char(" "), let chosen = open.selected else { return .none }
            let slug = chosen == 0 ? nil : open.options[chosen]
            guard slug != application else { return .none }
            application = slug
            table = TableState(selected: 0)
            return .refresh
        }
        let events = context.store[resource]?.events ?? []
        if ScreenDrawing.move(&table, command: command, rowCount: events.count) { return .none }
        switch command {
        case .filter:
            type = switch type {
            case nil: .warning
            case .warning: .normal
            case .normal: nil
            }
            table = TableState(selected: 0)
            return .refresh
        case .timeRange:
            window = window.next
            table = TableState(selected: 0)
            return .refresh
        case .chooseApplication:
            // The applications of the list, and those of events streamed since it was fetched.
            let slugs = Set(context.applications.map(\.slug)).union(events.map(\.application)).union(application.map { [$0] } ?? []).sorted()
            var state = SelectState(options: [context.text(Catalog.allApplications)] + slugs,
                                    selected: application.flatMap { slugs.firstIndex(of: $0).map { $0 + 1 } } ?? 0)
            _ = state.handle(.enter)
            picker = state
            return .none
        case .open:
            guard let selected = table.selected, events.indices.contains(selected) else { return .none }
            return .push(ApplicationScreen(slug: events[selected].application))
        default: return .unhandled
        }
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        let (top, list) = area.rows(top: 1)
        ScreenDrawing.line(" " + filters(context), y: top.y, in: top, style: context.palette.dim, buffer: &buffer)
        if let state = liveText(context) {
            let width = DisplayWidth.of(state.text) + 1
            if top.width > DisplayWidth.of(filters(context)) + width + 2 {
                buffer.setString(x: top.right - width, y: top.y, state.text, style: state.style, maxWidth: width)
            }
        }
        defer { renderPicker(below: top, in: area, buffer: &buffer, context: context) }
        guard !list.isEmpty else { return }
        guard let events = context.store[resource]?.events else {
            ScreenDrawing.waiting(for: resource, in: list, context: context, buffer: &buffer)
            return
        }
        if events.isEmpty {
            ScreenDrawing.empty(nil, in: list, context: context, buffer: &buffer)
            return
        }
        ScreenDrawing.table(EventRows.columns(context: context, withApplication: true),
                            rows: events.map { EventRows.row($0, context: context, withApplication: true) },
                            state: table, in: list, context: context, buffer: &buffer)
    }

    /// "Event type: all · Period: 1 h · Application: all".
    private func filters(_ context: ScreenContext) -> String {
        let kind = type.map { context.text(Catalog.eventType($0)) } ?? context.text(Catalog.allTypes)
        return "\(context.text(Catalog.typeFilter)): \(kind) · \(context.text(Catalog.periodFilter)): \(context.text(Catalog.eventWindow(window)))"
            + " · \(context.text(Catalog.applicationFilter)): \(application ?? context.text(Catalog.allTypes))"
    }

    private func liveText(_ context: ScreenContext) -> (text: String, style: Style)? {
        switch live {
        case .idle: nil
        case .connecting: ("◌ " + context.text(Catalog.streamConnecting), context.palette.dim)
        case .live: ("● " + context.text(Catalog.streamLive), context.palette.online)
        case .retrying: ("○ " + context.text(Catalog.streamRetrying), context.palette.offline)
        }
    }

    private func renderPicker(below top: Rect, in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard var state = picker else { return }
        let width = min(area.width, 40)
        let field = Rect(x: area.right - width, y: top.y, width: width, height: 1)
        Select(maxVisibleOptions: max(1, area.height - 1), styles: context.palette.form.select).render(field: field, within: area, buffer: &buffer, state: &state)
    }
}
