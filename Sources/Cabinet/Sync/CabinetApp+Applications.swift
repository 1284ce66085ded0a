import Client
import Foundation
import Model
import TerminalUI

/// The applications list's messages: its head and whole list from the cache, then the platform's
/// answers, and the refresh timer that asks again.
extension CabinetApp {
    mutating func headLoaded(_ load: CacheLoad<ApplicationsHead>) -> Command<Message>? {
        // Only while nothing better is shown: the whole list, from the cache or the platform, wins.
        // A missing or bad head needs nothing: the whole list follows, and a bad head is rewritten with it.
        if case .hit(let head, let savedAt) = load, let items = applications.head(head.items, savedAt: savedAt) { list.show(items) }
        return nil
    }

    mutating func listLoaded(_ load: CacheLoad<ApplicationPages>) -> Command<Message>? {
        switch load {
        case .hit(let cached, let savedAt):
            // A fresh answer may have overtaken a slow cache read; never go back to older data.
            guard let items = applications.cached(cached, savedAt: savedAt) else { return nil }
            list.show(items)
        case .miss:
            break
        case .unusable(let reason):
            notice = "\(Catalog.cacheIgnored.text(in: language)): \(reason)"
        }
        return applications.isFetching ? nil : fetchApplications()
    }

    mutating func applicationsFetched(_ result: Result<[Application], PlatformClientError>, at: Date, cacheError: String?,
                                      pages: [ApplicationPages.Page]?, unchanged: Bool) -> Command<Message>? {
        switch result {
        case .success(let fetched):
            // Unchanged (every page 304): the list on screen stays as it is, not arranged again.
            if !unchanged { list.show(fetched) }
            applications.fetched(fetched, pages: pages, at: at)
            let reconnected = connection.answered(at: at)
            if let cacheError, let label = cacheNoticeLabel { notice = "\(label): \(cacheError)" }
            // Back online: what the open screen shows is fetched again at once.
            let screens = reconnected ? loadResources(refresh: true) : nil
            if applications.changedMeanwhile {
                applications.changedMeanwhile = false
                return .batch([fetchApplications()] + [screens].compactMap { $0 })
            }
            return .batch([scheduleRefresh(after: environment.refreshInterval)] + [screens].compactMap { $0 })
        case .failure(let error):
            applications.isFetching = false
            switch error {
            case .unauthorized(let why):
                connection.state = .unauthorised(reason: why)
                return scheduleRefresh(after: environment.refreshInterval)
            case .unreachable(let why), .unexpected(let why):
                connection.state = .offline(reason: why)
            case .rejected:
                connection.state = .offline(reason: error.description)
            }
            return scheduleRefresh(after: environment.retryInterval)
        }
    }

    /// How a failed cache write is said; nil when the cache is known not to be kept, which the
    /// start said once (a failure at every write would say it again and again).
    var cacheNoticeLabel: String? {
        environment.cacheProblem == nil ? Catalog.cacheNotSaved.text(in: language) : nil
    }

    mutating func fetchApplications(sweep: Bool = false) -> Command<Message> {
        applications.fetch(client: environment.client, cache: environment.cache, sweep: sweep)
    }

    /// The next fetch of the list, replacing any scheduled before.
    func scheduleRefresh(after delay: Duration) -> Command<Message> {
        .tick(id: ApplicationsSync.refreshTimer, after: delay) { .refreshDue }
    }
}
