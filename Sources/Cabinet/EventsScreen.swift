import Foundation
import Model
import TerminalUI

/// События: the platform's newest events (the caller's applications, or all for admins), kept
/// live by polling while the screen is open; the filter key cycles all → warnings → normal, and
/// `:events SLUG` shows one application's.
struct EventsScreen: CabinetScreen {
    private(set) var type: EventType?
    /// Only this application's events, when given.
    let application: String?
    private(set) var table = TableState(selected: 0)

    init(application: String? = nil) {
        self.application = application
    }

    var resource: Resource { .platformEvents(type: type, application: application) }

    func title(in context: ScreenContext) -> String {
        context.text(Catalog.events) + (application.map { ": \($0)" } ?? "")
    }
    var mode: String { "list" }
    func resources(in context: ScreenContext) -> [Resource] { [resource] }

    mutating func handle(_ key: Key, command: String?, context: ScreenContext) -> ScreenAction {
        let events = context.store[resource]?.events ?? []
        if ScreenDrawing.move(&table, command: command, rowCount: events.count) { return .none }
        switch command {
        case "filter":
            type = switch type {
            case nil: .warning
            case .warning: .normal
            case .normal: nil
            }
            table = TableState(selected: 0)
            return .refresh
        case "open":
            guard let selected = table.selected, events.indices.contains(selected) else { return .none }
            return .push(ApplicationScreen(slug: events[selected].application))
        case "back": return .back
        case "quit": return .quit
        case "refresh": return .refresh
        default: return .none
        }
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        let (top, list) = area.rows(top: 1)
        let filter = type.map { context.text(Catalog.eventType($0)) } ?? context.text(Catalog.allTypes)
        ScreenDrawing.line(" \(context.text(Catalog.typeFilter)): \(filter)", y: top.y, in: top, style: context.palette.dim, buffer: &buffer)
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
}
