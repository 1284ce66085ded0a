import Client
import Dashboards
import Foundation
import Model
import TerminalUI

/// The cabinet as one program: a top bar, the current screen, a status bar. It paints from the
/// cache first, then from the platform, and never waits for either: every read and write is a
/// command whose result arrives as a message.
public struct CabinetApp: Program {
    public enum Message: Sendable {
        case cacheLoaded(CacheLoad<[Application]>)
        /// A fetch's result; on success the cache was already written (or `cacheError` says why not).
        case applicationsFetched(Result<[Application], PlatformClientError>, at: Date, cacheError: String? = nil)
        /// A scheduled refresh; stale ones (superseded by a newer schedule) are ignored.
        case refreshDue(Int)
        case clock(Date)
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
        case heartbeatDue
        /// The heartbeat's answer: nil when the platform answered.
        case heartbeat(PlatformClientError?)
        /// The Events screen's stream.
        case feed(EventsFeed.Message)
    }

    let environment: CabinetEnvironment
    private let dates: DateText
    private let palette: Palette
    private(set) var list = ApplicationListScreen()
    private(set) var connection = ConnectionState.connecting
    private(set) var origin = DataOrigin.none
    /// A one-line message for the status bar (a cache problem, say).
    private(set) var notice: String?
    private var now: Date
    /// The help overlay, while it is open.
    private(set) var help: HelpOverlayState?
    private(set) var fetching = false
    private var refreshGeneration = 0
    /// Screens opened over the applications list, the newest last; Esc goes back one.
    private(set) var stack: [any CabinetScreen] = []
    /// Platform data of the screens, each from its own cache file, then from the platform.
    private(set) var store = ResourceStore()
    /// Resources asked for at least once (cache read and fetch issued).
    private var requested: Set<Resource> = []
    /// The create form's draft, as last saved.
    private(set) var draft: ApplicationDraft?
    private var draftSequence = 0
    private let draftWriter = DraftWriter()
    /// The `:` command line, while open.
    private(set) var prompt: CommandPromptState?
    private var promptHistory: [String] = []
    /// A destructive action waiting for its name to be typed.
    private(set) var confirmation: Confirmation?
    /// A dashboard open over the screens (`:dashboards`, or Enter on a component's Метрики tab).
    private(set) var dashboard: DashboardScreen?
    private var size = (width: 80, height: 24)
    /// The event stream of the Events screen, while it is on top.
    private(set) var feed = EventsFeed()

    public init(environment: CabinetEnvironment, now: Date = Date()) {
        self.environment = environment
        self.dates = DateText(language: environment.language)
        self.palette = Palette(theme: environment.theme)
        self.notice = environment.startupNotices.first
        self.now = now
    }

    private var language: Language { environment.language }

    public mutating func start() -> Command<Message>? {
        let cache = environment.cache
        // Who the platform says the user is: from the cache now, fetched after the first heartbeat.
        requested.insert(.me)
        return .batch([loadCache(), fetch(), clockTick(), heartbeatTick(),
                       .run { .resourceCached(.me, cache.load(Tagged<ResourceValue>.self, key: Resource.me.cacheKey)) },
                       .run { .draftLoaded(cache.load(ApplicationDraft.self, key: ApplicationDraft.cacheKey)) }])
    }

    public mutating func update(_ event: InputEvent) -> Command<Message>? {
        followEvents(after: handle(event))
    }

