import Client
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
    static let nothingMatches = LocalizedText(ru: "Ничего не найдено: Esc сбрасывает фильтр", en: "Nothing matches: Esc clears the filter")
    static let hintSort = LocalizedText(ru: "сортировка", en: "sort")
    static let loading = LocalizedText(ru: "Загрузка…", en: "Loading…")
    static let connecting = LocalizedText(ru: "подключение…", en: "connecting…")
    static let online = LocalizedText(ru: "в сети", en: "online")
    static let offline = LocalizedText(ru: "Нет соединения с платформой", en: "Platform unreachable")
    /// The status bar while offline: the cabinet's own words, whatever the transport said (a
    /// timeout, a refused connection: libcurl's English is not the user's business).
    static let offlineStatus = LocalizedText(
        ru: "Платформа не отвечает; переподключаюсь, показаны данные из кэша",
        en: "The platform does not answer; reconnecting, showing cached data")
    static let dataFrom = LocalizedText(ru: "данные от", en: "data from")
    static let noData = LocalizedText(ru: "нет данных", en: "no data")
    static let notAuthorised = LocalizedText(ru: "Доступ запрещён", en: "Not authorised")
    static let cacheIgnored = LocalizedText(ru: "Кэш не прочитан и будет перезаписан", en: "Cache ignored and will be rewritten")
    static let cacheNotSaved = LocalizedText(ru: "Кэш не сохранён", en: "Cache not saved")
    static func cacheNotKept(_ problem: String) -> LocalizedText {
        LocalizedText(ru: "Кэш не сохраняется (\(problem)): укажите --cache-dir или SMARTMLOPS_CACHE_DIR",
                      en: "The cache is not kept (\(problem)): give --cache-dir or SMARTMLOPS_CACHE_DIR")
    }
    static let hintMove = LocalizedText(ru: "выбор", en: "select")
    static let hintRefresh = LocalizedText(ru: "обновить", en: "refresh")
    static let hintQuit = LocalizedText(ru: "выход", en: "quit")
    static let help = LocalizedText(ru: "Справка", en: "Help")
    static let hintHelp = LocalizedText(ru: "справка", en: "help")

    static let hintOpen = LocalizedText(ru: "открыть", en: "open")
    static let hintNew = LocalizedText(ru: "создать", en: "new")
    static let hintBack = LocalizedText(ru: "назад", en: "back")
    static let hintCommand = LocalizedText(ru: "команда", en: "command")
    static let hintTabs = LocalizedText(ru: "вкладки", en: "tabs")
    static let hintFilter = LocalizedText(ru: "фильтр", en: "filter")
    static let hintForm = LocalizedText(ru: "Tab поле  Enter выбрать/нажать  Esc назад", en: "Tab field  Enter choose/press  Esc back")

    // Navigation and the command line.
    static let unknownCommand = LocalizedText(ru: "Нет такой команды", en: "No such command")
    static let commandHelp = LocalizedText(
        ru: "Команды: :apps :new :quotas :teams :events [приложение] :dashboards [имя] :theme [имя] :lang ru|en :q",
        en: "Commands: :apps :new :quotas :teams :events [application] :dashboards [name] :theme [name] :lang ru|en :q")
    static let theme = LocalizedText(ru: "Тема", en: "Theme")
    static let themes = LocalizedText(ru: "Темы", en: "Themes")
    static let noSuchTheme = LocalizedText(ru: "Нет такой темы", en: "No such theme")
    static let languageNow = LocalizedText(ru: "Язык: русский (ru). Языки: ru, en", en: "Language: English (en). Languages: ru, en")
    static let noSuchLanguage = LocalizedText(ru: "Нет такого языка", en: "No such language")
    static let needsPlatform = LocalizedText(
        ru: "Нет соединения с платформой: действие недоступно, пока она не ответит",
        en: "Platform unreachable: not sent, try again once it answers")
    static let quotas = LocalizedText(ru: "Квоты", en: "Quotas")

    // The manifest edited in $EDITOR (the component page's Манифест tab).
    static let hintEditManifest = LocalizedText(ru: "править манифест", en: "edit manifest")
    static let hintDiscard = LocalizedText(ru: "отбросить правку", en: "discard edit")
    static let manifestUnchanged = LocalizedText(ru: "Манифест не изменён — применять нечего", en: "The manifest is unchanged: nothing to apply")
    static let manifestApplied = LocalizedText(ru: "Манифест применён", en: "The manifest was applied")
    static let manifestNotApplied = LocalizedText(
        ru: "Манифест не применён: ошибка на вкладке Манифест, ваш текст сохранён",
        en: "The manifest was not applied: see the Manifest tab; your text is kept")
    static func manifestDraftNote(edit: String, discard: String) -> LocalizedText {
        LocalizedText(ru: "Правка не применена, ниже ваш текст: \(edit) — открыть его снова, \(discard) — вернуть манифест платформы",
                      en: "Not applied; below is your text: \(edit) opens it again, \(discard) goes back to the platform's manifest")
    }
    static let manifestApplying = LocalizedText(ru: "Применяется…", en: "Applying…")
    static let manifestDiscarded = LocalizedText(ru: "Правка отброшена: показан манифест платформы", en: "Edit discarded: the platform's manifest is shown")
    static let manifestNotLoaded = LocalizedText(ru: "Манифест ещё не загружен", en: "The manifest has not loaded yet")
    static func editorNotStarted(_ why: String) -> LocalizedText {
        LocalizedText(ru: "Редактор не запустился (\(why)); задайте VISUAL или EDITOR", en: "The editor did not start (\(why)); set VISUAL or EDITOR")
    }
    static func editorFailed(_ why: String) -> LocalizedText {
        LocalizedText(ru: "Редактор завершился с ошибкой (\(why)) — ничего не применено", en: "The editor failed (\(why)): nothing was applied")
    }
    static func editFileFailed(_ why: String) -> LocalizedText {
        LocalizedText(ru: "Не удалось подготовить файл для редактора: \(why)", en: "Could not prepare the file for the editor: \(why)")
    }
    static let teams = LocalizedText(ru: "Команды", en: "Teams")
    static let events = LocalizedText(ru: "События", en: "Events")

    // Create application.
    static let createApplication = LocalizedText(ru: "Создание приложения", en: "Create application")
    static let fillRequired = LocalizedText(
        ru: "Заполните все необходимые поля для создания приложения", en: "Fill in all required fields to create the application")
    static let team = LocalizedText(ru: "Команда", en: "Team")
    static let template = LocalizedText(ru: "Шаблон", en: "Template")
    static let choose = LocalizedText(ru: "Выберите…", en: "Choose…")
    static let chooseTeam = LocalizedText(ru: "Выберите команду", en: "Choose a team")
    static let chooseTemplate = LocalizedText(ru: "Выберите шаблон", en: "Choose a template")
    static let applicationName = LocalizedText(ru: "Название приложения", en: "Application name")
    static let slugLabel = LocalizedText(ru: "Идентификатор (slug)", en: "Identifier (slug)")
    static let applicationDescription = LocalizedText(ru: "Описание приложения", en: "Application description")
    static let descriptionPlaceholder = LocalizedText(
        ru: "Введите описание модели и критерии оценки", en: "Describe the model and how it is evaluated")
    static let create = LocalizedText(ru: "Создать", en: "Create")
    static let cancel = LocalizedText(ru: "Отмена", en: "Cancel")
    static let creating = LocalizedText(ru: "Создание…", en: "Creating…")

    static func templateName(_ template: TemplateSummary, language: Language) -> String {
        switch template.slug {
        case "empty": LocalizedText(ru: "Без шаблона", en: "No template").text(in: language)
        case "ml-component-box": LocalizedText(ru: "ML-компонент + ящик", en: "ML component + box").text(in: language)
        default: template.name
        }
    }

    // Application page.
    static let updated = LocalizedText(ru: "Обновлен", en: "Updated")
    static let author = LocalizedText(ru: "Автор", en: "Author")
    static let components = LocalizedText(ru: "Компоненты", en: "Components")
    static let settings = LocalizedText(ru: "Настройки", en: "Settings")
    static let access = LocalizedText(ru: "Доступы и безопасность", en: "Access and security")
    static let columnSpec = LocalizedText(ru: "Параметры", en: "Spec")
    static let columnMessage = LocalizedText(ru: "Сообщение", en: "Message")
    static let save = LocalizedText(ru: "Сохранить", en: "Save")
    static let saving = LocalizedText(ru: "Сохранение…", en: "Saving…")
    static let saved = LocalizedText(ru: "Сохранено", en: "Saved")
    static let nothingChanged = LocalizedText(ru: "Нечего сохранять: ничего не изменено", en: "Nothing to save: nothing changed")
    static let add = LocalizedText(ru: "Добавить", en: "Add")
    static let delete = LocalizedText(ru: "Удалить", en: "Delete")
    static let nameMismatch = LocalizedText(ru: "Имя не совпадает", en: "The name does not match")
    static let deleteApplication = LocalizedText(ru: "Удалить приложение", en: "Delete application")
    static func deleteApplicationMessage(_ slug: String) -> LocalizedText {
        LocalizedText(ru: "Приложение \(slug) будет удалено со всеми компонентами и событиями. Введите его идентификатор:",
                      en: "Application \(slug) will be deleted with all its components and events. Type its slug:")
    }
    static let deleteComponent = LocalizedText(ru: "Удалить компонент", en: "Delete component")
    static func deleteComponentMessage(_ name: String) -> LocalizedText {
        LocalizedText(ru: "Компонент \(name) будет удалён. Введите его имя:", en: "Component \(name) will be deleted. Type its name:")
    }
    static let deleted = LocalizedText(ru: "Удалено", en: "Deleted")

    static func singular(_ kind: ComponentKind) -> LocalizedText {
        switch kind {
        case .mlComponent: LocalizedText(ru: "ML-компонент", en: "ML component")
        case .experimentPipeline: LocalizedText(ru: "Пайплайн", en: "Pipeline")
        case .dataBox: LocalizedText(ru: "Ящик", en: "Box")
        case .apiComponent: LocalizedText(ru: "API-компонент", en: "API component")
        }
    }

    static func addComponent(_ kind: ComponentKind) -> LocalizedText {
        let what = singular(kind)
        return LocalizedText(ru: "+ Добавить \(what.ru)", en: "+ Add \(what.en)")
    }

    static func componentsWillAppear(_ kind: ComponentKind) -> LocalizedText {
        LocalizedText(ru: "Когда будут добавлены \(kind.pluralLabel.ru), они будут отображаться здесь",
                      en: "\(kind.pluralLabel.en) will appear here once added")
    }

    // Component form.
    static let editComponent = LocalizedText(ru: "Изменить", en: "Edit")
    static let componentName = LocalizedText(ru: "Имя компонента", en: "Component name")
    static let image = LocalizedText(ru: "Образ", en: "Image")
    static let servicePort = LocalizedText(ru: "Порт сервиса", en: "Service port")
    static let modelBox = LocalizedText(ru: "Ящик с моделью", en: "Model box")
    static let modelPath = LocalizedText(ru: "Путь к модели в ящике", en: "Model path in the box")
    static let cpu = LocalizedText(ru: "CPU (ядра: 2 или 500m)", en: "CPU (cores: 2 or 500m)")
    static let memory = LocalizedText(ru: "Память (4G)", en: "Memory (4G)")
    static let pipelineVars = LocalizedText(ru: "Переменные пайплайна (через запятую)", en: "Pipeline variables (comma-separated)")
    static let stageName = LocalizedText(ru: "Этап: имя", en: "Stage: name")
    static let stageImage = LocalizedText(ru: "Этап: образ", en: "Stage: image")
    static let stageInputs = LocalizedText(ru: "Этап: входы", en: "Stage: inputs")
    static let stageOutputs = LocalizedText(ru: "Этап: выходы", en: "Stage: outputs")
    static let capacity = LocalizedText(ru: "Объём (по умолчанию 1G)", en: "Capacity (1G by default)")
    static let publishes = LocalizedText(ru: "Публикует", en: "Publishes")
    static let targetName = LocalizedText(ru: "Имя публикуемого компонента", en: "Name of the published component")
    static let routePath = LocalizedText(ru: "Путь REST API", en: "REST API path")
    static let published = LocalizedText(ru: "Опубликован", en: "Published")
    static let yes = LocalizedText(ru: "Да", en: "Yes")
    static let no = LocalizedText(ru: "Нет", en: "No")

    // Component page and events.
    static let manifest = LocalizedText(ru: "Манифест", en: "Manifest")
    static let logs = LocalizedText(ru: "Логи", en: "Logs")
    static let metrics = LocalizedText(ru: "Метрики", en: "Metrics")
    /// The platform's event reasons (machine words, as Kubernetes has them) in the user's language;
    /// unknown ones are shown as they are.
    static func reason(_ reason: String) -> LocalizedText? {
        switch reason {
        case "Created": LocalizedText(ru: "Создано", en: "Created")
        case "Updated": LocalizedText(ru: "Изменено", en: "Updated")
        case "Deleted": LocalizedText(ru: "Удалено", en: "Deleted")
        case "Deploying": Phase.deploying.label
        case "Deployed": Phase.deployed.label
        case "Failed": Phase.failed.label
        case "Stopped": LocalizedText(ru: "Остановлено", en: "Stopped")
        case "Ready": LocalizedText(ru: "Готов", en: "Ready")
        case "ReadyToRun": LocalizedText(ru: "Готов к запуску", en: "Ready to run")
        case "Published": LocalizedText(ru: "Опубликовано", en: "Published")
        case "WaitingForTarget": LocalizedText(ru: "Ждёт компонент", en: "Waiting for its target")
        case "TargetFailed": LocalizedText(ru: "Цель с ошибкой", en: "Target failed")
        case "TargetStopped": LocalizedText(ru: "Цель остановлена", en: "Target stopped")
        case "NotPublished": LocalizedText(ru: "Не опубликовано", en: "Not published")
        case "RunStarted": LocalizedText(ru: "Запуск начат", en: "Run started")
        case "RunSucceeded": LocalizedText(ru: "Запуск завершён", en: "Run succeeded")
        case "RunFailed": LocalizedText(ru: "Запуск не удался", en: "Run failed")
        default: nil
        }
    }

    static let noSuchDashboard = LocalizedText(ru: "Нет такого дашборда", en: "No such dashboard")
    static let noMetricsURL = LocalizedText(
        ru: "Метрики не настроены: запустите с --metrics-url URL (VictoriaMetrics или Prometheus) или установите victoria-metrics для встроенной платформы",
        en: "No metrics configured: start with --metrics-url URL (VictoriaMetrics or Prometheus), or install victoria-metrics for the embedded platform")
    static let metricsOpen = LocalizedText(
        ru: "Enter — дашборд компонента: vCPU, память, сеть, перезапуски", en: "Enter opens the component's dashboard: vCPU, RAM, network, restarts")
    static let runCommand = LocalizedText(ru: "Команда запуска (локально)", en: "Run command (local)")
    static let runWorkdir = LocalizedText(ru: "Рабочий каталог", en: "Working directory")
    static let logsEmpty = LocalizedText(
        ru: "Лог пуст: платформа не запускала этот компонент (для локального запуска нужен spec.run)",
        en: "The log is empty: the platform has not run this component (running it locally takes spec.run)")
    static let columnTime = LocalizedText(ru: "Время", en: "Time")
    static let columnAction = LocalizedText(ru: "Действие", en: "Action")
    static let columnApplication = LocalizedText(ru: "Приложение", en: "Application")
    static let columnComponent = LocalizedText(ru: "Компонент", en: "Component")
    static let typeFilter = LocalizedText(ru: "Тип событий", en: "Event type")
    static let allTypes = LocalizedText(ru: "все", en: "all")
    static let periodFilter = LocalizedText(ru: "Период", en: "Period")
    static let applicationFilter = LocalizedText(ru: "Приложение", en: "Application")
    static let allApplications = LocalizedText(ru: "все приложения", en: "all applications")
    static let myApplications = LocalizedText(ru: "мои приложения", en: "my applications")
    static let streamConnecting = LocalizedText(ru: "подключение…", en: "connecting…")
    static let streamLive = LocalizedText(ru: "в реальном времени", en: "live")
    static let streamRetrying = LocalizedText(ru: "переподключение, опрос", en: "reconnecting, polling")
    static let hintPeriod = LocalizedText(ru: "период", en: "period")
    static let hintApplication = LocalizedText(ru: "приложение", en: "application")

    static func eventWindow(_ window: EventWindow) -> LocalizedText {
        switch window {
        case .minutes15: LocalizedText(ru: "15 мин", en: "15 min")
        case .hour: LocalizedText(ru: "1 ч", en: "1 h")
        case .day: LocalizedText(ru: "24 ч", en: "24 h")
        case .week: LocalizedText(ru: "7 дн", en: "7 d")
        case .all: LocalizedText(ru: "всё время", en: "all time")
        }
    }

    static func eventType(_ type: EventType) -> LocalizedText {
        switch type {
        case .normal: LocalizedText(ru: "Обычное", en: "Normal")
        case .warning: LocalizedText(ru: "Внимание", en: "Warning")
        }
    }

    // Quotas and teams.
    static func quotaResource(_ resource: QuotaResource) -> LocalizedText {
        switch resource {
        case .cpu: LocalizedText(ru: "CPU", en: "CPU")
        case .memory: LocalizedText(ru: "Память", en: "Memory")
        case .gpu: LocalizedText(ru: "GPU", en: "GPU")
        case .storage: LocalizedText(ru: "Хранилище (ящики)", en: "Storage (boxes)")
        case .apps: LocalizedText(ru: "Приложения", en: "Applications")
        case .components: LocalizedText(ru: "Компоненты", en: "Components")
        }
    }
    static let unlimited = LocalizedText(ru: "без ограничения", en: "unlimited")
    static let cores = LocalizedText(ru: "ядер", en: "cores")
    static let gibibytes = LocalizedText(ru: "ГиБ", en: "GiB")
    static let gigabytes = LocalizedText(ru: "ГБ", en: "GB")
    static let columnMember = LocalizedText(ru: "Участник", en: "Member")
    static let columnRole = LocalizedText(ru: "Роль", en: "Role")
    static let memberLogin = LocalizedText(ru: "Логин пользователя", en: "User login")
    static func addMemberTitle(_ team: String) -> LocalizedText {
        LocalizedText(ru: "Добавить участника в команду \(team)", en: "Add a member to \(team)")
    }
    static func changeRoleTitle(_ login: String, team: String) -> LocalizedText {
        LocalizedText(ru: "Роль участника \(login) в команде \(team)", en: "Role of \(login) in \(team)")
    }
    static let removeMember = LocalizedText(ru: "Удалить участника", en: "Remove member")
    static func removeMemberMessage(_ login: String, team: String) -> LocalizedText {
        LocalizedText(ru: "\(login) будет удалён из команды \(team). Введите логин:", en: "\(login) will be removed from team \(team). Type the login:")
    }
    static let memberAdded = LocalizedText(ru: "Участник добавлен", en: "Member added")
    static let roleChanged = LocalizedText(ru: "Роль изменена", en: "Role changed")
    static let memberRemoved = LocalizedText(ru: "Участник удалён", en: "Member removed")
    static let enterLogin = LocalizedText(ru: "Укажите логин пользователя", en: "Give the user's login")
    static let alreadyMember = LocalizedText(ru: "Уже участник этой команды", en: "Already a member of this team")
    static let keepAnOwner = LocalizedText(ru: "В команде должен остаться хотя бы один владелец", en: "The team must keep at least one owner")
    static func membersManaged(role: Role, team: String) -> LocalizedText {
        LocalizedText(ru: "★ — это вы. Ваша роль в команде \(team): \(role.label.ru) — можно добавлять участников, менять роли и удалять",
                      en: "★ is you. Your role in \(team): \(role.label.en) — you may add members, change roles and remove them")
    }
    static func membersManagedByAdmin(team: String) -> LocalizedText {
        LocalizedText(ru: "★ — это вы. Вы администратор платформы: в команде \(team) можно добавлять участников, менять роли и удалять",
                      en: "★ is you. As a platform admin you may add members to \(team), change their roles and remove them")
    }
    static func membersReadOnly(role: Role?, team: String) -> LocalizedText {
        LocalizedText(ru: "★ — это вы. Состав команды \(team) меняют её владельцы и сопровождающие; ваша роль: \(role?.label.ru ?? "нет")",
                      en: "★ is you. Owners and maintainers of \(team) change its members; your role: \(role?.label.en ?? "none")")
    }
    static let roleNotKnown = LocalizedText(
        ru: "Ваша роль ещё не известна: изменения станут доступны, когда платформа ответит",
        en: "Your role is not known yet: changes become available once the platform answers")
    /// The note under the members, which starts by saying what ★ marks.
    static func starNote(_ note: LocalizedText) -> LocalizedText {
        LocalizedText(ru: "★ — это вы. \(note.ru)", en: "★ is you. \(note.en)")
    }
    static func onlyManagersChange(_ team: String) -> LocalizedText {
        LocalizedText(ru: "Только владельцы и сопровождающие команды \(team) меняют её состав",
                      en: "Only owners and maintainers of \(team) change its members")
    }
    static let hintAddMember = LocalizedText(ru: "добавить участника", en: "add member")
    static let hintChangeRole = LocalizedText(ru: "сменить роль", en: "change role")
    static let hintRemove = LocalizedText(ru: "удалить", en: "remove")

    // Access and security.
    static let addGrant = LocalizedText(ru: "+ Выдать доступ", en: "+ Grant access")
    static func grantTitle(_ application: String) -> LocalizedText {
        LocalizedText(ru: "Выдать доступ к приложению \(application)", en: "Grant access to \(application)")
    }
    static let grantTo = LocalizedText(ru: "Кому", en: "To")
    static let grantToUser = LocalizedText(ru: "Пользователю", en: "A user")
    static let grantToTeam = LocalizedText(ru: "Команде", en: "A team")
    static let grantName = LocalizedText(ru: "Логин пользователя или идентификатор команды", en: "User login or team slug")
    static let columnWho = LocalizedText(ru: "Кому", en: "Who")
    static let columnGrantedBy = LocalizedText(ru: "Выдал", en: "Granted by")
    static let columnGrantedAt = LocalizedText(ru: "Когда", en: "When")
    static func subject(_ subject: AccessGrant.Subject) -> LocalizedText {
        switch subject {
        case .user(let login): LocalizedText(ru: "Пользователь \(login)", en: "User \(login)")
        case .team(let team): LocalizedText(ru: "Команда \(team)", en: "Team \(team)")
        }
    }
    static func grantsWillAppear(team: String) -> LocalizedText {
        LocalizedText(ru: "У участников команды \(team) доступ по их ролям; доступы, выданные другим, будут отображаться здесь",
                      en: "Members of team \(team) have access by their roles; access given to others will appear here")
    }
    static let revokeGrant = LocalizedText(ru: "Отозвать доступ", en: "Take back access")
    static func revokeGrantMessage(_ subject: AccessGrant.Subject, role: Role, application: String) -> LocalizedText {
        let who = Catalog.subject(subject)
        return LocalizedText(
            ru: "\(who.ru): доступ «\(role.label.ru)» к приложению \(application) будет отозван. Введите \(subject.name):",
            en: "\(who.en): the \(role.label.en) access to \(application) will be taken back. Type \(subject.name):")
    }
    static let granted = LocalizedText(ru: "Доступ выдан", en: "Access granted")
    static let revoked = LocalizedText(ru: "Доступ отозван", en: "Access taken back")
    static let enterGrantee = LocalizedText(ru: "Укажите логин пользователя или идентификатор команды", en: "Give a user's login or a team's slug")
    static let alreadyGranted = LocalizedText(ru: "Доступ к этому приложению уже выдан", en: "Already has access to this application")
    static let grantRoleFixed = LocalizedText(
        ru: "Роль доступа не меняется: отзовите доступ и выдайте заново", en: "A grant's role does not change: take it back and grant it again")
    static let hintGrant = LocalizedText(ru: "выдать доступ", en: "grant access")
    static let hintRevoke = LocalizedText(ru: "отозвать", en: "take back")

    static let dashboardHintClose = LocalizedText(ru: "закрыть дашборд", en: "close the dashboard")
    static let hintSearch = LocalizedText(ru: "поиск", en: "search")
    static let hintFollow = LocalizedText(ru: "следить", en: "follow")
    static let hintWrap = LocalizedText(ru: "перенос", en: "wrap")

    /// Under a field that refused a character because it holds its most already.
    static func fieldFull(_ limit: Int) -> LocalizedText {
        LocalizedText(ru: "Не больше \(limit) символов: поле заполнено", en: "At most \(limit) characters: the field is full")
    }

    /// A refusal of the platform that belongs to no field: what its status means, then the platform's words.
    static func refusal(_ error: PlatformClientError) -> LocalizedText {
        guard case .rejected(let status, let title, let detail, _) = error else {
            return LocalizedText(ru: ScreenDrawing.describe(error, in: .ru), en: ScreenDrawing.describe(error, in: .en))
        }
        let words = detail ?? title
        switch status {
        case 403: return LocalizedText(ru: "Недостаточно прав: \(words)", en: "Not allowed: \(words)")
        case 404: return LocalizedText(ru: "Не найдено (удалено или нет доступа): \(words)", en: "Not found (deleted, or no access): \(words)")
        case 409: return LocalizedText(ru: "Конфликт: \(words)", en: "Conflict: \(words)")
        default: return LocalizedText(ru: words, en: words)
        }
    }

    /// What each keymap command does, for the help screen; commands without a line here are not
    /// shown (they belong to screens that do not exist yet).
}
