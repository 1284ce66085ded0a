import Model

/// Every string the cabinet shows, in Russian and English. Russian words follow the web cabinet
/// (GLOSSARY.md) so that users recognise each screen.
enum Catalog {
    static let productName = LocalizedText(ru: "SmartMLOps", en: "SmartMLOps")
    static let applications = LocalizedText(ru: "Приложения", en: "Applications")
    static let columnName = LocalizedText(ru: "Название", en: "Name")
    static let columnSlug = LocalizedText(ru: "Идентификатор", en: "Slug")
    static let columnTeam = LocalizedText(ru: "Команда", en: "Team")
    static let columnStatus = LocalizedText(ru: "Статус", en: "Status")
    static let columnComponents = LocalizedText(ru: "ML/П/Я/API", en: "ML/P/B/API")
    static let columnUpdated = LocalizedText(ru: "Обновлено", en: "Updated")
    static let columnAuthor = LocalizedText(ru: "Автор", en: "Author")
    static let emptyTitle = LocalizedText(ru: "Пока пусто", en: "Nothing here yet")
    static let emptyHint = LocalizedText(
        ru: "Когда будут созданы приложения, они будут отображаться здесь",
        en: "Applications will appear here once created")
    static let loading = LocalizedText(ru: "Загрузка…", en: "Loading…")
    static let connecting = LocalizedText(ru: "подключение…", en: "connecting…")
    static let online = LocalizedText(ru: "в сети", en: "online")
    static let offline = LocalizedText(ru: "Нет соединения с платформой", en: "Platform unreachable")
    static let dataFrom = LocalizedText(ru: "данные от", en: "data from")
    static let noData = LocalizedText(ru: "нет данных", en: "no data")
    static let notAuthorised = LocalizedText(ru: "Доступ запрещён", en: "Not authorised")
    static let cacheIgnored = LocalizedText(ru: "Кэш не прочитан и будет перезаписан", en: "Cache ignored and will be rewritten")
    static let cacheNotSaved = LocalizedText(ru: "Кэш не сохранён", en: "Cache not saved")
    static let hintMove = LocalizedText(ru: "выбор", en: "select")
    static let hintRefresh = LocalizedText(ru: "обновить", en: "refresh")
    static let hintQuit = LocalizedText(ru: "выход", en: "quit")
    static let help = LocalizedText(ru: "Справка", en: "Help")
    static let hintHelp = LocalizedText(ru: "справка", en: "help")

    /// What each keymap command does, for the help screen; commands without a line here are not
    /// shown (they belong to screens that do not exist yet).
    static let commands: [String: LocalizedText] = [
        "move_up": LocalizedText(ru: "выше", en: "up"),
        "move_down": LocalizedText(ru: "ниже", en: "down"),
        "page_up": LocalizedText(ru: "страница вверх", en: "page up"),
        "page_down": LocalizedText(ru: "страница вниз", en: "page down"),
        "goto_top": LocalizedText(ru: "в начало", en: "first"),
        "goto_bottom": LocalizedText(ru: "в конец", en: "last"),
        "refresh": LocalizedText(ru: "обновить с платформы", en: "refresh from the platform"),
        "help": LocalizedText(ru: "эта справка", en: "this help"),
        "quit": LocalizedText(ru: "выход", en: "quit"),
    ]
}
