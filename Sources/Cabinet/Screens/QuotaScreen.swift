import Foundation
import Model
import TerminalUI

/// Квоты: per team, a gauge of used against hard for cpu, memory, gpu, storage, apps and components.
struct QuotaScreen: CabinetScreen {
    /// The first team shown; up and down move by team.
    private(set) var firstTeam = 0

    func title(in context: ScreenContext) -> String { context.text(Catalog.quotas) }
    var mode: String { "list" }

    func teams(in context: ScreenContext) -> [Team] { context.store[.teams]?.teams ?? [] }

    func resources(in context: ScreenContext) -> [Resource] {
        [.teams] + teams(in: context).map { .quota(team: $0.slug) }
    }

    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction {
        var state = TableState(selected: firstTeam)
        if ScreenDrawing.move(&state, command: command, rowCount: teams(in: context).count, page: 1) {
            firstTeam = state.selected ?? 0
            return .none
        }
        switch command {
        default: return .unhandled
        }
    }

    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard !area.isEmpty else { return }
        let teams = teams(in: context)
        guard context.store[.teams] != nil else {
            ScreenDrawing.waiting(for: .teams, in: area, context: context, buffer: &buffer)
            return
        }
        if teams.isEmpty {
            ScreenDrawing.empty(nil, in: area, context: context, buffer: &buffer)
            return
        }
        var y = area.y
        let labelWidth = min(34, max(0, area.width / 2))
        for team in teams.dropFirst(min(firstTeam, teams.count - 1)) {
            guard y < area.bottom else { break }
            ScreenDrawing.line(" \(team.name) (\(team.slug))", y: y, in: area, style: context.palette.title, buffer: &buffer)
            y += 1
            guard let report = context.store[.quota(team: team.slug)]?.quota else {
                if y < area.bottom {
                    ScreenDrawing.line("   " + (context.store.failure(.quota(team: team.slug)).map { ScreenDrawing.describe($0, in: context.language) } ?? context.text(Catalog.loading)),
                                       y: y, in: area, style: context.palette.dim, buffer: &buffer)
                }
                y += 2
                continue
            }
            for resource in QuotaResource.allCases {
                guard y < area.bottom else { break }
                guard let reading = report[resource] else { continue }
                let amount = Self.amount(reading, resource: resource, language: context.language)
                let label = "   \(context.text(Catalog.quotaResource(resource)))"
                let labelArea = Rect(x: area.x, y: y, width: labelWidth, height: 1)
                ScreenDrawing.line(label, y: y, in: labelArea, style: context.palette.text, buffer: &buffer)
                let gaugeArea = Rect(x: area.x + labelWidth, y: y, width: max(0, area.width - labelWidth - 1), height: 1)
                if let hard = reading.hard {
                    Gauge(used: Double(reading.used), of: Double(hard), label: amount, styles: context.palette.gauge)
                        .render(in: gaugeArea, buffer: &buffer)
                } else {
                    ScreenDrawing.line("\(amount) · \(context.text(Catalog.unlimited))", y: y, in: gaugeArea, style: context.palette.dim, buffer: &buffer)
                }
                y += 1
            }
            y += 1
        }
    }

    /// "1.5 / 16", in the resource's unit: cores, GiB of memory, GB of storage, or a count.
    static func amount(_ reading: QuotaReport.Reading, resource: QuotaResource, language: Language) -> String {
        func number(_ value: Double) -> String {
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int64(rounded)) : String(format: "%.1f", rounded)
        }
        let scale: Double
        let unit: LocalizedText?
        switch resource {
        case .cpu: (scale, unit) = (1000, Catalog.cores)
        case .memory: (scale, unit) = (Double(1 << 30), Catalog.gibibytes)
        case .storage: (scale, unit) = (1e9, Catalog.gigabytes)
        case .gpu, .apps, .components: (scale, unit) = (1, nil)
        }
        let used = number(Double(reading.used) / scale)
        let hard = reading.hard.map { " / " + number(Double($0) / scale) } ?? ""
        return "\(used)\(hard)\(unit.map { " " + $0.text(in: language) } ?? "")"
    }
}
