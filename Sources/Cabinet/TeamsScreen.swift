import Foundation
import Model
import TerminalUI

/// Команды: the teams the user can see, their members and roles (read-only until the member
/// endpoints of issue #3 exist).
struct TeamsScreen: CabinetScreen {
    private(set) var table = TableState(selected: 0)

    func title(in context: ScreenContext) -> String { context.text(Catalog.teams) }
    var mode: String { "list" }
    func resources(in context: ScreenContext) -> [Resource] { [.teams, .me] }

    private func rows(in context: ScreenContext) -> [[String]] {
        let me = context.store[.me]?.me?.user.login
        return (context.store[.teams]?.teams ?? []).flatMap { team in
            team.members.enumerated().map { index, member in
                [index == 0 ? "\(team.name) (\(team.slug))" : "", member.login + (member.login == me ? " ★" : ""), context.text(member.role.label)]
            }
        }
    }

    mutating func handle(_ key: Key, command: String?, context: ScreenContext) -> ScreenAction {
        if ScreenDrawing.move(&table, command: command, rowCount: rows(in: context).count) { return .none }
        switch command {
        case "back": return .back
        case "quit": return .quit
        case "refresh": return .refresh
        default: return .none
        }
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        guard context.store[.teams] != nil else {
            ScreenDrawing.waiting(for: .teams, in: area, context: context, buffer: &buffer)
            return
        }
        let rows = rows(in: context)
        if rows.isEmpty {
            ScreenDrawing.empty(nil, in: area, context: context, buffer: &buffer)
            return
        }
        let (list, hint) = area.rows(bottom: area.height > 3 ? 1 : 0)
        ScreenDrawing.table([
            TableColumn(context.text(Catalog.team), width: .flex(min: 12, weight: 2)),
            TableColumn(context.text(Catalog.columnMember), width: .flex(min: 10, weight: 1)),
            TableColumn(context.text(Catalog.columnRole), width: .flex(min: 10, weight: 1)),
        ], rows: rows, state: table, in: list, context: context, buffer: &buffer)
        if !hint.isEmpty { ScreenDrawing.line(" " + context.text(Catalog.membersReadOnly), y: hint.y, in: hint, style: context.palette.dim, buffer: &buffer) }
    }
}
