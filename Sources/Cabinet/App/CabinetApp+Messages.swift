import Client
import Foundation
import Model
import TerminalUI

/// Each message to the part it is for.
extension CabinetApp {
    mutating func handle(_ message: Message) -> Command<Message>? {
        switch message {
        case .headLoaded(let load):
            return headLoaded(load)
        case .cacheLoaded(let load):
            return listLoaded(load)
        case .applicationsFetched(let result, let at, let cacheError, let pages, let unchanged):
            return applicationsFetched(result, at: at, cacheError: cacheError, pages: pages, unchanged: unchanged)
        case .refreshDue:
            return applications.isFetching ? nil : fetchApplications()
        case .dashboard(let inner):
            guard var open = overlays.dashboard else { return nil }
            let next = open.receive(inner)
            overlays.dashboard = open
            return next?.map { .dashboard($0) }
        case .clock:
            return clock(Date())
        case .resourceCached(let resource, .hit(let value, let savedAt)):
            resources.store.cached(resource, value, savedAt: savedAt)
            return dataChanged()
        case .resourceCached(_, .miss):
            return nil
        case .resourceCached(_, .unusable(let reason)), .draftLoaded(.unusable(let reason)):
            notice = "\(Catalog.cacheIgnored.text(in: language)): \(reason)"
            return nil
        case .resourceFetched(let resource, .success(let value), let at):
            resources.store.inFlight.remove(resource)
            resources.store.fetched(resource, feed.merged(value, for: resource, into: resources.store), at: at)
            _ = connection.answered(at: at)
            let changed = dataChanged()
            let behind = resources.behind(after: resource)
            guard !behind.isEmpty, let again = loadResources(behind, refresh: true) else { return changed }
            return .batch([changed, again].compactMap { $0 })
        case .resourceFetched(let resource, .failure(let error), _):
            resources.store.inFlight.remove(resource)
            resources.store.failed(resource, error)
            connection.failed(error)
            return nil
        case .draftLoaded(.hit(let saved, _)):
            drafts.loaded(saved)
            return nil
        case .draftLoaded(.miss):
            return nil
        case .actionFinished(let action, let result):
            return finished(action, result)
        case .externalEdit(.ready(let edit, let directory)):
            return ExternalEditing.launch(edit, directory: directory, editor: environment.editor)
        case .externalEdit(.editorFinished(let edit, let directory, let outcome)):
            return ExternalEditing.collect(edit, directory: directory, outcome: outcome)
        case .externalEdit(.finished(let edit, let result)):
            // To the page it came from, even if another screen was opened meanwhile.
            let context = context
            guard let action = screens.deliver(edit, { $0.edited(edit, result, context: context) }) else { return nil }
            return apply(action)
        case .notice(let text):
            notice = text
            return nil
        case .themeLoaded(let theme, let problems):
            palette = Palette(theme: theme)
            notice = problems.first ?? "\(Catalog.theme.text(in: language)): \(theme.name)"
            return nil
        case .heartbeat(nil):
            if case .offline = connection.state, !applications.isFetching { return .batch([heartbeat(), fetchApplications()]) }
            return heartbeat()
        case .heartbeat(let error?):
            guard case .online = connection.state, case .unreachable(let why) = error else { return heartbeat() }
            connection.state = .offline(reason: why)
            return .batch([heartbeat(), scheduleRefresh(after: environment.retryInterval)])
        case .feed(let message):
            return feed.receive(message, store: &resources.store, connection: &connection.state, cache: environment.cache,
                                client: environment.client, now: Date())?.map { .feed($0) }
        case .changes(let message):
            let (next, fetch) = changes.receive(message, client: environment.client)
            guard fetch else { return next?.map { .changes($0) } }
            // A fetch already on its way may have left before the write: the list is fetched again after it.
            let list: Command<Message>?
            if applications.isFetching {
                applications.changedMeanwhile = true
                list = nil
            } else {
                list = fetchApplications()
            }
            return .batch([next?.map { .changes($0) }, list, loadResources(refresh: true)].compactMap { $0 })
        }
    }

    /// The clock moved on: the next tick, what has aged past the refresh interval and, once the
    /// platform has been up a while rather than with the first answer (when the cabinet has the
    /// most to fetch), who the platform says the user is.
    private mutating func clock(_ date: Date) -> Command<Message>? {
        now = date
        var commands = [clockTick()] + [loadResources(refresh: false, olderThan: date)].compactMap { $0 }
        if case .online = connection.state, resources.store.entry(.me)?.fromCache != false, !resources.store.inFlight.contains(.me),
           let me = loadResources([.me], refresh: true) {
            commands.append(me)
        }
        return .batch(commands)
    }

    /// New data: screens that fill forms from it take it, and resources that depend on it (the
    /// quotas of teams just learnt) are asked for.
    mutating func dataChanged() -> Command<Message>? {
        let context = context
        screens.updateAll { screen, _ in screen.dataChanged(context: context) }
        return loadResources(refresh: false)
    }
}
