import Model
import TerminalUI

/// Every command a keymap can bind, as the cabinet knows it. Keymaps name them in snake case
/// (`j = "move_down"`); the loader is given `keymapNames`, so a misspelt one is reported with its
/// file and line instead of binding a key to nothing.
public enum KeyAction: String, CaseIterable, Sendable {
    // Moving
    case moveUp = "move_up", moveDown = "move_down", moveLeft = "move_left", moveRight = "move_right"
    case pageUp = "page_up", pageDown = "page_down", gotoTop = "goto_top", gotoBottom = "goto_bottom"
    case focusNext = "focus_next", focusPrevious = "focus_previous"
    // The cabinet's own, handled once by the root
    case back, quit, refresh, help
    case commandMode = "command_mode"
    case redraw
    // Lists and pages
    case open, new, edit, discard, delete, sort, filter
    // Forms and dialogs
    case submit, cancel, confirm
    // Logs
    case search, follow, wrap
    case searchNext = "search_next", searchPrevious = "search_previous"
    // Events
    case timeRange = "time_range"
    case chooseApplication = "choose_application"
    // Dashboards (the [dashboard] section)
    case range15m = "range_15m", range1h = "range_1h", range6h = "range_6h", range24h = "range_24h", range7d = "range_7d"
    case nextInterval = "next_interval"
    case toggleDots = "toggle_dots"
    case zoom

    /// What the keymap loader accepts: every action and `none` (unbinds a key).
    public static let keymapNames: Set<String> = Set(allCases.map(\.rawValue) + [Keymap.unbound])

    /// A table-moving action, for `ScreenDrawing.move`.
    var isMovement: Bool {
        switch self {
        case .moveUp, .moveDown, .pageUp, .pageDown, .gotoTop, .gotoBottom: true
        default: false
        }
    }

    /// The dashboard range it selects, for `range_*`.
    var range: DashboardRange? {
        switch self {
        case .range15m: .fifteenMinutes
        case .range1h: .hour
        case .range6h: .sixHours
        case .range24h: .day
        case .range7d: .week
        default: nil
        }
    }

    /// Its line in the help overlay; nil for those the help leaves out (they explain themselves).
    var helpText: LocalizedText? {
        switch self {
        case .moveUp: LocalizedText(ru: "выше", en: "up")
        case .moveDown: LocalizedText(ru: "ниже", en: "down")
        case .pageUp: LocalizedText(ru: "страница вверх", en: "page up")
        case .pageDown: LocalizedText(ru: "страница вниз", en: "page down")
        case .gotoTop: LocalizedText(ru: "в начало", en: "first")
        case .gotoBottom: LocalizedText(ru: "в конец", en: "last")
        case .refresh: LocalizedText(ru: "обновить с платформы", en: "refresh from the platform")
        case .help: LocalizedText(ru: "эта справка", en: "this help")
        case .quit: LocalizedText(ru: "выход", en: "quit")
        case .open: LocalizedText(ru: "открыть", en: "open")
        case .back: LocalizedText(ru: "назад", en: "back")
        case .new: LocalizedText(ru: "создать", en: "new")
        case .edit: LocalizedText(ru: "изменить (манифест компонента — в $VISUAL/$EDITOR)", en: "edit (a component's manifest: in $VISUAL/$EDITOR)")
        case .discard: LocalizedText(ru: "отбросить неприменённую правку манифеста", en: "discard a manifest edit that was not applied")
        case .delete: LocalizedText(ru: "удалить (с подтверждением)", en: "delete (asks first)")
        case .commandMode:
            LocalizedText(ru: "командная строка (\(CabinetCommandLine.summary))", en: "command line (\(CabinetCommandLine.summary))")
        case .filter: LocalizedText(ru: "фильтр", en: "filter")
        case .timeRange: LocalizedText(ru: "период событий: 15 мин, 1 ч, 24 ч, 7 дн, всё время", en: "events period: 15 min, 1 h, 24 h, 7 d, all time")
        case .chooseApplication: LocalizedText(ru: "события одного приложения (список)", en: "one application's events (a list)")
        case .sort: LocalizedText(ru: "сортировка по следующему столбцу", en: "sort by the next column")
        case .focusNext: LocalizedText(ru: "следующая вкладка или поле", en: "next tab or field")
        case .focusPrevious: LocalizedText(ru: "предыдущая вкладка или поле", en: "previous tab or field")
        case .moveLeft: LocalizedText(ru: "влево (вкладки)", en: "left (tabs)")
        case .moveRight: LocalizedText(ru: "вправо (вкладки)", en: "right (tabs)")
        case .submit: LocalizedText(ru: "отправить", en: "submit")
        case .cancel: LocalizedText(ru: "отмена", en: "cancel")
        case .range15m: LocalizedText(ru: "период: 15 минут", en: "range: 15 minutes")
        case .range1h: LocalizedText(ru: "период: 1 час", en: "range: 1 hour")
        case .range6h: LocalizedText(ru: "период: 6 часов", en: "range: 6 hours")
        case .range24h: LocalizedText(ru: "период: 24 часа", en: "range: 24 hours")
        case .range7d: LocalizedText(ru: "период: 7 дней", en: "range: 7 days")
        case .nextInterval: LocalizedText(ru: "интервал обновления: следующий", en: "refresh interval: the next one")
        case .toggleDots: LocalizedText(ru: "графики: блоки или точки Брайля", en: "charts: blocks or braille dots")
        case .zoom: LocalizedText(ru: "панель во весь экран и обратно", en: "the panel full screen and back")
        case .search: LocalizedText(ru: "поиск в логе", en: "search the log")
        case .searchNext: LocalizedText(ru: "следующее совпадение", en: "next match")
        case .searchPrevious: LocalizedText(ru: "предыдущее совпадение", en: "previous match")
        case .follow: LocalizedText(ru: "следить за концом лога", en: "follow the end of the log")
        case .wrap: LocalizedText(ru: "переносить длинные строки", en: "wrap long lines")
        case .redraw, .confirm: nil
        }
    }
}

extension Keymap {
    /// The action `key` runs in `mode`; nil for an unbound key (or a name the cabinet does not
    /// know, which the loader already reported).
    func action(for key: Key, mode: String) -> KeyAction? {
        command(for: key, mode: mode).flatMap(KeyAction.init(rawValue:))
    }

    func keys(for action: KeyAction, mode: String) -> [Key] {
        keys(for: action.rawValue, mode: mode)
    }
}
