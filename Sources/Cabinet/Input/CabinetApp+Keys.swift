import Client
import Foundation
import Model
import TerminalUI

/// A key's way through the cabinet: the overlays first (dashboard, confirmation, command line,
/// help), then the screen on top, and what the screen leaves to the cabinet's own commands (back,
/// quit, refresh, help, the command line), handled here once for every screen.
extension CabinetApp {
    /// The help closes with the key that opened it, Esc or quit; other keys scroll it.
    private mutating func helpKey(_ key: Key, action: KeyAction?) {
        guard var open = overlays.help else { return }
        if action == .help || action == .back || action == .quit || key == .escape {
            overlays.help = nil
        } else if open.handle(key) {
            overlays.help = open
        }
    }

    mutating func handle(_ event: InputEvent) -> Command<Message>? {
        let key: Key
        switch event {
        case .resize(let width, let height):
            // Top bar and status bar take a line each.
            list.resize(height: height - 2)
            size = (width, height)
            return overlays.dashboard?.update(.resize(width: width, height: max(0, height - 2)))?.map { .dashboard($0) }
        case .key(let pressed):
            key = pressed
        }
        if var open = overlays.dashboard, overlays.prompt == nil {
            // The dashboard has the keys; quit or Esc outside a zoom closes it, : still works, and
            // the help (its keys, from the keymap's [dashboard] section) opens over it.
            let action = environment.keymap.action(for: key, mode: DashboardScreen.keymapMode)
            if overlays.help != nil {
                helpKey(key, action: action)
                return nil
            }
            if action == .help {
                overlays.help = HelpOverlayState()
                return nil
            }
            if open.zoomed == nil, action == .quit || action == .back || key == .escape {
                overlays.dashboard = nil
                return loadResources(refresh: false)
            }
            if key != .char(":") {
                let next = open.update(.key(key))
                overlays.dashboard = open
                return next?.map { .dashboard($0) }
            }
        }
        if var pending = overlays.confirmation {
            switch pending.dialog.handle(key) {
            case .confirmed:
                overlays.confirmation = nil
                return perform(pending.action)
            case .cancelled:
                overlays.confirmation = nil
            case .none:
                overlays.confirmation = pending
            }
            return nil
        }
        if var open = overlays.prompt {
            switch open.handle(key) {
            case .submitted(let text):
                overlays.promptHistory = open.history
                overlays.prompt = nil
                return run(CabinetCommandLine(parsing: text))
            case .cancelled:
                overlays.promptHistory = open.history
                overlays.prompt = nil
            case .edited, .ignored:
                overlays.prompt = open
            }
            return nil
        }
        let top = screens.top
        // Forms take every key (a "q" in a name is a q); only F1 opens the help over them, and a
        // key that is not text may be the form's submit (C-s in the default keymap).
        let action: KeyAction? = if top == nil, list.isFiltering {
            nil
        } else if let top, top.takesTyping {
            if key == .function(1) {
                .help
            } else if !key.isPrintable, environment.keymap.action(for: key, mode: top.mode) == .submit {
                .submit
            } else {
                nil
            }
        } else {
            environment.keymap.action(for: key, mode: mode)
        }
        if overlays.help != nil {
            helpKey(key, action: action)
            return nil
        }
        switch action {
        case .help:
            overlays.help = HelpOverlayState()
            return nil
        case .commandMode:
            overlays.prompt = CommandPromptState(commands: CabinetCommandLine.completions(themes: environment.themeNames),
                                                 history: overlays.promptHistory)
            return nil
        default:
            break
        }
        if let top {
            // In forms the keymap may name other cancel keys than Esc (C-g in emacs, F10 in mc).
            var key = key
            if top.takesTyping, key != .escape, !key.isPrintable, environment.keymap.action(for: key, mode: top.mode) == .cancel {
                key = .escape
            }
            let context = context
            let answer = screens.updateTop { $0.handle(key, command: action, context: context) } ?? .unhandled
            guard case .unhandled = answer else { return apply(answer) }
            return apply(own(action))
        }
        if list.isFiltering {
            list.filterKey(key)
            return nil
        }
        guard let action else { return nil }
        switch action {
        case .new:
            return apply(.push(CreateApplicationScreen(draft: drafts.draft ?? ApplicationDraft(), context: context)))
        case .open:
            guard let app = list.selected else { return nil }
            return apply(.push(ApplicationScreen(slug: app.slug)))
        case .delete:
            guard let app = list.selected else { return nil }
            guard connection.isOnline else { return apply(.notice(Catalog.needsPlatform.text(in: language))) }
            return apply(.confirm(Confirmation(
                title: Catalog.deleteApplication.text(in: language), message: Catalog.deleteApplicationMessage(app.slug).text(in: language),
                dialog: ConfirmDialogState(expected: app.slug), action: .deleteApplication(slug: app.slug))))
        case .refresh:
            // Asked for by the user: every page of the list is revalidated, not only the first.
            return applications.isFetching ? nil : fetchApplications(sweep: true)
        default:
            return list.perform(action) ? nil : apply(own(action))
        }
    }

    /// The cabinet's own meaning of a key no screen used.
    private func own(_ action: KeyAction?) -> ScreenAction {
        switch action {
        case .back: screens.isEmpty ? .none : .back
        case .quit: .quit
        case .refresh: .refresh
        default: .none
        }
    }

    /// Carries out what the command line asked for.
    mutating func run(_ command: CabinetCommandLine) -> Command<Message>? {
        switch command {
        case .theme(let name):
            return switchTheme(to: name)
        case .language(let code):
            switchLanguage(to: code)
            return nil
        case .applications:
            screens.removeAll()
            return applications.isFetching ? nil : fetchApplications()
        case .newApplication:
            return apply(.push(CreateApplicationScreen(draft: drafts.draft ?? ApplicationDraft(), context: context)))
        case .quotas:
            screens.removeAll()
            return apply(.push(QuotaScreen()))
        case .teams:
            screens.removeAll()
            return apply(.push(TeamsScreen()))
        case .events(let application):
            screens.removeAll()
            return apply(.push(EventsScreen(application: application)))
        case .dashboard(let name):
            return openDashboard(name, variables: dashboardVariables())
        case .quit:
            return .quit
        case .unknown(let text):
            notice = "\(Catalog.unknownCommand.text(in: language)): \(text). \(Catalog.commandHelp.text(in: language))"
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
        screens.updateAll { screen, _ in screen.languageChanged(context: context) }
        notice = Catalog.languageNow.text(in: chosen)
    }
}

extension Key {
    /// A key that types text (a form field takes it before any keymap could).
    var isPrintable: Bool {
        if case .char = self { true } else { false }
    }
}