    private mutating func handle(_ event: InputEvent) -> Command<Message>? {
        let key: Key
        switch event {
        case .resize(let width, let height):
            // Top bar and status bar take a line each.
            list.resize(height: height - 2)
            size = (width, height)
            return dashboard?.update(.resize(width: width, height: max(0, height - 2)))?.map { .dashboard($0) }
        case .key(let pressed):
            key = pressed
        }
        if var open = dashboard, prompt == nil {
            // The dashboard has the keys; quit or Esc outside a zoom closes it, : still works.
            let command = environment.keymap.command(for: key, mode: "dashboard")
            if open.zoomed == nil, command == "quit" || command == "back" || key == .escape {
                dashboard = nil
                return loadResources(refresh: false)
            }
            if key != .char(":") {
                let next = open.update(.key(key))
                dashboard = open
                return next?.map { .dashboard($0) }
            }
        }
        if var pending = confirmation {
            switch pending.dialog.handle(key) {
            case .confirmed:
                confirmation = nil
                return perform(pending.action)
            case .cancelled:
                confirmation = nil
            case .none:
                confirmation = pending
            }
            return nil
        }
        if var open = prompt {
            switch open.handle(key) {
            case .submitted(let text):
                promptHistory = open.history
                prompt = nil
                return run(commandLine: text)
            case .cancelled:
                promptHistory = open.history
                prompt = nil
            case .edited, .ignored:
                prompt = open
            }
            return nil
        }
        let top = stack.last
        // Forms take every key (a "q" in a name is a q); only F1 opens the help over them.
        let command: String? = if top == nil, list.isFiltering {
            nil
        } else if let top, top.takesTyping {
            key == .function(1) ? "help" : nil
        } else {
            environment.keymap.command(for: key, mode: mode)
        }
        if var open = help {
            // Help closes with the key that opened it, Esc or quit; other keys scroll it.
            if ["help", "back", "quit"].contains(command ?? "") || key == .escape {
                help = nil
            } else if open.handle(key) {
                help = open
            }
            return nil
        }
        if command == "help" {
            help = HelpOverlayState()
            return nil
        }
        if command == "command_mode" {
            prompt = CommandPromptState(commands: Self.commandNames, history: promptHistory)
            return nil
        }
        if var screen = top {
            // In forms the keymap may name other cancel keys than Esc (C-g in emacs, F10 in mc).
            var key = key
            if screen.takesTyping, key != .escape, !key.isPrintable,
               environment.keymap.command(for: key, mode: screen.mode) == "cancel" {
                key = .escape
            }
            let action = screen.handle(key, command: command, context: context)
            stack[stack.count - 1] = screen
            return apply(action)
        }
        if list.isFiltering {
            list.filterKey(key)
            return nil
        }
        guard let command else { return nil }
        switch command {
        case "new":
            return apply(.push(CreateApplicationScreen(draft: draft ?? ApplicationDraft(), context: context)))
        case "open":
            guard let app = list.selected else { return nil }
            return apply(.push(ApplicationScreen(slug: app.slug)))
        case "delete":
            guard let app = list.selected else { return nil }
            guard isOnline else { return apply(.notice(Catalog.needsPlatform.text(in: language))) }
            return apply(.confirm(Confirmation(
                title: Catalog.deleteApplication.text(in: language), message: Catalog.deleteApplicationMessage(app.slug).text(in: language),
                dialog: ConfirmDialogState(expected: app.slug), action: .deleteApplication(slug: app.slug))))
        default:
            break
        }
        switch list.perform(command) {
        case .none: return nil
        case .quit: return .quit
        case .refresh: return fetching ? nil : fetch()
        }
    }

    /// The keymap mode of what has the keys: the top screen's, else the list's.
    var mode: String { stack.last?.mode ?? "list" }

    private var isOnline: Bool {
        switch connection {
        case .offline, .unauthorised: false
        case .connecting, .online: true
        }
    }

    var context: ScreenContext {
        ScreenContext(language: language, dates: dates, palette: palette, store: store, applications: list.applications, isOnline: isOnline)
    }

    static let commandNames = ["apps", "new", "quotas", "teams", "events", "dashboards", "q", "quit"]

    /// `:apps`, `:new`, `:quotas`, `:teams`, `:events`, `:q`.
    private mutating func run(commandLine: String) -> Command<Message>? {
        let word = commandLine.split(separator: " ").first.map(String.init)?.lowercased() ?? ""
        switch word {
        case "apps", "applications":
            stack.removeAll()
            return fetching ? nil : fetch()
        case "new":
            return apply(.push(CreateApplicationScreen(draft: draft ?? ApplicationDraft(), context: context)))
        case "quotas":
            stack.removeAll()
            return apply(.push(QuotaScreen()))
        case "teams":
            stack.removeAll()
            return apply(.push(TeamsScreen()))
        case "events":
            stack.removeAll()
            let application = commandLine.split(separator: " ").dropFirst().first.map(String.init)
            return apply(.push(EventsScreen(application: application)))
        case "dashboards", "dashboard":
            let name = commandLine.split(separator: " ").dropFirst().first.map(String.init)
            return openDashboard(name, variables: dashboardVariables())
        case "q", "quit":
            return .quit
        default:
            notice = "\(Catalog.unknownCommand.text(in: language)): \(commandLine). \(Catalog.commandHelp.text(in: language))"
            return nil
        }
    }

