import Foundation
import Model
import TerminalUI

/// The lines around the screens: the top bar (product, where the user is, profile and user, the
/// connection and the time), the status bar (a notice, or the keys of what has them) and the help
/// overlay. Built for each frame from what the root knows; draws, keeps nothing.
struct Chrome {
    let context: ScreenContext
    let keymap: Keymap
    /// The keymap mode of what has the keys.
    let mode: String
    let top: (any CabinetScreen)?
    let breadcrumbs: String
    /// A dashboard is open over the screens: it has the keys, and draws its own line of them.
    var onDashboard = false

    private var language: Language { context.language }
    private var palette: Palette { context.palette }

    func drawTopBar(in area: Rect, buffer: inout Buffer, profile: String, user: String, connection: (String, Style), now: Date) {
        let product = " \(Catalog.productName.text(in: language))"
        TopBar(
            left: [BarSegment("\(product) · \(breadcrumbs)", style: palette.topBarAccent), BarSegment("· \(profile) · \(user)")],
            right: [BarSegment(connection.0, style: connection.1), BarSegment("\(context.dates.time(now)) ")],
            // The product's name stays when the line is narrow (cut after it, hence + 1 for "…").
            minimumLeftWidth: DisplayWidth.of(product) + 1,
            style: palette.topBar
        ).render(in: area, buffer: &buffer)
    }

    /// "● online", "connecting… · data from 12:04", "Platform unreachable · data from 12:04".
    func connectionText(_ connection: ConnectionState, dataTime: Date?) -> (String, Style) {
        let age = dataTime.map { " · \(Catalog.dataFrom.text(in: language)) \(context.dates.time($0))" } ?? ""
        switch connection {
        case .connecting: return ("◌ \(Catalog.connecting.text(in: language))\(age)", palette.topBar)
        case .online: return ("● \(Catalog.online.text(in: language))", palette.online)
        case .offline: return ("○ \(Catalog.offline.text(in: language))\(age)", palette.offline)
        case .unauthorised: return ("○ \(Catalog.notAuthorised.text(in: language))\(age)", palette.offline)
        }
    }

    /// The command line while it is open, else a notice, the reason the platform is unreachable,
    /// or the keys.
    func drawStatusBar(in area: Rect, buffer: inout Buffer, prompt: CommandPromptState?, notice: String?, connection: ConnectionState) {
        if var state = prompt {
            CommandPrompt(prompt: ":", styles: CommandPromptStyles(prompt: palette.statusBar, field: palette.field))
                .render(in: area, buffer: &buffer, state: &state)
            return
        }
        let text: String
        var style: Style?
        if let notice {
            (text, style) = (" \(notice)", palette.notice)
        } else if case .offline = connection {
            (text, style) = (" " + Catalog.offlineStatus.text(in: language), palette.notice)
        } else {
            text = " " + hints(fitting: area.width - 1)
        }
        StatusBar(left: [BarSegment(text, style: style)], minimumLeftWidth: 0, style: palette.statusBar)
            .render(in: area, buffer: &buffer)
    }

    /// The keys of what has the keys now, from the active keymap, in at most `width` columns:
    /// when they do not all fit, the least needed go first (the help, which lists them all, and
    /// quit stay longest), so that a narrow terminal shows whole hints, not a cut one.
    func hints(fitting width: Int = .max) -> String {
        if let top, top.takesTyping { return Catalog.hintForm.text(in: language) }
        var commands: [(command: KeyAction, label: LocalizedText)]
        if onDashboard {
            commands = [(.back, Catalog.hintBack), (.help, Catalog.hintHelp), (.quit, Catalog.dashboardHintClose)]
        } else if let top {
            commands = [(.moveDown, Catalog.hintMove)] + top.commandHints(in: context)
            commands += [(.back, Catalog.hintBack), (.refresh, Catalog.hintRefresh), (.help, Catalog.hintHelp), (.quit, Catalog.hintQuit)]
            commands += top.trailingHints
        } else {
            commands = [(.moveDown, Catalog.hintMove), (.refresh, Catalog.hintRefresh), (.help, Catalog.hintHelp), (.quit, Catalog.hintQuit),
                        (.open, Catalog.hintOpen), (.new, Catalog.hintNew), (.filter, Catalog.hintFilter), (.sort, Catalog.hintSort)]
        }
        commands.append((.commandMode, Catalog.hintCommand))
        var shown = commands.compactMap { command, label in keyHint(command).map { (command: command, text: "\($0) \(label.text(in: language))") } }
        func total() -> Int { shown.reduce(max(0, shown.count - 1) * 2) { $0 + DisplayWidth.of($1.text) } }
        while total() > width, shown.count > 1,
              let least = shown.indices.min(by: { Self.priority(shown[$0].command) < Self.priority(shown[$1].command) }) {
            shown.remove(at: least)
        }
        return shown.map(\.text).joined(separator: "  ")
    }

    /// How much a hint is needed on a narrow line: the help (it lists every key) and the way out
    /// most, then the screen's own commands, then what every screen has.
    private static func priority(_ command: KeyAction) -> Int {
        switch command {
        case .help: 9
        case .quit: 8
        case .back: 7
        case .moveDown, .refresh, .focusNext: 1
        case .commandMode: 2
        default: 5
        }
    }

    /// The help screen, generated from the active keymap: every key of this screen with what it
    /// does, so a remapped key shows as remapped.
    func helpOverlay() -> HelpOverlay {
        // A screen's own words for its commands ("n: выдать доступ") before the general ones.
        let own = Dictionary((onDashboard ? [] : top?.commandHints(in: context) ?? []).map { ($0.command, $0.label) }, uniquingKeysWith: { first, _ in first })
        let entries: [HelpOverlay.Entry] = keymap.bindings(mode: mode).compactMap { binding in
            guard let action = KeyAction(rawValue: binding.command), let meaning = own[action] ?? action.helpText else { return nil }
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
    private func keyHint(_ command: KeyAction) -> String? {
        let keys = keymap.keys(for: command, mode: mode)
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
