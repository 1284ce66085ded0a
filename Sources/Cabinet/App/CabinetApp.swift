import Client
import Dashboards
import Foundation
import Model
import TerminalUI

/// The cabinet as one program: a top bar, the current screen, a status bar. It paints from the
/// cache first, then from the platform, and never waits for either: every read and write is a
/// command whose result arrives as a message.
///
/// The root only composes its parts and routes between them: keys go through the overlays to the
/// screen on top (`Input/`), messages to the part they are for (`Sync/`, `App/CabinetApp+*`), and
/// each frame is the chrome (`Chrome/`) around the top screen (`Screens/`).
public struct CabinetApp: Program {
    let environment: CabinetEnvironment
    var dates: DateText
    /// The styles of the theme in use: the one started with, or the last `:theme`.
    var palette: Palette
    /// The UI's language: from the start (`LANG`, `--lang`), or the last `:lang`.
    var language: Language
    /// The applications list, under every other screen.
    var list = ApplicationListScreen()
    var applications = ApplicationsSync()
    var connection = ConnectionMonitor()
    var resources = ResourceLoader()
    var screens = ScreenStack()
    var overlays = Overlays()
    /// The event stream of the Events screen, while it is on top.
    var feed = EventsFeed()
    /// Every event the user may see, so that writes made elsewhere show here at once.
    var changes = ChangeWatch()
    var drafts = CreateFormDraft()
    /// A one-line message for the status bar (a cache problem, say).
    var notice: String?
    var now: Date
    var size = (width: 80, height: 24)

    static let clockTimer = "cabinet.clock"

    public init(environment: CabinetEnvironment, now: Date = Date()) {
        self.environment = environment
        self.language = environment.language
        self.dates = DateText(language: environment.language)
        self.palette = Palette(theme: environment.theme)
        self.notice = environment.cacheProblem.map { Catalog.cacheNotKept($0).text(in: environment.language) } ?? environment.startupNotices.first
        self.now = now
    }

    public mutating func start() -> Command<Message>? {
        let cache = environment.cache
        // Who the platform says the user is: from the cache now, fetched after the first heartbeat.
        resources.markRequested(.me)
        // The first fetch waits for the cached list, so that it can revalidate it page by page.
        return .batch([ApplicationsSync.loadHead(from: cache), ApplicationsSync.loadList(from: cache), clockTick(), heartbeat(),
                       .run { .resourceCached(.me, cache.load(Tagged<ResourceValue>.self, key: Resource.me.cacheKey)) },
                       .run { .draftLoaded(cache.load(ApplicationDraft.self, key: ApplicationDraft.cacheKey)) }])
    }

    public mutating func update(_ event: InputEvent) -> Command<Message>? {
        afterwards(handle(event))
    }

    public mutating func receive(_ message: Message) -> Command<Message>? {
        afterwards(handle(message))
    }

    public func view(into buffer: inout Buffer) {
        let area = buffer.area
        guard !area.isEmpty else { return }
        let (top, rest) = area.rows(top: 1)
        let (content, bottom) = rest.rows(bottom: 1)
        let chrome = chrome
        chrome.drawTopBar(in: top, buffer: &buffer, profile: environment.profile, user: resources.store[.me]?.me?.user.login ?? environment.user,
                          connection: chrome.connectionText(connection.state, dataTime: dataTime), now: now)
        if let dashboard = overlays.dashboard {
            buffer.fill(content, with: Cell(symbol: " ", style: palette.text))
            dashboard.render(in: content, buffer: &buffer)
        } else if let screen = screens.top {
            buffer.fill(content, with: Cell(symbol: " ", style: palette.text))
            screen.render(in: content, buffer: &buffer, context: context)
        } else {
            list.render(in: content, buffer: &buffer, language: language, dates: dates, palette: palette, loaded: applications.origin != .none)
        }
        chrome.drawStatusBar(in: bottom, buffer: &buffer, prompt: overlays.prompt, notice: notice, connection: connection.state)
        if var state = overlays.confirmation?.dialog, let pending = overlays.confirmation {
            ConfirmDialog(title: pending.title, message: pending.message, confirmLabel: Catalog.delete.text(in: language),
                          cancelLabel: Catalog.cancel.text(in: language), hint: Catalog.nameMismatch.text(in: language),
                          preferredWidth: 60, styles: palette.dialog, inputStyles: palette.field, hintStyle: palette.error)
                .render(in: content, buffer: &buffer, state: &state)
        }
        if var state = overlays.help {
            chrome.helpOverlay().render(in: content, buffer: &buffer, state: &state)
        }
    }