    /// The application (and component) the user is looking at, for a dashboard's variables: the
    /// open page's, else the list's selection.
    private func dashboardVariables() -> DashboardVariables {
        var slug: String?
        var component: String?
        for screen in stack.reversed() {
            if let page = screen as? ComponentScreen { slug = page.application; component = page.component; break }
            if let page = screen as? ApplicationScreen { slug = page.slug; break }
        }
        if stack.isEmpty { slug = list.selected?.slug }
        let application = slug.flatMap { slug in
            store[.application(slug: slug)]?.application ?? list.applications.first { $0.slug == slug }
        }
        return DashboardVariables(namespace: application?.namespace, app: slug, component: component)
    }

    /// Opens a dashboard by name: by default the component's, the application's (developer) or,
    /// with nothing chosen, the admin one. Without a metrics URL it says how to give one.
    private mutating func openDashboard(_ name: String?, variables: DashboardVariables) -> Command<Message>? {
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
                                     theme: environment.theme, keymap: environment.keymap)
        let sized = screen.update(.resize(width: size.width, height: max(0, size.height - 2)))
        let started = screen.start()
        dashboard = screen
        return .batch([sized, started].compactMap { $0?.map { .dashboard($0) } })
    }

    /// Carries out what a screen asked for.
    private mutating func apply(_ action: ScreenAction) -> Command<Message>? {
        switch action {
        case .openDashboard(let name, let application, let component):
            var variables = dashboardVariables()
            variables.app = application
            variables.component = component
            return openDashboard(name, variables: variables)
        case .none:
            // A screen may show more after a key (the component page's Логи tab): load what is new.
            return loadResources(refresh: false)
        case .back:
            if !stack.isEmpty { stack.removeLast() }
            return loadResources(refresh: false)
        case .push(let screen):
            notice = nil
            stack.append(screen)
            return loadResources(refresh: true)
        case .replace(let screen):
            if !stack.isEmpty { stack.removeLast() }
            stack.append(screen)
            return loadResources(refresh: true)
        case .perform(let platformAction):
            return perform(platformAction)
        case .confirm(let request):
            confirmation = request
            return nil
        case .refresh:
            if stack.isEmpty { return fetching ? nil : fetch() }
            return loadResources(refresh: true)
        case .quit:
            return .quit
        case .notice(let text):
            notice = text
            return nil
        case .saveDraft(let new):
            draft = new
            return writeDraft(new)
        }
    }

    private mutating func perform(_ action: PlatformAction) -> Command<Message>? {
        guard isOnline else {
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

    private mutating func writeDraft(_ new: ApplicationDraft?) -> Command<Message> {
        draftSequence += 1
        let (sequence, writer, cache) = (draftSequence, draftWriter, environment.cache)
        let label = Catalog.cacheNotSaved.text(in: language)
        return .run {
            guard let problem = await writer.save(new, sequence: sequence, cache: cache) else { return nil }
            return .notice("\(label): \(problem)")
        }
    }

    public mutating func receive(_ message: Message) -> Command<Message>? {
        followEvents(after: handle(message))
    }

    private mutating func handle(_ message: Message) -> Command<Message>? {
        switch message {
        case .cacheLoaded(.hit(let applications, let savedAt)):
            // A fresh answer may have overtaken a slow cache read; never go back to older data.
            guard case .platform = origin else {
                list.show(applications)
                origin = .cache(savedAt: savedAt)
                return nil
            }
            return nil
        case .cacheLoaded(.miss):
            return nil
        case .cacheLoaded(.unusable(let reason)):
            notice = "\(Catalog.cacheIgnored.text(in: language)): \(reason)"
            return nil
        case .applicationsFetched(.success(let applications), let at, let cacheError):
            fetching = false
            list.show(applications)
            origin = .platform(at: at)
            var reconnected = false
            if case .online = connection {} else {
                connection = .online(since: at)
                reconnected = true
            }
            if let cacheError { notice = "\(Catalog.cacheNotSaved.text(in: language)): \(cacheError)" }
            // Back online: what the open screen shows is fetched again at once.
            let screens = reconnected ? loadResources(refresh: true) : nil
            return .batch([scheduleRefresh(after: environment.refreshInterval)] + [screens].compactMap { $0 })
        case .applicationsFetched(.failure(let error), _, _):
            fetching = false
            switch error {
            case .unauthorized(let why):
                connection = .unauthorised(reason: why)
                return scheduleRefresh(after: environment.refreshInterval)
            case .unreachable(let why), .unexpected(let why):
                connection = .offline(reason: why)
            case .rejected:
                connection = .offline(reason: error.description)
            }
            return scheduleRefresh(after: environment.retryInterval)
        case .refreshDue(let generation):
            guard generation == refreshGeneration, !fetching else { return nil }
            return fetch()
        case .dashboard(let inner):
            guard var open = dashboard else { return nil }
            let next = open.receive(inner)
            dashboard = open
            return next?.map { .dashboard($0) }
        case .clock(let date):
            now = date
            return .batch([clockTick()] + [loadResources(refresh: false, olderThan: date)].compactMap { $0 })
        case .resourceCached(let resource, .hit(let value, let savedAt)):
            store.cached(resource, value, savedAt: savedAt)
            return dataChanged()
        case .resourceCached(_, .miss):
            return nil
        case .resourceCached(_, .unusable(let reason)):
            notice = "\(Catalog.cacheIgnored.text(in: language)): \(reason)"
            return nil
        case .resourceFetched(let resource, .success(let value), let at):
            store.inFlight.remove(resource)
            store.fetched(resource, feed.merged(value, for: resource, into: store), at: at)
            if case .online = connection {} else { connection = .online(since: at) }
            return dataChanged()
        case .resourceFetched(let resource, .failure(let error), _):
            store.inFlight.remove(resource)
            store.failed(resource, error)
            switch error {
            case .unreachable(let why): connection = .offline(reason: why)
            case .unauthorized(let why): connection = .unauthorised(reason: why)
            case .rejected, .unexpected: break
            }
            return nil
        case .draftLoaded(.hit(let saved, _)):
            if draft == nil { draft = saved }
            return nil
        case .draftLoaded(.miss):
            return nil
        case .draftLoaded(.unusable(let reason)):
            notice = "\(Catalog.cacheIgnored.text(in: language)): \(reason)"
            return nil
        case .actionFinished(let action, let result):
            return finished(action, result)
        case .notice(let text):
            notice = text
            return nil
        case .heartbeatDue:
            // Online, it notices the platform going; offline, it notices it coming back sooner than
            // the list's retries would. Not while connecting: the first answer is awaited then.
            let due: Bool = switch connection {
            case .online, .offline: !fetching
            case .connecting, .unauthorised: false
            }
            guard due else { return heartbeatTick() }
            let client = environment.client
            return .run {
                do throws(PlatformClientError) {
                    try await client.health()
                    return .heartbeat(nil)
                } catch {
                    return .heartbeat(error)
                }
            }
        case .heartbeat(nil):
            if case .offline = connection, !fetching { return .batch([heartbeatTick(), fetch()]) }
            // Who the platform says the user is, asked once the platform has been up a while
            // rather than with the first answer, when the cabinet has the most to fetch.
            if store.entry(.me)?.fromCache != false, !store.inFlight.contains(.me), let me = loadResources([.me], refresh: true) {
                return .batch([heartbeatTick(), me])
            }
            return heartbeatTick()
        case .feed(let message):
            return feed.receive(message, store: &store, connection: &connection, cache: environment.cache, client: environment.client,
                                now: Date())?.map { .feed($0) }
        case .heartbeat(let error?):
            guard case .online = connection, case .unreachable(let why) = error else { return heartbeatTick() }
            connection = .offline(reason: why)
            return .batch([heartbeatTick(), scheduleRefresh(after: environment.retryInterval)])
        }
    }

    private func heartbeatTick() -> Command<Message> {
        let interval = environment.heartbeatInterval
        return .run {
            try? await Task.sleep(for: interval)
            return .heartbeatDue
        }
    }

    /// New data: screens that fill forms from it take it, and resources that depend on it (the
    /// quotas of teams just learnt) are asked for.
    private mutating func dataChanged() -> Command<Message>? {
        let context = context
        for index in stack.indices { stack[index].dataChanged(context: context) }
        return loadResources(refresh: false)
    }

    /// Reads from the cache and fetches what the top screen shows. Without `refresh`, only what
    /// was never asked for; with `olderThan`, also what is older than the refresh interval (events
    /// are polled at every clock tick, so that the events screens stay live).
    private mutating func loadResources(_ resources: [Resource]? = nil, refresh: Bool, olderThan now: Date? = nil) -> Command<Message>? {
        guard let wanted = resources ?? stack.last?.resources(in: context) else { return nil }
        var commands: [Command<Message>] = []
        let cache = environment.cache
        let client = environment.client
        let interval = Double(environment.refreshInterval.components.seconds)
        for resource in wanted {
            if !requested.contains(resource) {
                requested.insert(resource)
                commands.append(.run { .resourceCached(resource, cache.load(Tagged<ResourceValue>.self, key: resource.cacheKey)) })
            } else if !refresh {
                guard let now, isOnline else { continue }
                let age = store.entry(resource).map { now.timeIntervalSince($0.asOf) } ?? .infinity
                let polled: Bool = switch resource {
                // Statuses change by themselves (a deployment): components too, revalidated by ETag.
                case .platformEvents: !feed.isLive(resource)
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
                    return .resourceFetched(resource, .failure(error), at: at)
                }
            })
        }
        return commands.isEmpty ? nil : .batch(commands)
    }

    /// A platform action finished: the screens hear of it first, then the data it changed is
    /// fetched again (the list, the application's pages, quotas and events).
    private mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>) -> Command<Message>? {
        var commands: [Command<Message>] = []
        let context = context
        var topAction = ScreenAction.none
        for index in stack.indices {
            let answer = stack[index].finished(action, result, context: context)
            if index == stack.count - 1 { topAction = answer }
        }
        switch result {
        case .success:
            if case .createApplication = action {
                draft = nil
                commands.append(writeDraft(nil))
            }
            if case .deleteApplication(let slug) = action {
                notice = "\(Catalog.deleted.text(in: language)): \(slug)"
                list.show(list.applications.filter { $0.slug != slug })
                stack.removeAll { screen in
                    (screen as? ApplicationScreen)?.slug == slug || (screen as? ComponentScreen)?.application == slug
                }
                for resource in requested where resource.concerns(slug) { store.forget(resource) }
                requested = requested.filter { !$0.concerns(slug) }
            }
            if case .deleteComponent(_, let name) = action { notice = "\(Catalog.deleted.text(in: language)): \(name)" }
            // Everything the change may have moved: asked again, revalidated by ETag.
            for resource in requested {
                switch resource {
                case .quota, .platformEvents, .teams, .me: break
                case .application(let slug), .components(let slug), .applicationEvents(let slug, _), .manifest(let slug, _), .logs(let slug, _):
                    guard slug == action.application else { continue }
                case .templates: continue
                }
                requested.remove(resource)
            }
            if !fetching { commands.append(fetch()) }
        case .failure(let error):
            if case .none = topAction, stack.last.map({ !$0.takesTyping }) ?? true {
                notice = ScreenDrawing.describe(error)
            }
        }
        if let command = apply(topAction) { commands.append(command) }
        if let command = loadResources(refresh: false) { commands.append(command) }
        return commands.isEmpty ? nil : .batch(commands)
    }

    public func view(into buffer: inout Buffer) {
        let area = buffer.area
        guard !area.isEmpty else { return }
        let (top, rest) = area.rows(top: 1)
        let (content, bottom) = rest.rows(bottom: 1)
        drawTopBar(in: top, buffer: &buffer)
        if let dashboard {
            buffer.fill(content, with: Cell(symbol: " ", style: palette.text))
            dashboard.render(in: content, buffer: &buffer)
        } else if let screen = stack.last {
            buffer.fill(content, with: Cell(symbol: " ", style: palette.text))
            screen.render(in: content, buffer: &buffer, context: context)
        } else {
            list.render(in: content, buffer: &buffer, language: language, dates: dates, palette: palette, loaded: origin != .none)
        }
        drawStatusBar(in: bottom, buffer: &buffer)
        if var state = confirmation?.dialog, let pending = confirmation {
            ConfirmDialog(title: pending.title, message: pending.message, confirmLabel: Catalog.delete.text(in: language),
                          cancelLabel: Catalog.cancel.text(in: language), hint: Catalog.nameMismatch.text(in: language),
                          preferredWidth: 60, styles: palette.dialog, inputStyles: palette.field, hintStyle: palette.error)
                .render(in: content, buffer: &buffer, state: &state)
        }
        if var state = help {
            helpOverlay().render(in: content, buffer: &buffer, state: &state)
        }
    }

    // MARK: - Commands

    private func loadCache() -> Command<Message> {
        let cache = environment.cache
        return .run { .cacheLoaded(cache.load([Application].self, key: CacheKey.applications)) }
    }

    /// Fetches the list and writes it to the cache in the same command, before the screen shows
    /// it: once the user sees fresh data, quitting cannot lose it from the cache.
    private mutating func fetch() -> Command<Message> {
        fetching = true
        refreshGeneration += 1
        let client = environment.client
        let cache = environment.cache
        return .run {
            let applications: [Application]
            do throws(PlatformClientError) {
                applications = try await client.listApplications()
            } catch {
                return .applicationsFetched(.failure(error), at: Date())
            }
            let at = Date()
            do {
                try cache.save(applications, key: CacheKey.applications, savedAt: at)
                return .applicationsFetched(.success(applications), at: at)
            } catch {
                return .applicationsFetched(.success(applications), at: at, cacheError: "\(error)")
            }
        }
    }

    private mutating func scheduleRefresh(after delay: Duration) -> Command<Message> {
        refreshGeneration += 1
        let generation = refreshGeneration
        return .run {
            try? await Task.sleep(for: delay)
            return .refreshDue(generation)
        }
    }

    private func clockTick() -> Command<Message> {
        .run {
            try? await Task.sleep(for: .seconds(5))
            return .clock(Date())
        }
    }

    // MARK: - Bars

    private func drawTopBar(in area: Rect, buffer: inout Buffer) {
        let (state, stateStyle) = connectionText()
        let product = " \(Catalog.productName.text(in: language))"
        TopBar(
            left: [BarSegment("\(product) · \(breadcrumbs)", style: palette.topBarAccent),
                   BarSegment("· \(environment.profile) · \(store[.me]?.me?.user.login ?? environment.user)")],
            right: [BarSegment(state, style: stateStyle), BarSegment("\(dates.time(now)) ")],
            // The product's name stays when the line is narrow (cut after it, hence + 1 for "…").
            minimumLeftWidth: DisplayWidth.of(product) + 1,
            style: palette.topBar
        ).render(in: area, buffer: &buffer)
    }

    /// How old the data on screen is: the list's, or the oldest of what the open screen shows.
    var dataTime: Date? {
        guard let top = stack.last else { return origin.time }
        let times = top.resources(in: context).compactMap { store.entry($0)?.asOf }
        return times.min() ?? origin.time
    }

    /// Where the user is: "Приложения › Tesseract OCR › inference".
    var breadcrumbs: String {
        let context = context
        return ([Catalog.applications.text(in: language)] + stack.map { $0.title(in: context) }).joined(separator: " › ")
    }

    /// "● online", "connecting… · data from 12:04", "Platform unreachable · data from 12:04".
    private func connectionText() -> (String, Style) {
        let age = dataTime.map { " · \(Catalog.dataFrom.text(in: language)) \(dates.time($0))" } ?? ""
        switch connection {
        case .connecting: return ("◌ \(Catalog.connecting.text(in: language))\(age)", palette.topBar)
        case .online: return ("● \(Catalog.online.text(in: language))", palette.online)
        case .offline: return ("○ \(Catalog.offline.text(in: language))\(age)", palette.offline)
        case .unauthorised: return ("○ \(Catalog.notAuthorised.text(in: language))\(age)", palette.offline)
        }
    }

    private func drawStatusBar(in area: Rect, buffer: inout Buffer) {
        let text: String
        var style: Style?
        if var state = prompt {
            CommandPrompt(prompt: ":", styles: CommandPromptStyles(prompt: palette.statusBar, field: palette.field))
                .render(in: area, buffer: &buffer, state: &state)
            return
        }
        if let notice {
            (text, style) = (" \(notice)", palette.notice)
        } else if case .offline(let reason) = connection {
            (text, style) = (" \(reason)", palette.notice)
        } else {
            text = " " + hints()
        }
        StatusBar(left: [BarSegment(text, style: style)], minimumLeftWidth: 0, style: palette.statusBar)
            .render(in: area, buffer: &buffer)
    }
}

