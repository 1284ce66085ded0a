import Client
import Foundation
import Model

/// One thing a screen shows that comes from the platform. Each has a cache file of its own, so
/// that a screen paints from the cache at once and two cabinets never fight over one big file.
public enum Resource: Hashable, Sendable {
    case me
    case teams
    case templates
    case quota(team: String)
    case application(slug: String)
    case components(application: String)
    /// A component's events when `component` is given, else the application's.
    case applicationEvents(application: String, component: String?)
    /// The platform's events, of one application when `application` is given, of the last
    /// `window` only (counted back from each fetch).
    case platformEvents(type: EventType?, application: String? = nil, window: EventWindow = .all)
    case manifest(application: String, component: String)
    /// The last lines of a component's log (polled while its Логи tab is open).
    case logs(application: String, component: String)
    /// Who has been given access to the application besides its team.
    case grants(application: String)

    /// The cache entry's name; slugs and component names are DNS labels, safe in file names.
    var cacheKey: String {
        switch self {
        case .me: "me"
        case .teams: "teams"
        case .templates: "templates"
        case .quota(let team): "quota.\(team)"
        case .application(let slug): "application.\(slug)"
        case .components(let application): "components.\(application)"
        case .applicationEvents(let application, let component): "events.\(application)\(component.map { ".\($0)" } ?? "")"
        case .platformEvents(let type, let application, let window):
            "events-platform.\(type?.rawValue ?? "all")\(application.map { ".\($0)" } ?? "")\(window == .all ? "" : ".\(window.rawValue)")"
        case .manifest(let application, let component): "manifest.\(application).\(component)"
        case .logs(let application, let component): "logs.\(application).\(component)"
        case .grants(let application): "grants.\(application)"
        }
    }

    /// Whether a cache entry's key (as `cacheKey` makes them) holds data of the application
    /// `application`, or only of its component `component` when one is given. Keys are read by
    /// their dot-separated parts, which slugs and names cannot contain: `ocr` does not match `ocr-2`.
    static func cacheKey(_ key: String, concerns application: String, component: String? = nil) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return false }
        if let component {
            return ["events", "manifest", "logs"].contains(parts[0]) && parts.count == 3 && parts[1] == application && parts[2] == component
        }
        switch parts[0] {
        case "application", "components", "events", "manifest", "logs", "grants": return parts[1] == application
        case "events-platform": return parts.count >= 3 && parts[2] == application
        default: return false
        }
    }

    /// Fetches the resource, revalidating the cached copy with its ETag (304 keeps it).
    func fetch(with client: PlatformClient, revalidating cached: Tagged<ResourceValue>?) async throws(PlatformClientError) -> Tagged<ResourceValue> {
        func typed<V: Codable & Sendable>(_ extract: (ResourceValue) -> V?) -> Tagged<V>? {
            guard let cached, let value = extract(cached.value) else { return nil }
            return Tagged(value, etag: cached.etag)
        }
        switch self {
        case .me:
            let fetched = try await client.me(revalidating: typed { if case .me(let v) = $0 { v } else { nil } })
            return Tagged(.me(fetched.value), etag: fetched.etag)
        case .teams:
            let fetched = try await client.teams(revalidating: typed { if case .teams(let v) = $0 { v } else { nil } })
            return Tagged(.teams(fetched.value), etag: fetched.etag)
        case .templates:
            let fetched = try await client.templates(revalidating: typed { if case .templates(let v) = $0 { v } else { nil } })
            return Tagged(.templates(fetched.value), etag: fetched.etag)
        case .quota(let team):
            let fetched = try await client.quota(team: team, revalidating: typed { if case .quota(let v) = $0 { v } else { nil } })
            return Tagged(.quota(fetched.value), etag: fetched.etag)
        case .application(let slug):
            let fetched = try await client.application(slug, revalidating: typed { if case .application(let v) = $0 { v } else { nil } })
            return Tagged(.application(fetched.value), etag: fetched.etag)
        case .components(let application):
            let fetched = try await client.components(of: application, revalidating: typed { if case .components(let v) = $0 { v } else { nil } })
            return Tagged(.components(fetched.value), etag: fetched.etag)
        case .applicationEvents(let application, let component):
            let fetched = try await client.applicationEvents(
                of: application, component: component, revalidating: typed { if case .events(let v) = $0 { v } else { nil } })
            return Tagged(.events(fetched.value), etag: fetched.etag)
        case .platformEvents(let type, let application, let window):
            // A window moves with the clock: the same ETag no longer vouches for it.
            let since = window.seconds.map { Date().addingTimeInterval(-$0) }
            let fetched = try await client.platformEvents(
                type: type, application: application, since: since, limit: 200,
                revalidating: since == nil ? typed { if case .events(let v) = $0 { v } else { nil } } : nil)
            return Tagged(.events(fetched.value), etag: fetched.etag)
        case .manifest(let application, let component):
            let fetched = try await client.manifest(of: component, in: application, revalidating: typed { if case .manifest(let v) = $0 { v } else { nil } })
            return Tagged(.manifest(fetched.value), etag: fetched.etag)
        case .logs(let application, let component):
            return Tagged(.logs(try await client.logs(of: component, in: application)), etag: nil)
        case .grants(let application):
            let fetched = try await client.grants(of: application, revalidating: typed { if case .grants(let v) = $0 { v } else { nil } })
            return Tagged(.grants(fetched.value), etag: fetched.etag)
        }
    }
}

