import Client
import Dashboards
import Foundation
import Model
import TerminalUI

/// What screens ask for (`ScreenAction`), the platform actions they start, and what follows when
/// those finish.
extension CabinetApp {
    mutating func apply(_ action: ScreenAction) -> Command<Message>? {
        switch action {
        case .openDashboard(let name, let application, let component):
            var variables = dashboardVariables()
            variables.app = application
            variables.component = component
            return openDashboard(name, variables: variables)
        case .none, .unhandled:
            // A screen may show more after a key (the component page's Логи tab): load what is new.
            return loadResources(refresh: false)
        case .back:
            screens.pop()
            return loadResources(refresh: false)
        case .push(let screen):
            notice = nil
            screens.push(screen)
            return loadResources(refresh: true)
        case .replace(let screen):
            screens.replaceTop(with: screen)
            return loadResources(refresh: true)
        case .perform(let platformAction):
            return perform(platformAction)
        case .confirm(let request):
            overlays.confirmation = request
            return nil
        case .refresh:
            if screens.isEmpty { return applications.isFetching ? nil : fetchApplications() }
            return loadResources(refresh: true)
        case .quit:
            return .quit
        case .notice(let text):
            notice = text
            return nil
        case .saveDraft(let new):
            return drafts.save(new, cache: environment.cache, label: cacheNoticeLabel)
        case .editExternally(let edit):
            return ExternalEditing.prepare(edit)
        }
    }

    mutating func perform(_ action: PlatformAction) -> Command<Message>? {
        guard connection.isOnline else {
            notice = Catalog.needsPlatform.text(in: language)
            return nil
        }
        let client = environment.client
        return .run {
            do throws(PlatformClientError) {
                return .actionFinished(action, .success(try await action.run(with: client)))
            } catch {
                return .actionFinished(action, .failure(error))
            }
        }
    }

    /// A platform action finished: the screens hear of it first, then the data it changed is
    /// fetched again (the list, the application's pages, quotas and events).
    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>) -> Command<Message>? {
        var commands: [Command<Message>] = []
        let context = context
        var topAction = ScreenAction.none
        screens.updateAll { screen, isTop in
            let answer = screen.finished(action, result, context: context)
            if isTop { topAction = answer }
        }
        switch result {
        case .success:
            screens.finished(action)
            if case .createApplication = action {
                commands.append(drafts.save(nil, cache: environment.cache, label: cacheNoticeLabel))
            }
            if case .deleteApplication(let slug) = action {
                notice = "\(Catalog.deleted.text(in: language)): \(slug)"
                list.show(list.applications.filter { $0.slug != slug })
                resources.forget(application: slug)
                commands.append(forgetCached(application: slug))
            }
            if case .deleteComponent(let application, let name) = action {
                notice = "\(Catalog.deleted.text(in: language)): \(name)"
                commands.append(forgetCached(application: application, component: name))
            }
            // Everything the change may have moved: asked again, revalidated by ETag.
            resources.invalidate(after: action)
            if !applications.isFetching { commands.append(fetchApplications()) }
        case .failure(let error):
            if case .none = topAction, !(screens.top?.takesTyping ?? false) {
                notice = ScreenDrawing.describe(error, in: language)
            }
        }
        if let command = apply(topAction) { commands.append(command) }
        if let command = loadResources(refresh: false) { commands.append(command) }
        return commands.isEmpty ? nil : .batch(commands)
    }

    /// A deleted application's (or component's) cache files go, off the loop: nothing of it is
    /// painted at the next start, and nothing of it stays in the home directory.
    func forgetCached(application: String, component: String? = nil) -> Command<Message> {
        let cache = environment.cache
        return .run {
            cache.removeAll { Resource.cacheKey($0, concerns: application, component: component) }
            return nil
        }
    }

    /// The application (and component) the user is looking at, for a dashboard's variables: the
    /// open page's, else the list's selection.
    func dashboardVariables() -> DashboardVariables {
        let subject = screens.screens.reversed().lazy.compactMap(\.subject).first
        let slug = screens.isEmpty ? list.selected?.slug : subject?.application
        let application = slug.flatMap { slug in
            resources.store[.application(slug: slug)]?.application ?? list.applications.first { $0.slug == slug }
        }
        return DashboardVariables(namespace: application?.namespace, app: slug, component: subject?.component)
    }

    /// Opens a dashboard by name: by default the component's, the application's (developer) or,
    /// with nothing chosen, the admin one. Without a metrics URL it says how to give one.
    mutating func openDashboard(_ name: String?, variables: DashboardVariables) -> Command<Message>? {
        guard environment.metrics != nil else {
            notice = Catalog.noMetricsURL.text(in: language)
            return nil
        }
        let wanted = name ?? (variables.component != nil ? "component" : variables.namespace != nil ? "developer" : "admin")
        guard let chosen = environment.dashboards.first(where: { $0.name == wanted }) else {
            notice = "\(Catalog.noSuchDashboard.text(in: language)): \(wanted) (\(environment.dashboards.map(\.name).joined(separator: ", ")))"
            return nil
        }
        var screen = DashboardScreen(dashboard: chosen, client: environment.metrics, variables: variables, language: language,
                                     theme: palette.theme, keymap: environment.keymap)
        let sized = screen.update(.resize(width: size.width, height: max(0, size.height - 2)))
        let started = screen.start()
        overlays.dashboard = screen
        return .batch([sized, started].compactMap { $0?.map { .dashboard($0) } })
    }
}