extension Key {
    /// A key that types text (a form field takes it before any keymap could).
    var isPrintable: Bool {
        if case .char = self { true } else { false }
    }
}

extension CabinetApp {
    /// The keys of what has the keys now, from the active keymap.
    fileprivate func hints() -> String {
        if let top = stack.last, top.takesTyping { return Catalog.hintForm.text(in: language) }
        var commands = [("move_down", Catalog.hintMove), ("refresh", Catalog.hintRefresh), ("help", Catalog.hintHelp), ("quit", Catalog.hintQuit)]
        if stack.isEmpty {
            commands += [("open", Catalog.hintOpen), ("new", Catalog.hintNew), ("filter", Catalog.hintFilter), ("sort", Catalog.hintSort),
                         ("command_mode", Catalog.hintCommand)]
        } else {
            commands.insert(("back", Catalog.hintBack), at: 1)
            commands += stack.last is EventsScreen
                ? [("filter", Catalog.hintFilter), ("time_range", Catalog.hintPeriod), ("choose_application", Catalog.hintApplication)]
                : [("focus_next", Catalog.hintTabs)]
            commands.append(("command_mode", Catalog.hintCommand))
        }
        return commands.compactMap { command, label in keyHint(command).map { "\($0) \(label.text(in: language))" } }.joined(separator: "  ")
    }

