import Client
import Dashboards
import Foundation
import Model
import Synchronization
import TerminalUI

/// The cabinet as one program: a top bar, the current screen, a status bar. It paints from the
/// cache first, then from the platform, and never waits for either: every read and write is a
/// command whose result arrives as a message.
public struct CabinetApp: Program {
    public enum Message: Sendable {
        /// The first screenful of the list, from its small cache file: painted before the whole list is decoded.
        case headLoaded(CacheLoad<ApplicationsHead>)
        case cacheLoaded(CacheLoad<ApplicationPages>)
        /// A fetch's result; on success the cache was already written (or `cacheError` says why not).
        /// `pages` are the tags to revalidate with next time; `unchanged` says every page answered 304.
        case applicationsFetched(Result<[Application], PlatformClientError>, at: Date, cacheError: String? = nil,
                                 pages: [ApplicationPages.Page]? = nil, unchanged: Bool = false)
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
        /// The heartbeat's answer: nil when the platform answered.
        case heartbeat(PlatformClientError?)
        /// A text edited in the user's editor (the component page's manifest), step by step.
        case externalEdit(ExternalEditStep)
        /// The Events screen's stream.
        case feed(EventsFeed.Message)
        /// `:theme NAME` read its file: the theme, with what was wrong in it (left out).
        case themeLoaded(Theme, problems: [String])
    }

    let environment: CabinetEnvironment
    private var dates: DateText
    /// The styles of the theme in use: the one started with, or the last `:theme`.
    private var palette: Palette
    /// The UI's language: from the start (`LANG`, `--lang`), or the last `:lang`.
    private(set) var language: Language
    private(set) var list = ApplicationListScreen()
    private(set) var connection = ConnectionState.connecting {
        didSet { watchHeartbeat() }
    }
    /// What the heartbeat loop listens for, shared with it (see `heartbeatLoop`).
    private let heartbeat = HeartbeatWatch()
    private(set) var origin = DataOrigin.none
    /// The list as last fetched or read from the cache, with its pages' tags, to revalidate it
    /// page by page (what is shown may differ for a moment: a deleted application goes at once).
    private var fetchedList: ApplicationPages?
    /// Refreshes left until every page of the list is revalidated again; in between, an unchanged
    /// first page vouches for the rest (see `PlatformClient.applications`).
    private var refreshesUntilSweep = 0
    /// A one-line message for the status bar (a cache problem, say).
    private(set) var notice: String?
    private var now: Date
    /// The help overlay, while it is open.
    private(set) var help: HelpOverlayState?
    private(set) var fetching = false {
        didSet { watchHeartbeat() }
    }
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
    /// Manifest edits not applied, by component: they outlive their page (Esc, :apps), so that
    /// reopening the component brings the user's text back.
    private(set) var manifestDrafts: [String: ComponentScreen.ManifestDraft] = [:]
    /// The event stream of the Events screen, while it is on top.
    private(set) var feed = EventsFeed()
    /// Resources asked again because the other half of a component page knew of a later change,
    /// with that change's time: each is asked once per change (see `reconcile`).
    private var reasked: [Resource: Date] = [:]

    public init(environment: CabinetEnvironment, now: Date = Date()) {
        self.environment = environment
        self.language = environment.language
        self.dates = DateText(language: environment.language)
        self.palette = Palette(theme: environment.theme)
        self.notice = environment.startupNotices.first
        self.now = now
    }

