import Foundation
import GRDB
import Model

/// What a team uses of each quota resource, computed from what exists: counts of applications and
/// components, the sum of DataBox capacities, and the ML components' resource requests.
enum QuotaUsage {
    static func used(_ db: Database, team: String) throws -> [QuotaResource: Int64] {
        var used: [QuotaResource: Int64] = [:]
        used[.apps] = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM applications WHERE team = ?", arguments: [team]) ?? 0
        let specs = try String.fetchAll(db, sql: """
            SELECT c.spec FROM components c JOIN applications a ON a.id = c.application_id WHERE a.team = ?
            """, arguments: [team])
        used[.components] = Int64(specs.count)
        var demand = Demand()
        for json in specs {
            if let spec = try? JSONDecoder().decode(ComponentSpec.self, from: Data(json.utf8)) { demand.add(spec) }
        }
        used[.storage] = demand.storage
        used[.cpu] = demand.cpu
        used[.memory] = demand.memory
        used[.gpu] = demand.gpu
        return used
    }

    static func hard(_ db: Database, team: String) throws -> [QuotaResource: Int64] {
        var hard: [QuotaResource: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT resource, hard FROM quotas WHERE team = ?", arguments: [team]) {
            if let resource = QuotaResource(rawValue: row["resource"]) { hard[resource] = row["hard"] }
        }
        return hard
    }

    /// Refuses, naming the first quota that adding `extra` to the team would exceed. A resource
    /// without a hard limit is unlimited.
    static func check(_ db: Database, team: String, adding extra: [QuotaResource: Int64]) throws {
        let hard = try hard(db, team: team)
        guard extra.contains(where: { hard[$0.key] != nil && $0.value > 0 }) else { return }
        let used = try used(db, team: team)
        for resource in QuotaResource.allCases {
            guard let limit = hard[resource], let amount = extra[resource], amount > 0 else { continue }
            let current = used[resource] ?? 0
            if !QuotaLimit(hard: limit, used: current).allows(adding: amount) {
                throw StoreError.quotaExceeded(team: team, resource: resource, hard: limit, used: current, requested: current + amount)
            }
        }
    }

    /// The quota resources a set of components takes.
    static func demand(of components: [Component]) -> [QuotaResource: Int64] {
        var demand = Demand()
        for component in components { demand.add(component.spec) }
        return [.components: Int64(components.count), .storage: demand.storage, .cpu: demand.cpu,
                .memory: demand.memory, .gpu: demand.gpu]
    }

    private struct Demand {
        var storage: Int64 = 0
        var cpu: Int64 = 0
        var memory: Int64 = 0
        var gpu: Int64 = 0

        mutating func add(_ spec: ComponentSpec) {
            switch spec {
            case .dataBox(let box):
                storage += box.capacity?.bytes ?? 0
            case .mlComponent(let ml):
                cpu += ml.resources?.cpu.flatMap(Self.millicores) ?? 0
                memory += ml.resources?.memory.flatMap { Capacity($0)?.bytes } ?? 0
                gpu += Int64(ml.resources?.gpu ?? 0)
            case .experimentPipeline, .apiComponent:
                break
            }
        }

        /// "500m" → 500, "2" → 2000.
        static func millicores(_ text: String) -> Int64? {
            if text.hasSuffix("m") { return Int64(text.dropLast()) }
            return Int64(text).map { $0 * 1000 }
        }
    }
}