    /// The help screen, generated from the active keymap: every key of this screen with what it
    /// does, so a remapped key shows as remapped.
    fileprivate func helpOverlay() -> HelpOverlay {
        let entries: [HelpOverlay.Entry] = environment.keymap.bindings(mode: mode).compactMap { binding in
            guard let meaning = Catalog.commands[binding.command] else { return nil }
            return (keys: binding.keys.map(KeyNotation.describe).joined(separator: " "), description: meaning.text(in: language))
        }
        let theme = environment.theme
        return HelpOverlay(
            title: Catalog.help.text(in: language),
            sections: [(title: breadcrumbs, entries: entries)],
            styles: HelpOverlayStyles(
                box: theme.style(for: "ui.help"), title: theme.style(for: "ui.title"), sectionTitle: theme.style(for: "ui.table.header"),
                keys: theme.style(for: "ui.topbar.accent"), description: theme.style(for: "ui.help"), scrollMark: theme.style(for: "ui.title")))
    }

    /// The keys the active keymap gives a command, as a hint: "j/↓", "q".
    fileprivate func keyHint(_ command: String) -> String? {
        let keys = environment.keymap.keys(for: command, mode: mode)
        guard !keys.isEmpty else { return nil }
        return keys.prefix(2).map { key in
            switch key {
            case .up: "↑"
            case .down: "↓"
            case .left: "←"
            case .right: "→"
            default: KeyNotation.describe(key)
            }
        }.joined(separator: "/")
    }
}

enum CacheKey {
    static let applications = "applications"
}

extension CabinetApp {
    /// Keeps the event stream with the Events screen: open while it is on top (and no dashboard
    /// covers it), closed otherwise; the screen shows the stream's state.
    fileprivate mutating func followEvents(after command: Command<Message>?) -> Command<Message>? {
        let top = dashboard == nil ? stack.last as? EventsScreen : nil
        let opened = feed.follow(top?.resource, store: store, client: environment.client)?.map { Message.feed($0) }
        if var screen = top, screen.live != feed.status {
            screen.live = feed.status
            stack[stack.count - 1] = screen
        }
        guard let opened else { return command }
        return command.map { .batch([$0, opened]) } ?? opened
    }
}
