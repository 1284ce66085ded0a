import Client
import Dashboards
import Foundation
import Model
import TerminalUI

/// A dashboard: its panels in a grid that adapts to the terminal, or one panel zoomed to the whole
/// width with an axis and min/max/avg/last. Its keys are the keymap's `[dashboard]` section (by
/// default 1–5 pick the range, `r` refreshes, `i` changes the refresh interval, `b` switches braille
/// and block charts, Enter or `z` zooms, Esc returns).
///
/// A state machine like every screen: input and query results change the state, `view` draws it,
/// and each query is a `Command` whose result comes back as a message. Each panel asks for no more
/// points than its chart can draw (see `QueryWindow`); a panel that fails or has no series says so
/// and the others carry on.
public struct DashboardScreen: Program {
    public enum Message: Sendable {
        /// A panel's query result; results of an older fetch (`generation`) are ignored.
        case panelLoaded(generation: Int, panel: Int, Result<DashboardPanelData, MetricsError>)
        /// The refresh timer fired (a newer schedule replaces an older one: `Command.tick`).
        case refreshDue
    }

    public enum PanelState: Sendable {
        case waiting
        case loaded(DashboardPanelData)
        case failed(MetricsError)
    }

    /// The refresh intervals `i` cycles through; nil refreshes only on request.
    public static let refreshIntervals: [Duration?] = [.seconds(10), .seconds(30), .seconds(60), .seconds(300), nil]

    public let dashboard: Dashboard
    /// Nil when no metrics backend is configured: the screen says how to configure one.
    let client: MetricsClient?
    let language: Language
    let palette: Palette
    let keymap: Keymap
    let clock: @Sendable () -> Date
    let timeZone: TimeZone
    /// The application, component and namespace the queries are about.
    public private(set) var variables: DashboardVariables
    public private(set) var range: DashboardRange = .hour
    public private(set) var refreshInterval: Duration? = .seconds(30)
    public private(set) var mode: SparklineMode = .blocks
    public private(set) var focused = 0
    public private(set) var zoomed: Int?
    public private(set) var panels: [PanelState]
    /// Panels whose query is on its way.
    public private(set) var loading: Set<Int> = []
    /// When the last fetch completed.
    public private(set) var fetchedAt: Date?
    private var size = (width: 80, height: 24)
    /// Counts fetches; answers to an older one are ignored.
    public private(set) var generation = 0

    public init(dashboard: Dashboard, client: MetricsClient?, variables: DashboardVariables = DashboardVariables(),
                language: Language, theme: Theme, keymap: Keymap, timeZone: TimeZone = .current,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.dashboard = dashboard
        self.client = client
        self.variables = variables
        self.language = language
        self.palette = Palette(theme: theme)
        self.keymap = keymap
        self.timeZone = timeZone
        self.clock = clock
        panels = Array(repeating: .waiting, count: dashboard.panels.count)
    }

    // MARK: Program

    public mutating func start() -> Command<Message>? {
        refresh()
    }

    public mutating func update(_ event: InputEvent) -> Command<Message>? {
        switch event {
        case .resize(let width, let height):
            let before = chartWidths()
            size = (width, height)
            // Charts of another width need other steps; before the first fetch there is nothing to redo.
            return generation == 0 || chartWidths() == before ? nil : fetch()
        case .key(let key):
            return handle(key)
        }
    }

    public mutating func receive(_ message: Message) -> Command<Message>? {
        switch message {
        case .panelLoaded(let loaded, let index, let result):
            guard loaded == generation, panels.indices.contains(index) else { return nil }
            loading.remove(index)
            switch result {
            case .success(let data): panels[index] = .loaded(data)
            case .failure(.cancelled): break
            case .failure(let error): panels[index] = .failed(error)
            }
            if loading.isEmpty { fetchedAt = clock() }
            return nil
        case .refreshDue:
            return refresh()
        }
    }

    public func view(into buffer: inout Buffer) {
        render(in: buffer.area, buffer: &buffer)
    }

    // MARK: Keys

