import Client
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
    private var fetching = false
    private var refreshGeneration = 0

    public init(environment: CabinetEnvironment, now: Date = Date()) {
        self.environment = environment
        self.dates = DateText(language: environment.language)
        self.palette = Palette(theme: environment.theme)
        self.notice = environment.startupNotices.first
        self.now = now
    }

    private var language: Language { environment.language }

    public mutating func start() -> Command<Message>? {
        .batch([loadCache(), fetch(), clockTick()])
    }

    public mutating func update(_ event: InputEvent) -> Command<Message>? {
        let key: Key
        switch event {
        case .resize(_, let height):
            // Top bar and status bar take a line each.
            list.resize(height: height - 2)
            return nil
        case .key(let pressed):
            key = pressed
        }
        let command = environment.keymap.command(for: key, mode: "list")
        if var open = help {
            // Help closes with the key that opened it, Esc or quit; other keys scroll it.
            if ["help", "back", "quit"].contains(command ?? "") {
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
        guard let command else { return nil }
        switch list.perform(command) {
        case .none: return nil
        case .quit: return .quit
        case .refresh: return fetching ? nil : fetch()
        }
    }

    public mutating func receive(_ message: Message) -> Command<Message>? {
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
            if case .online = connection {} else { connection = .online(since: at) }
            if let cacheError { notice = "\(Catalog.cacheNotSaved.text(in: language)): \(cacheError)" }
            return scheduleRefresh(after: environment.refreshInterval)
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
        case .clock(let date):
            now = date
            return clockTick()
        }
    }

    public func view(into buffer: inout Buffer) {
        let area = buffer.area
        guard !area.isEmpty else { return }
        let (top, rest) = area.rows(top: 1)
        let (content, bottom) = rest.rows(bottom: 1)
        drawTopBar(in: top, buffer: &buffer)
        list.render(in: content, buffer: &buffer, language: language, dates: dates, palette: palette, loaded: origin != .none)
        drawStatusBar(in: bottom, buffer: &buffer)
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
            left: [BarSegment("\(product) · \(Catalog.applications.text(in: language))", style: palette.topBarAccent),
                   BarSegment("· \(environment.profile) · \(environment.user)")],
            right: [BarSegment(state, style: stateStyle), BarSegment("\(dates.time(now)) ")],
            // The product's name stays when the line is narrow (cut after it, hence + 1 for "…").
            minimumLeftWidth: DisplayWidth.of(product) + 1,
            style: palette.topBar
        ).render(in: area, buffer: &buffer)
    }

    /// "● online", "connecting… · data from 12:04", "Platform unreachable · data from 12:04".
    private func connectionText() -> (String, Style) {
        let age = origin.time.map { " · \(Catalog.dataFrom.text(in: language)) \(dates.time($0))" } ?? ""
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
        if let notice {
            (text, style) = (" \(notice)", palette.notice)
        } else if case .offline(let reason) = connection {
            (text, style) = (" \(reason)", palette.notice)
        } else {
            let hints = [("move_down", Catalog.hintMove), ("refresh", Catalog.hintRefresh), ("help", Catalog.hintHelp), ("quit", Catalog.hintQuit)]
                .compactMap { command, label in keyHint(command).map { "\($0) \(label.text(in: language))" } }
            text = " " + hints.joined(separator: "  ")
        }
        StatusBar(left: [BarSegment(text, style: style)], minimumLeftWidth: 0, style: palette.statusBar)
            .render(in: area, buffer: &buffer)
    }
}

extension CabinetApp {
    /// The help screen, generated from the active keymap: every key of this screen with what it
    /// does, so a remapped key shows as remapped.
    fileprivate func helpOverlay() -> HelpOverlay {
        let entries: [HelpOverlay.Entry] = environment.keymap.bindings(mode: "list").compactMap { binding in
            guard let meaning = Catalog.commands[binding.command] else { return nil }
            return (keys: binding.keys.map(KeyNotation.describe).joined(separator: " "), description: meaning.text(in: language))
        }
        let theme = environment.theme
        return HelpOverlay(
            title: Catalog.help.text(in: language),
            sections: [(title: Catalog.applications.text(in: language), entries: entries)],
            styles: HelpOverlayStyles(
                box: theme.style(for: "ui.help"), title: theme.style(for: "ui.title"), sectionTitle: theme.style(for: "ui.table.header"),
                keys: theme.style(for: "ui.topbar.accent"), description: theme.style(for: "ui.help"), scrollMark: theme.style(for: "ui.title")))
    }

    /// The keys the active keymap gives a command, as a hint: "j/↓", "q".
    fileprivate func keyHint(_ command: String) -> String? {
        let keys = environment.keymap.keys(for: command, mode: "list")
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
