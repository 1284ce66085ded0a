import Client
import Model
import TerminalUI

extension CabinetApp {
    public enum Message: Sendable {
        /// The first screenful of the list, from its small cache file: painted before the whole list is decoded.
        case headLoaded(CacheLoad<ApplicationsHead>)
        case cacheLoaded(CacheLoad<ApplicationPages>)
        /// A fetch's result; on success the cache was already written (or `cacheError` says why not).
        /// `pages` are the tags to revalidate with next time; `unchanged` says every page answered 304.
        case applicationsFetched(Result<[Application], PlatformClientError>, at: Date, cacheError: String? = nil,
                                 pages: [ApplicationPages.Page]? = nil, unchanged: Bool = false)
        /// The list's refresh timer fired (`Command.tick`: a newer schedule replaces an older one).
        case refreshDue
        /// The clock in the top bar moves on; events are polled with it.
        case clock
        /// A screen's resource read from its cache file.
        case resourceCached(Resource, CacheLoad<Tagged<ResourceValue>>)
        /// A screen's resource from the platform; on success the cache was already written.
        case resourceFetched(Resource, Result<Tagged<ResourceValue>, PlatformClientError>, at: Date)
        case draftLoaded(CacheLoad<ApplicationDraft>)
        /// A message of the dashboard open over the cabinet.
        case dashboard(DashboardScreen.Message)
        case actionFinished(PlatformAction, Result<PlatformAction.Outcome, PlatformClientError>)
        /// A background write failed (the draft, say): shown in the status bar.
        case notice(String)
        /// The heartbeat's answer: nil when the platform answered.
        case heartbeat(PlatformClientError?)
        /// A text edited in the user's editor (the component page's manifest), step by step.
        case externalEdit(ExternalEditStep)
        /// The Events screen's stream.
        case feed(EventsFeed.Message)
        /// The stream that tells of writes made elsewhere.
        case changes(ChangeWatch.Message)
        /// `:theme NAME` read its file: the theme, with what was wrong in it (left out).
        case themeLoaded(Theme, problems: [String])
    }
}

import Foundation