    private mutating func handle(_ key: Key) -> Command<Message>? {
        let count = dashboard.panels.count
        let columns = layout.columns
        guard let action = keymap.action(for: key, mode: Self.keymapMode) else { return nil }
        if let chosen = action.range {
            range = chosen
            return refresh()
        }
        switch action {
        case .nextInterval:
            let index = Self.refreshIntervals.firstIndex { $0 == refreshInterval } ?? 0
            refreshInterval = Self.refreshIntervals[(index + 1) % Self.refreshIntervals.count]
            return scheduleRefresh()
        case .toggleDots:
            mode = mode == .blocks ? .braille : .blocks
            return fetch()
        case .zoom: return toggleZoom()
        case .moveLeft: focus(focused - 1)
        case .moveRight: focus(focused + 1)
        case .moveUp: focus(focused - columns)
        case .moveDown: focus(focused + columns)
        case .gotoTop: focus(0)
        case .gotoBottom: focus(count - 1)
        case .refresh: return refresh()
        case .open: return zoomed == nil ? toggleZoom() : nil
        case .back: return zoomed == nil ? nil : toggleZoom()
        case .quit: return zoomed == nil ? .quit : toggleZoom()
        default: break
        }
        return nil
    }

    /// The keymap section of its keys.
    static let keymapMode = "dashboard"

    private mutating func focus(_ index: Int) {
        guard zoomed == nil, !dashboard.panels.isEmpty else { return }
        focused = min(max(index, 0), dashboard.panels.count - 1)
    }

    private mutating func toggleZoom() -> Command<Message>? {
        guard !dashboard.panels.isEmpty else { return nil }
        zoomed = zoomed == nil ? focused : nil
        return fetch()
    }

    // MARK: Fetching

    /// Fetches now and schedules the next refresh.
    public mutating func refresh() -> Command<Message>? {
        let commands = [fetch(), scheduleRefresh()].compactMap { $0 }
        return commands.isEmpty ? nil : .batch(commands)
    }

    /// One query per panel on screen's data (only the zoomed one when zoomed), each sized to the
    /// panel's chart.
    public mutating func fetch() -> Command<Message>? {
        guard let client, !dashboard.panels.isEmpty else { return nil }
        generation += 1
        let current = generation
        let now = clock()
        let widths = chartWidths()
        // Answers to the fetch this one replaces will be ignored, so they are no longer awaited.
        loading = []
        var commands: [Command<Message>] = []
        for (index, width) in widths {
            let panel = dashboard.panels[index]
            let window = QueryWindow(range: range.seconds, endingAt: now, columns: width, pointsPerColumn: Sparkline.pointsPerColumn(mode))
            var values = variables
            values.range = range.seconds
            values.step = window.step
            let query = values.substitute(panel.query)
            let ranged = zoomed != nil || panel.kind == .sparkline
            loading.insert(index)
            commands.append(.run {
                do throws(MetricsError) {
                    let data = ranged
                        ? DashboardPanelData(try await client.queryRange(query, window: window), window: window)
                        : DashboardPanelData(try await client.query(query, at: now), window: nil)
                    return .panelLoaded(generation: current, panel: index, .success(data))
                } catch {
                    return .panelLoaded(generation: current, panel: index, .failure(error))
                }
            })
        }
        return .batch(commands)
    }

    /// Arms the refresh timer; the manual interval disarms it.
    private mutating func scheduleRefresh() -> Command<Message>? {
        guard client != nil else { return nil }
        guard let interval = refreshInterval else { return .cancelTick(id: Self.refreshTimer) }
        return .tick(id: Self.refreshTimer, after: interval) { .refreshDue }
    }

    private static let refreshTimer = "dashboard.refresh"

    /// The chart width of every panel to fetch, by index.
    public func chartWidths() -> [Int: Int] {
        if let zoomed { return [zoomed: DashboardPanelView.zoomChartWidth(in: bodyArea(of: screenArea))] }
        let layout = layout
        return Dictionary(uniqueKeysWithValues: dashboard.panels.indices.map { ($0, layout.width(ofPanel: $0)) })
    }

