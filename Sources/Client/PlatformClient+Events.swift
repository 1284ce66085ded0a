import ContractMapping
import Foundation
import Model
import PlatformContract

/// Events, newest first: of one application (or one of its components), or across the platform.
extension PlatformClient {
    public func applicationEvents(
        of slug: String, component: String? = nil, type: EventType? = nil, limit: Int = 100,
        revalidating cached: Tagged<[Event]>? = nil
    ) async throws(PlatformClientError) -> Tagged<[Event]> {
        let query = Operations.ListApplicationEvents.Input.Query(
            _type: type.map { Components.Schemas.EventType($0) }, component: component, limit: limit)
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<[Event]> in
            switch try await send({ try await client.listApplicationEvents(path: .init(slug: slug), query: query) }) {
            case .ok(let ok): return .value(try Self.decode { try ok.body.json }.items.map(Event.init))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    /// The platform's newest events the caller may see (`/v1/events`), at or after `since` if given.
    public func platformEvents(
        type: EventType? = nil, application: String? = nil, since: Date? = nil, limit: Int = 100,
        revalidating cached: Tagged<[Event]>? = nil
    ) async throws(PlatformClientError) -> Tagged<[Event]> {
        let query = Operations.ListEvents.Input.Query(
            _type: type.map { Components.Schemas.EventType($0) }, application: application, since: since, limit: limit)
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<[Event]> in
            switch try await send({ try await client.listEvents(query: query) }) {
            case .ok(let ok): return .value(try Self.decode { try ok.body.json }.items.map(Event.init))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }
}
