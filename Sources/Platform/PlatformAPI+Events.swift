import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// Events: of an application, of the platform, of a team, and their stream.
extension PlatformAPI {
    func listApplicationEvents(_ input: Operations.ListApplicationEvents.Input) async throws -> Operations.ListApplicationEvents.Output {
        try await access().application(input.path.slug, needs: .viewer)
        let q = input.query
        let filter = try Self.eventFilter(application: input.path.slug, component: q.component, type: q._type,
                                          since: q.since, limit: q.limit, cursor: q.cursor)
        return .ok(.init(body: .json(Self.schema(try await store.events(filter)))))
    }

    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let q = input.query
        var filter = try Self.eventFilter(application: q.application, component: nil, type: q._type,
                                          since: q.since, limit: q.limit, cursor: q.cursor)
        filter.visibleTo = try access().visibilityLogin
        return .ok(.init(body: .json(Self.schema(try await store.events(filter)))))
    }

    func streamEvents(_ input: Operations.StreamEvents.Input) async throws -> Operations.StreamEvents.Output {
        var start: Int64?
        if let header = input.headers.lastEventID {
            guard let id = Int64(header), id >= 0 else { throw APIProblem.field("Last-Event-ID", .invalid("is not an event id")) }
            start = id
        }
        let user = try Self.caller()
        let filter = EventFilter(application: input.query.application, type: input.query._type.map { EventType($0) },
                                 visibleTo: try access().visibilityLogin)
        do {
            let body = try await hub.body(after: start, filter: filter, caller: user, token: Caller.token ?? "", streams: streams,
                                          stillAllowed: stillAllowed(user, application: input.query.application))
            return .ok(.init(body: .textEventStream(body)))
        } catch {
            throw Self.tooManyStreams(error.limit)
        }
    }

    func listTeamEvents(_ input: Operations.ListTeamEvents.Input) async throws -> Operations.ListTeamEvents.Output {
        try await access().team(input.path.team, needs: .viewer)
        let limit = input.query.limit ?? 100
        guard (1...500).contains(limit) else { throw APIProblem.field("limit", .outOfRange(min: 1, max: 500)) }
        var before: Int64?
        if let cursor = input.query.cursor {
            guard let id = Int64(cursor), id > 0 else { throw APIProblem.field("cursor", .badCursor) }
            before = id
        }
        let page = try await store.teamEvents(team: input.path.team, limit: limit, before: before)
        let items = page.items.map {
            Components.Schemas.TeamEvent(id: $0.id, time: $0.time, team: $0.team, reason: $0.reason, message: $0.message, actor: $0.actor)
        }
        return .ok(.init(body: .json(.init(items: items, nextCursor: page.next.map(String.init)))))
    }

    static func eventFilter(application: String?, component: String?, type: Components.Schemas.EventType?, since: Date?,
                                    limit: Int?, cursor: String?) throws -> EventFilter {
        let limit = limit ?? 100
        guard (1...500).contains(limit) else { throw APIProblem.field("limit", .outOfRange(min: 1, max: 500)) }
        // The generated code does not enforce maxLength; the spec promises it.
        for (field, value) in [("application", application), ("component", component), ("cursor", cursor)] {
            if let value, value.count > (field == "cursor" ? 200 : 63) {
                throw APIProblem.field(field, .invalid("is longer than the API allows"))
            }
        }
        var before: Int64?
        if let cursor {
            guard let id = Int64(cursor), id > 0 else { throw APIProblem.field("cursor", .badCursor) }
            before = id
        }
        return EventFilter(application: application, component: component, type: type.map { EventType($0) },
                           since: since, limit: limit, before: before)
    }
}