    // MARK: - What the parts share

    var context: ScreenContext {
        ScreenContext(language: language, dates: dates, palette: palette, store: resources.store, applications: list.applications,
                      isOnline: connection.isOnline, keymap: environment.keymap)
    }

    /// The keymap mode of what has the keys: an open dashboard's, the top screen's, else the list's.
    var mode: String { overlays.dashboard != nil ? DashboardScreen.keymapMode : screens.top?.mode ?? "list" }

    var chrome: Chrome {
        Chrome(context: context, keymap: environment.keymap, mode: mode, top: screens.top, breadcrumbs: breadcrumbs,
               onDashboard: overlays.dashboard != nil)
    }

    /// Where the user is: "Приложения › Tesseract OCR › inference".
    var breadcrumbs: String {
        let context = context
        let dashboard = overlays.dashboard.map { Catalog.dashboards.text(in: language) + ": " + $0.dashboard.title.text(in: language) }
        return ([Catalog.applications.text(in: language)] + screens.screens.map { $0.title(in: context) } + [dashboard].compactMap { $0 })
            .joined(separator: " › ")
    }

    /// How old the data on screen is: the list's, or the oldest of what the open screen shows.
    var dataTime: Date? {
        guard let top = screens.top else { return applications.origin.time }
        let times = top.resources(in: context).compactMap { resources.store.entry($0)?.asOf }
        return times.min() ?? applications.origin.time
    }

    /// Reads from the cache and fetches what the top screen shows (or `wanted`).
    mutating func loadResources(_ wanted: [Resource]? = nil, refresh: Bool, olderThan now: Date? = nil) -> Command<Message>? {
        guard let wanted = wanted ?? screens.top?.resources(in: context) else { return nil }
        let feed = feed
        return resources.load(wanted, refresh: refresh, olderThan: now, isOnline: connection.isOnline, isLive: { feed.isLive($0) },
                              from: ResourceLoader.Sources(cache: environment.cache, client: environment.client,
                                                           refreshInterval: environment.refreshInterval))
    }

    func clockTick() -> Command<Message> {
        .tick(id: Self.clockTimer, after: .seconds(5)) { .clock }
    }

    func heartbeat() -> Command<Message> {
        connection.heartbeat(every: environment.heartbeatInterval, timeout: environment.heartbeatTimeout, client: environment.client) { .heartbeat($0) }
    }

    /// After every key and message: the heartbeat hears whether a fetch is on its way, the stream
    /// of changes is open once the platform answers, and the event stream follows the screen on
    /// top — open while a screen that needs one is on top (and no dashboard covers it), closed
    /// otherwise; the screen shows the stream's state.
    private mutating func afterwards(_ command: Command<Message>?) -> Command<Message>? {
        connection.fetching = applications.isFetching
        // Once the platform has answered, not while connecting: the first fetch goes first.
        if case .online = connection.state, let watch = changes.open(client: environment.client)?.map({ Message.changes($0) }) {
            return afterwards(command.map { .batch([$0, watch]) } ?? watch)
        }
        let wanted = overlays.dashboard == nil ? screens.top?.followedStream : nil
        let opened = feed.follow(wanted, store: resources.store, client: environment.client)?.map { Message.feed($0) }
        if wanted != nil {
            let status = feed.status
            _ = screens.updateTop { $0.streamChanged(status) }
        }
        guard let opened else { return command }
        return command.map { .batch([$0, opened]) } ?? opened
    }
}