    // MARK: Drawing

    private var screenArea: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    var layout: DashboardLayout { DashboardLayout(area: bodyArea(of: screenArea), count: dashboard.panels.count) }

    /// The header and hint lines take a row each when there are at least five rows.
    private func bodyArea(of area: Rect) -> Rect {
        area.height >= 5 ? Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2) : area
    }

    /// Draws the screen into `area`: header, panels (or the zoomed one), key hints.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: Cell(symbol: " ", style: palette.text))
        let body = bodyArea(of: area)
        if area.height >= 5 {
            drawHeader(y: area.y, in: area, buffer: &buffer)
            drawHints(y: area.bottom - 1, in: area, buffer: &buffer)
        }
        let view = DashboardPanelView(language: language, palette: palette, mode: mode, timeZone: timeZone)
        guard client != nil else {
            view.centre(Catalog.metricsNotConfigured.text(in: language), in: body, style: palette.dim, buffer: &buffer)
            return
        }
        guard !dashboard.panels.isEmpty else {
            view.centre(Catalog.dashboardNoPanels.text(in: language), in: body, style: palette.dim, buffer: &buffer)
            return
        }
        if let zoomed {
            view.drawZoomed(dashboard.panels[zoomed], state: panels[zoomed], loading: loading.contains(zoomed), in: body, buffer: &buffer)
            return
        }
        let layout = DashboardLayout(area: body, count: dashboard.panels.count)
        for (index, rect) in layout.visible(focused: focused) {
            view.drawPanel(dashboard.panels[index], state: panels[index], loading: loading.contains(index), focused: index == focused,
                           in: rect, buffer: &buffer)
        }
    }

    private func drawHeader(y: Int, in area: Rect, buffer: inout Buffer) {
        let row = Rect(x: area.x, y: y, width: area.width, height: 1)
        buffer.fill(row, with: Cell(symbol: " ", style: palette.statusBar))
        let interval = refreshInterval.map { Self.text($0) } ?? Catalog.dashboardRefreshManual.text(in: language)
        var parts = [
            Catalog.dashboards.text(in: language) + ": " + dashboard.title.text(in: language),
            Catalog.dashboardRange.text(in: language) + " " + range.label,
            Catalog.dashboardRefreshEvery.text(in: language) + " " + interval,
        ]
        if !loading.isEmpty { parts.append("…") }
        let text = DisplayWidth.truncate(" " + parts.joined(separator: " · "), to: row.width)
        buffer.setString(x: row.x, y: y, text, style: palette.statusBar, maxWidth: row.width)
    }

    private func drawHints(y: Int, in area: Rect, buffer: inout Buffer) {
        let row = Rect(x: area.x, y: y, width: area.width, height: 1)
        buffer.fill(row, with: Cell(symbol: " ", style: palette.statusBar))
        let ranges = [KeyAction.range15m, .range7d].compactMap { key(for: $0) }
        let hints: [(String?, LocalizedText)] = [
            (ranges.count == 2 ? ranges.joined(separator: "-") : nil, Catalog.dashboardHintRange), (key(for: .refresh), Catalog.hintRefresh),
            (key(for: .nextInterval), Catalog.dashboardHintInterval),
            zoomed == nil ? (key(for: .open), Catalog.dashboardHintZoom) : (key(for: .back), Catalog.dashboardHintBack),
            (key(for: .toggleDots), Catalog.dashboardHintDots),
        ]
        let text = " " + hints.compactMap { key, label in key.map { "\($0) \(label.text(in: language))" } }.joined(separator: "  ")
        buffer.setString(x: row.x, y: y, DisplayWidth.truncate(text, to: row.width), style: palette.statusBar, maxWidth: row.width)
    }

    /// The first key the keymap gives `action` here, as keymaps write it ("1", "enter").
    private func key(for action: KeyAction) -> String? {
        keymap.keys(for: action, mode: Self.keymapMode).first.map(KeyNotation.describe)
    }

    static func text(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
    }
}