/// How far back the Events screen looks.
public enum EventWindow: String, CaseIterable, Sendable {
    case minutes15 = "15m"
    case hour = "1h"
    case day = "24h"
    case week = "7d"
    case all

    var seconds: TimeInterval? {
        switch self {
        case .minutes15: 15 * 60
        case .hour: 60 * 60
        case .day: 24 * 60 * 60
        case .week: 7 * 24 * 60 * 60
        case .all: nil
        }
    }

    /// The next window for the time filter key: shorter first, then all.
    var next: EventWindow {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// What a resource holds, in one Codable shape for the cache.
public enum ResourceValue: Codable, Equatable, Sendable {
    case me(Me)
    case teams([Team])
    case templates([TemplateSummary])
    case quota(QuotaReport)
    case application(Application)
    case components([Component])
    case events([Event])
    case manifest(String)
    case logs([String])
    case grants([AccessGrant])
}

/// The resources the screens have asked for: what is known of each and when it was fetched.
struct ResourceStore: Sendable {
    struct Entry: Sendable {
        var value: Tagged<ResourceValue>
        /// When the platform said this (a cached entry keeps its save time).
        var asOf: Date
        var fromCache: Bool
    }

    private(set) var entries: [Resource: Entry] = [:]
    /// Fetches under way, so that a slow platform does not get the same request twice.
    var inFlight: Set<Resource> = []
    /// The last refusal per resource (a deleted application's page, say), for the screen to show.
    private(set) var failures: [Resource: PlatformClientError] = [:]

    subscript(resource: Resource) -> ResourceValue? { entries[resource]?.value.value }

    func entry(_ resource: Resource) -> Entry? { entries[resource] }

    func failure(_ resource: Resource) -> PlatformClientError? { failures[resource] }

    /// A cached copy never replaces what the platform has already said.
    mutating func cached(_ resource: Resource, _ value: Tagged<ResourceValue>, savedAt: Date) {
        guard entries[resource] == nil else { return }
        entries[resource] = Entry(value: value, asOf: savedAt, fromCache: true)
    }

    mutating func fetched(_ resource: Resource, _ value: Tagged<ResourceValue>, at: Date) {
        entries[resource] = Entry(value: value, asOf: at, fromCache: false)
        failures[resource] = nil
    }

    mutating func failed(_ resource: Resource, _ error: PlatformClientError) {
        failures[resource] = error
    }

    mutating func forget(_ resource: Resource) {
        entries[resource] = nil
    }
}

extension ResourceValue {
    var teams: [Team]? { if case .teams(let v) = self { v } else { nil } }
    var templates: [TemplateSummary]? { if case .templates(let v) = self { v } else { nil } }
    var me: Me? { if case .me(let v) = self { v } else { nil } }
    var quota: QuotaReport? { if case .quota(let v) = self { v } else { nil } }
    var application: Application? { if case .application(let v) = self { v } else { nil } }
    var components: [Component]? { if case .components(let v) = self { v } else { nil } }
    var events: [Event]? { if case .events(let v) = self { v } else { nil } }
    var manifest: String? { if case .manifest(let v) = self { v } else { nil } }
    var logs: [String]? { if case .logs(let v) = self { v } else { nil } }
    var grants: [AccessGrant]? { if case .grants(let v) = self { v } else { nil } }
}

extension Resource {
    /// Whether the resource belongs to the application `slug` (and goes when it is deleted).
    func concerns(_ slug: String) -> Bool {
        switch self {
        case .application(let application), .components(let application), .applicationEvents(let application, _), .manifest(let application, _),
             .logs(let application, _), .grants(let application):
            application == slug
        case .me, .teams, .templates, .quota, .platformEvents: false
        }
    }
}
