import Client
import Foundation
import TerminalUI

/// The platform data of the screens, each from its own cache file, then from the platform: what
/// was asked for, what is on its way, and what is asked again after a change.
struct ResourceLoader: Sendable {
    var store = ResourceStore()
    /// Resources asked for at least once (cache read and fetch issued).
    private(set) var requested: Set<Resource> = []
    /// Resources asked again because the other half of a component page knew of a later change,
    /// with that change's time: each is asked once per change (see `reconcile`).
    private var reasked: [Resource: Date] = [:]

    /// How the loads reach the cache and the platform.
    struct Sources: Sendable {
        var cache: JSONCache
        var client: PlatformClient
        /// Data older than this is fetched again at the next clock tick.
        var refreshInterval: Duration
    }

    /// Reads from the cache and fetches `wanted`. Without `refresh`, only what was never asked
    /// for; with `olderThan`, also what is older than the refresh interval (events, logs and
    /// statuses are polled at every clock tick, so that the screens stay live; `isLive` says which
    /// come by a stream instead).
    mutating func load(_ wanted: [Resource], refresh: Bool, olderThan now: Date? = nil, isOnline: Bool,
                       isLive: (Resource) -> Bool, from sources: Sources) -> Command<CabinetApp.Message>? {
        var commands: [Command<CabinetApp.Message>] = []
        let (cache, client) = (sources.cache, sources.client)
        let interval = Double(sources.refreshInterval.components.seconds)
        for resource in wanted {
            if !requested.contains(resource) {
                requested.insert(resource)
                commands.append(.run { .resourceCached(resource, cache.load(Tagged<ResourceValue>.self, key: resource.cacheKey)) })
            } else if !refresh {
                guard let now, isOnline else { continue }
                let age = store.entry(resource).map { now.timeIntervalSince($0.asOf) } ?? .infinity
                let polled: Bool = switch resource {
                // Statuses change by themselves (a deployment): components too, revalidated by ETag.
                case .platformEvents: !isLive(resource)
                case .applicationEvents, .logs, .components: true
                default: false
                }
                guard polled || age >= interval || store.entry(resource)?.fromCache == true else { continue }
            }
            guard !store.inFlight.contains(resource) else { continue }
            store.inFlight.insert(resource)
            let cached = store.entry(resource)?.value
            commands.append(.run {
                let at = Date()
                do throws(PlatformClientError) {
                    let value = try await resource.fetch(with: client, revalidating: cached)
                    try? cache.save(value, key: resource.cacheKey, savedAt: at)
                    return .resourceFetched(resource, .success(value), at: at)
                } catch {
                    // Gone from the platform (deleted elsewhere, access taken back): its copy goes too,
                    // so that a later start does not paint it. An unreachable platform keeps it.
                    if case .rejected(404, _, _, _) = error { try? cache.remove(key: resource.cacheKey) }
                    return .resourceFetched(resource, .failure(error), at: at)
                }
            })
        }
        return commands.isEmpty ? nil : .batch(commands)
    }

    /// Counts `resource` as asked for without asking (the cabinet asks for who the user is later).
    mutating func markRequested(_ resource: Resource) {
        requested.insert(resource)
    }

    /// After a successful action, what it may have changed is asked again at the next load.
    mutating func invalidate(after action: PlatformAction) {
        requested = requested.filter { !action.invalidates($0) }
    }

    /// An application is gone: its data goes from memory (its cache files, see `forgetCached`).
    mutating func forget(application slug: String) {
        for resource in requested where resource.concerns(slug) { store.forget(resource) }
        requested = requested.filter { !$0.concerns(slug) }
    }

    /// A component page's header shows the component's status and its Events tab the events that
    /// explain it. They are fetched apart, and a deployment can move on between the two answers
    /// (Развернуто among the events, Развертывается still in the header). When one knows of a later
    /// change than the other, the other is asked again at once instead of at the next tick, once
    /// per change, so the two agree within a round trip.
    mutating func behind(after resource: Resource) -> [Resource] {
        func newestEvent(_ events: Resource, of component: String) -> Date? {
            store[events]?.events?.filter { $0.component == component }.map(\.time).max()
        }
        func statusTime(_ application: String, _ component: String) -> Date? {
            store[.components(application: application)]?.components?.first { $0.name == component }?.status?.time
        }
        var behind: [Resource] = []
        switch resource {
        case .applicationEvents(let application, let component?):
            if let newest = newestEvent(resource, of: component), let status = statusTime(application, component), newest > status,
               reasked[.components(application: application)] != newest {
                reasked[.components(application: application)] = newest
                behind.append(.components(application: application))
            }
        case .components(let application):
            for case .applicationEvents(application, let component?) in requested {
                let events = Resource.applicationEvents(application: application, component: component)
                guard let status = statusTime(application, component), let newest = newestEvent(events, of: component),
                      status > newest, reasked[events] != status else { continue }
                reasked[events] = status
                behind.append(events)
            }
        default:
            break
        }
        return behind
    }
}