    public mutating func start() -> Command<Message>? {
        let cache = environment.cache
        // Who the platform says the user is: from the cache now, fetched after the first heartbeat.
        requested.insert(.me)
        // The first fetch waits for the cached list, so that it can revalidate it page by page.
        return .batch([loadHead(), loadCache(), clockTick(), heartbeatLoop(),
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
            prompt = CommandPromptState(commands: completions, history: promptHistory)
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
            keepManifestDrafts()
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
        case .refresh: return fetching ? nil : fetch(sweep: true)
        }
    }

    private mutating func keepManifestDrafts() {
        for case let page as ComponentScreen in stack { manifestDrafts[page.draftKey] = page.draft }
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
        ScreenContext(language: language, dates: dates, palette: palette, store: store, applications: list.applications, isOnline: isOnline,
                      keymap: environment.keymap)
    }

    static let commandNames = ["apps", "new", "quotas", "teams", "events", "dashboards", "theme", "lang", "q", "quit"]

    /// What Tab completes on the command line: the commands, then each theme and language.
    private var completions: [String] {
        Self.commandNames + environment.themeNames.map { "theme \($0)" } + Language.allCases.map { "lang \($0.rawValue)" }
    }

    /// `:apps`, `:new`, `:quotas`, `:teams`, `:events`, `:dashboards`, `:theme`, `:lang`, `:q`.
    private mutating func run(commandLine: String) -> Command<Message>? {
        let word = commandLine.split(separator: " ").first.map(String.init)?.lowercased() ?? ""
        let argument = commandLine.split(separator: " ").dropFirst().first.map(String.init)
        switch word {
        case "theme":
            return switchTheme(to: argument)
        case "lang", "language":
            switchLanguage(to: argument)
            return nil
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

    /// `:theme NAME` for the rest of the session (`--theme` chooses it at start); without a name,
    /// which theme this is and which there are. The file is read by a command, off the UI's thread.
    private mutating func switchTheme(to name: String?) -> Command<Message>? {
        let names = environment.themeNames.joined(separator: ", ")
        guard let name else {
            notice = "\(Catalog.theme.text(in: language)): \(palette.theme.name). \(Catalog.themes.text(in: language)): \(names)"
            return nil
        }
        guard let loader = environment.themes, environment.themeNames.contains(name) else {
            notice = "\(Catalog.noSuchTheme.text(in: language)): \(name) (\(names))"
            return nil
        }
        return .run {
            let (theme, problems) = loader.load(name)
            return .themeLoaded(theme, problems: problems.map(\.description))
        }
    }

    /// `:lang ru` or `:lang en` for the rest of the session; without one, which it is. Every screen
    /// speaks it from the next frame on, forms open at the time included.
    private mutating func switchLanguage(to code: String?) {
        guard let code else {
            notice = Catalog.languageNow.text(in: language)
            return
        }
        guard let chosen = Language(rawValue: code.lowercased()) else {
            notice = "\(Catalog.noSuchLanguage.text(in: language)): \(code) (\(Language.allCases.map(\.rawValue).joined(separator: ", ")))"
            return
        }
        language = chosen
        dates = DateText(language: chosen)
        let context = context
        for index in stack.indices { stack[index].languageChanged(context: context) }
        notice = Catalog.languageNow.text(in: chosen)
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
                                     theme: palette.theme, keymap: environment.keymap)
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
        case .push(var screen):
            notice = nil
            if var page = screen as? ComponentScreen, let kept = manifestDrafts[page.draftKey] {
                page.restore(kept)
                screen = page
            }
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
        case .editExternally(let edit):
            return ExternalEditing.prepare(edit)
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
        case .headLoaded(.hit(let head, let savedAt)):
            // Only while nothing better is shown: the whole list, from the cache or the platform, wins.
            guard case .none = origin else { return nil }
            list.show(head.items)
            origin = .cache(savedAt: savedAt)
            return nil
        case .headLoaded(.miss), .headLoaded(.unusable):
            // The whole list follows; a bad head is rewritten with it.
            return nil
        case .cacheLoaded(.hit(let cached, let savedAt)):
            // A fresh answer may have overtaken a slow cache read; never go back to older data.
            switch origin {
            case .platform: return nil
            case .cache(let headSaved): origin = .cache(savedAt: max(headSaved, savedAt))
            case .none: origin = .cache(savedAt: savedAt)
            }
            list.show(cached.items)
            fetchedList = cached
            return fetching ? nil : fetch()
        case .cacheLoaded(.miss):
            return fetching ? nil : fetch()
        case .cacheLoaded(.unusable(let reason)):
            notice = "\(Catalog.cacheIgnored.text(in: language)): \(reason)"
            return fetching ? nil : fetch()
        case .applicationsFetched(.success(let applications), let at, let cacheError, let pages, let unchanged):
            fetching = false
            // Unchanged (every page 304): the list on screen stays as it is, not arranged again.
            if !unchanged { list.show(applications) }
            fetchedList = pages.map { ApplicationPages(pages: $0, items: applications) }
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
        case .applicationsFetched(.failure(let error), _, _, _, _):
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
            var commands = [clockTick()] + [loadResources(refresh: false, olderThan: date)].compactMap { $0 }
            // Who the platform says the user is, asked once the platform has been up a while
            // rather than with the first answer, when the cabinet has the most to fetch.
            if case .online = connection, store.entry(.me)?.fromCache != false, !store.inFlight.contains(.me),
               let me = loadResources([.me], refresh: true) {
                commands.append(me)
            }
            return .batch(commands)
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
            let changed = dataChanged()
            guard let behind = reconcile(after: resource) else { return changed }
            return .batch([changed, behind].compactMap { $0 })
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
        case .externalEdit(.ready(let edit, let directory)):
            return ExternalEditing.launch(edit, directory: directory, editor: environment.editor)
        case .externalEdit(.editorFinished(let edit, let directory, let outcome)):
            return ExternalEditing.collect(edit, directory: directory, outcome: outcome)
        case .externalEdit(.finished(let edit, let result)):
            // To the page it came from, even if another screen was opened meanwhile.
            guard let index = stack.lastIndex(where: { ($0 as? ComponentScreen)?.edits(edit) == true }),
                  var page = stack[index] as? ComponentScreen else { return nil }
            let action = page.edited(edit, result, context: context)
            stack[index] = page
            keepManifestDrafts()
            return apply(action)
        case .notice(let text):
            notice = text
            return nil
        case .themeLoaded(let theme, let problems):
            palette = Palette(theme: theme)
            notice = problems.first ?? "\(Catalog.theme.text(in: language)): \(theme.name)"
            return nil
        case .heartbeat(nil):
            if case .offline = connection, !fetching { return .batch([heartbeatLoop(), fetch()]) }
            return heartbeatLoop()
        case .feed(let message):
            var state = connection
            defer { connection = state }
            return feed.receive(message, store: &store, connection: &state, cache: environment.cache, client: environment.client,
                                now: Date())?.map { .feed($0) }
        case .heartbeat(let error?):
            guard case .online = connection, case .unreachable(let why) = error else { return heartbeatLoop() }
            connection = .offline(reason: why)
            return .batch([heartbeatLoop(), scheduleRefresh(after: environment.retryInterval)])
        }
    }

    /// Online, the heartbeat notices the platform going; offline, it notices it coming back sooner
    /// than the list's retries would; not while connecting (the first answer is awaited then) or
    /// fetching (the fetch's answer says). Told by `connection` and `fetching` themselves.
    private func watchHeartbeat() {
        heartbeat.expectation = switch connection {
        case .online: fetching ? .paused : .online
        case .offline: fetching ? .paused : .offline
        case .connecting, .unauthorised: .paused
        }
    }

    /// Asks the platform whether it is there every `heartbeatInterval`, but reports only news (an
    /// answer that differs from what `heartbeat` expects): an idle cabinet handles no message and
    /// draws no frame for a heartbeat that changes nothing. One loop runs at a time: each report
    /// ends it, and its handler starts the next.
    private func heartbeatLoop() -> Command<Message> {
        let (interval, client, watch) = (environment.heartbeatInterval, environment.client, heartbeat)
        return .run {
            while true {
                try? await Task.sleep(for: interval)
                guard watch.expectation != .paused else { continue }
                let error: PlatformClientError?
                do throws(PlatformClientError) {
                    try await client.health()
                    error = nil
                } catch let failure {
                    error = failure
                }
                switch (watch.expectation, error) {
                case (.paused, _), (.online, nil), (.offline, .some): continue
                default: return .heartbeat(error)
                }
            }
        }
    }

    /// New data: screens that fill forms from it take it, and resources that depend on it (the
    /// quotas of teams just learnt) are asked for.
    private mutating func dataChanged() -> Command<Message>? {
        let context = context
        for index in stack.indices { stack[index].dataChanged(context: context) }
        return loadResources(refresh: false)
    }

    /// A component page's header shows the component's status and its Events tab the events that
    /// explain it. They are fetched apart, and a deployment can move on between the two answers
    /// (Развернуто among the events, Развертывается still in the header). When one knows of a later
    /// change than the other, the other is asked again at once instead of at the next tick, once
    /// per change, so the two agree within a round trip.
    private mutating func reconcile(after resource: Resource) -> Command<Message>? {
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
        return behind.isEmpty ? nil : loadResources(behind, refresh: true)
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
        if case .success = result {
            switch action {
            case .replaceComponent(let application, let name, _), .deleteComponent(let application, let name):
                manifestDrafts[ComponentScreen.draftKey(application: application, component: name)] = nil
            case .deleteApplication(let slug):
                manifestDrafts = manifestDrafts.filter { !$0.key.hasPrefix("\(slug)/") }
            default:
                break
            }
        }
        keepManifestDrafts()
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
                case .application(let slug), .components(let slug), .applicationEvents(let slug, _), .manifest(let slug, _), .logs(let slug, _),
                     .grants(let slug):
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

    private func loadHead() -> Command<Message> {
        let cache = environment.cache
        return .run { .headLoaded(cache.load(ApplicationsHead.self, key: CacheKey.applicationsHead)) }
    }

    private func loadCache() -> Command<Message> {
        let cache = environment.cache
        return .run {
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
    private mutating func fetch(sweep: Bool = false) -> Command<Message> {
        fetching = true
        refreshGeneration += 1
        let client = environment.client
        let cache = environment.cache
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
            commands.insert(contentsOf: (stack.last?.commandHints(in: context) ?? []).map { ($0.command, $0.label) }, at: 1)
            commands += stack.last is EventsScreen
                ? [("filter", Catalog.hintFilter), ("time_range", Catalog.hintPeriod), ("choose_application", Catalog.hintApplication)]
                : [("focus_next", Catalog.hintTabs)]
            commands.append(("command_mode", Catalog.hintCommand))
            if let page = stack.last as? ComponentScreen { commands.insert(contentsOf: page.hints, at: 2) }
        }
        return commands.compactMap { command, label in keyHint(command).map { "\($0) \(label.text(in: language))" } }.joined(separator: "  ")
    }

    /// The help screen, generated from the active keymap: every key of this screen with what it
    /// does, so a remapped key shows as remapped.
    fileprivate func helpOverlay() -> HelpOverlay {
        // A screen's own words for its commands ("n: выдать доступ") before the general ones.
        let own = Dictionary((stack.last?.commandHints(in: context) ?? []).map { ($0.command, $0.label) }, uniquingKeysWith: { first, _ in first })
        let entries: [HelpOverlay.Entry] = environment.keymap.bindings(mode: mode).compactMap { binding in
            guard let meaning = own[binding.command] ?? Catalog.commands[binding.command] else { return nil }
            return (keys: binding.keys.map(KeyNotation.describe).joined(separator: " "), description: meaning.text(in: language))
        }
        let theme = palette.theme
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

/// What the heartbeat loop should report, shared between the cabinet (which sets it whenever its
/// connection state changes) and the loop running in a command (which reads it every beat).
final class HeartbeatWatch: Sendable {
    enum Expectation: UInt8 {
        case paused, online, offline
    }

    private let state = Atomic<UInt8>(Expectation.paused.rawValue)

    var expectation: Expectation {
        get { Expectation(rawValue: state.load(ordering: .relaxed)) ?? .paused }
        set { state.store(newValue.rawValue, ordering: .relaxed) }
    }
}
