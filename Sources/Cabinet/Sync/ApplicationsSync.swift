import Client
import Foundation
import Model
import TerminalUI

/// The applications list between the cache and the platform: where what is shown came from, the
/// pages' tags to revalidate it with, and the fetch that keeps it fresh.
struct ApplicationsSync: Sendable {
    private(set) var origin = DataOrigin.none
    /// A fetch of the list is on its way.
    var isFetching = false
    /// The platform told of a write while a fetch was on its way: fetch again once it is back.
    var changedMeanwhile = false
    /// The list as last fetched or read from the cache, with its pages' tags, to revalidate it
    /// page by page (what is shown may differ for a moment: a deleted application goes at once).
    private var fetchedList: ApplicationPages?
    /// Refreshes left until every page of the list is revalidated again; in between, an unchanged
    /// first page vouches for the rest (see `PlatformClient.applications`).
    private var refreshesUntilSweep = 0

    static let refreshTimer = "applications.refresh"

    /// The head of the list read from its cache file: shown only while nothing better is.
    mutating func head(_ items: [Application], savedAt: Date) -> [Application]? {
        guard case .none = origin else { return nil }
        origin = .cache(savedAt: savedAt)
        return items
    }

    /// The whole list from the cache; nil when a fresh answer overtook the slow read.
    mutating func cached(_ list: ApplicationPages, savedAt: Date) -> [Application]? {
        switch origin {
        case .platform: return nil
        case .cache(let headSaved): origin = .cache(savedAt: max(headSaved, savedAt))
        case .none: origin = .cache(savedAt: savedAt)
        }
        fetchedList = list
        return list.items
    }

    mutating func fetched(_ applications: [Application], pages: [ApplicationPages.Page]?, at: Date) {
        isFetching = false
        fetchedList = pages.map { ApplicationPages(pages: $0, items: applications) }
        origin = .platform(at: at)
    }

    static func loadHead(from cache: JSONCache) -> Command<CabinetApp.Message> {
        .run { .headLoaded(cache.load(ApplicationsHead.self, key: CacheKey.applicationsHead)) }
    }

    static func loadList(from cache: JSONCache) -> Command<CabinetApp.Message> {
        .run {
            switch cache.loadList([ApplicationPages.Page].self, of: Application.self, key: CacheKey.applications) {
            case .hit(let list, let savedAt): .cacheLoaded(.hit(ApplicationPages(pages: list.header, items: list.items), savedAt: savedAt))
            case .miss: .cacheLoaded(.miss)
            case .unusable(let reason): .cacheLoaded(.unusable(reason: reason))
            }
        }
    }

    /// Fetches the list, page by page revalidating what is shown, and writes a changed list to the
    /// cache in the same command, before the screen shows it: once the user sees fresh data,
    /// quitting cannot lose it from the cache. An unchanged list rewrites only the small head file,
    /// whose time says when the data was last confirmed.
    mutating func fetch(client: PlatformClient, cache: JSONCache, sweep: Bool) -> Command<CabinetApp.Message> {
        isFetching = true
        let known = fetchedList
        // Every tenth refresh (five minutes at the default interval), and when the user asks, all pages.
        let vouches = !sweep && refreshesUntilSweep > 0
        refreshesUntilSweep = vouches ? refreshesUntilSweep - 1 : 9
        return .run {
            let fetched: (list: ApplicationPages, changed: Bool)
            do throws(PlatformClientError) {
                fetched = try await client.applications(revalidating: known, firstPageVouches: vouches)
            } catch {
                return .applicationsFetched(.failure(error), at: Date())
            }
            let at = Date()
            let (items, pages) = (fetched.list.items, fetched.list.pages)
            do {
                if fetched.changed { try cache.saveList(items, header: pages, key: CacheKey.applications, savedAt: at) }
                try cache.save(ApplicationsHead(items), key: CacheKey.applicationsHead, savedAt: at)
                return .applicationsFetched(.success(items), at: at, pages: pages, unchanged: !fetched.changed)
            } catch {
                return .applicationsFetched(.success(items), at: at, cacheError: "\(error)", pages: pages, unchanged: !fetched.changed)
            }
        }
    }
}

enum CacheKey {
    static let applications = "applications"
    static let applicationsHead = "applications.head"
}

/// The first screenful of the applications list (in the platform's order), in a small cache file
/// of its own: the first frame is painted from it before the whole list — 10,000 applications are
/// a few megabytes of JSON — is decoded.
public struct ApplicationsHead: Codable, Sendable, Equatable {
    /// Rows kept: more than the tallest terminal shows.
    static let rows = 150
    public var items: [Application]

    init(_ applications: [Application]) {
        items = Array(applications.prefix(Self.rows))
    }
}
