/// What an event the platform writes says, as the platform and the cabinet both know it: a
/// machine `code` with its `parameters` on the wire (openapi.yaml's `Event`), and the words for a
/// person in Russian and English, as `FieldRule` is for refusals. The English words are also
/// stored as the event's `message`, for clients that know no code.
public enum EventMessage: Equatable, Sendable {
    case applicationCreated(slug: String, template: String)
    /// The fields changed, by their API names.
    case applicationUpdated(fields: [String])
    case applicationDeleted(slug: String)
    case componentCreated(kind: ComponentKind, name: String)
    case componentReplaced(kind: ComponentKind, name: String)
    case componentDeleted(kind: ComponentKind, name: String)
    case accessGranted(subject: AccessSubject, role: Role)
    case accessRevoked(subject: AccessSubject, role: Role)
    case memberAdded(login: String, role: Role)
    case memberRoleChanged(login: String, from: Role, to: Role)
    case memberRemoved(login: String)
    case memberAddedByGroup(login: String, role: Role)
    case memberLeftGroup(login: String, role: Role)
    case readyToRun(stages: [String])
    case stoppedOnRequest
    case starting(command: String, port: Int)
    case serving(port: Int)
    /// The process ended or did not start; `detail` is its own output, shown as it is.
    case exited(code: Int32, detail: String)
    /// `path`: the health check's, or nil when the port took no connection.
    case healthCheckFailed(path: String?, seconds: Int, detail: String)
    /// The process could not be started; `reason` is the system's words.
    case didNotStart(reason: String, detail: String)
    case notPublished
    case published(route: String, target: String)
    case targetFailed(target: String, detail: String)
    case targetStopped(target: String)
    case waitingForTarget(target: String)
    case runStarted(run: String, pipeline: String)
    case runFailed(run: String, detail: String)
    case runSucceeded(run: String, pipeline: String)
    /// Words with no code (a process's own message, demo data): shown as they are.
    case text(String)

    public typealias AccessSubject = AccessGrant.Subject

    /// nil for `text`, which has none.
    public var code: String? {
        switch self {
        case .applicationCreated: "application_created"
        case .applicationUpdated: "application_updated"
        case .applicationDeleted: "application_deleted"
        case .componentCreated: "component_created"
        case .componentReplaced: "component_replaced"
        case .componentDeleted: "component_deleted"
        case .accessGranted: "access_granted"
        case .accessRevoked: "access_revoked"
        case .memberAdded: "member_added"
        case .memberRoleChanged: "member_role_changed"
        case .memberRemoved: "member_removed"
        case .memberAddedByGroup: "member_added_by_group"
        case .memberLeftGroup: "member_left_group"
        case .readyToRun: "ready_to_run"
        case .stoppedOnRequest: "stopped_on_request"
        case .starting: "starting"
        case .serving: "serving"
        case .exited: "exited"
        case .healthCheckFailed: "health_check_failed"
        case .didNotStart: "did_not_start"
        case .notPublished: "not_published"
        case .published: "published"
        case .targetFailed: "target_failed"
        case .targetStopped: "target_stopped"
        case .waitingForTarget: "waiting_for_target"
        case .runStarted: "run_started"
        case .runFailed: "run_failed"
        case .runSucceeded: "run_succeeded"
        case .text: nil
        }
    }

    /// The values the words are made of, by name; every value is a string on the wire.
    public var parameters: [String: String] {
        switch self {
        case .applicationCreated(let slug, let template): ["slug": slug, "template": template]
        case .applicationUpdated(let fields): ["fields": fields.joined(separator: ",")]
        case .applicationDeleted(let slug): ["slug": slug]
        case .componentCreated(let kind, let name), .componentReplaced(let kind, let name), .componentDeleted(let kind, let name):
            ["kind": kind.rawValue, "name": name]
        case .accessGranted(let subject, let role), .accessRevoked(let subject, let role):
            ["subject_kind": Self.kind(subject), "subject": subject.name, "role": role.rawValue]
        case .memberAdded(let login, let role), .memberAddedByGroup(let login, let role), .memberLeftGroup(let login, let role):
            ["login": login, "role": role.rawValue]
        case .memberRoleChanged(let login, let from, let to): ["login": login, "from": from.rawValue, "to": to.rawValue]
        case .memberRemoved(let login): ["login": login]
        case .readyToRun(let stages): ["stages": stages.joined(separator: ",")]
        case .starting(let command, let port): ["command": command, "port": "\(port)"]
        case .serving(let port): ["port": "\(port)"]
        case .exited(let code, let detail): ["code": "\(code)", "detail": detail]
        case .healthCheckFailed(let path, let seconds, let detail):
            ["seconds": "\(seconds)", "detail": detail].merging(path.map { ["path": $0] } ?? [:]) { first, _ in first }
        case .didNotStart(let reason, let detail): ["reason": reason, "detail": detail]
        case .published(let route, let target): ["route": route, "target": target]
        case .targetFailed(let target, let detail): ["target": target, "detail": detail]
        case .targetStopped(let target), .waitingForTarget(let target): ["target": target]
        case .runStarted(let run, let pipeline), .runSucceeded(let run, let pipeline): ["run": run, "pipeline": pipeline]
        case .runFailed(let run, let detail): ["run": run, "detail": detail]
        case .stoppedOnRequest, .notPublished, .text: [:]
        }
    }

    public var message: LocalizedText {
        func text(_ ru: String, _ en: String) -> LocalizedText { LocalizedText(ru: ru, en: en) }
        switch self {
        case .applicationCreated(let slug, let template):
            return text("Приложение \(slug) создано по шаблону \(template)", "Application \(slug) created from template \(template)")
        case .applicationUpdated(let fields):
            guard !fields.isEmpty else { return text("Ничего не изменено", "Changed: nothing") }
            let russian = fields.map { ["name": "название", "description": "описание", "team": "команда"][$0] ?? $0 }
            return text("Изменено: \(russian.joined(separator: ", "))", "Changed: \(fields.joined(separator: ", "))")
        case .applicationDeleted(let slug): return text("Приложение \(slug) удалено", "Application \(slug) deleted")
        case .componentCreated(let kind, let name):
            return text("\(kind.label.ru) \(name) создан", "\(kind.rawValue) \(name) created")
        case .componentReplaced(let kind, let name):
            return text("Спецификация: \(kind.label.ru) \(name) заменена", "Spec of \(kind.rawValue) \(name) replaced")
        case .componentDeleted(let kind, let name):
            return text("\(kind.label.ru) \(name) удалён", "\(kind.rawValue) \(name) deleted")
        case .accessGranted(let subject, let role):
            return text("\(Self.russian(subject)) \(subject.name) получает роль «\(role.label.ru)»", "\(Self.kind(subject)) \(subject.name) granted \(role.rawValue)")
        case .accessRevoked(let subject, let role):
            return text("\(Self.russian(subject)) \(subject.name) больше не имеет роли «\(role.label.ru)»",
                        "\(Self.kind(subject)) \(subject.name) no longer granted \(role.rawValue)")
        case .memberAdded(let login, let role): return text("\(login) добавлен: \(role.label.ru)", "\(login) added as \(role.rawValue)")
        case .memberRoleChanged(let login, let from, let to):
            return text("\(login): \(from.label.ru) → \(to.label.ru)", "\(login): \(from.rawValue) → \(to.rawValue)")
        case .memberRemoved(let login): return text("\(login) удалён из команды", "\(login) removed")
        case .memberAddedByGroup(let login, let role):
            return text("\(login) добавлен из группы OIDC: \(role.label.ru)", "\(login) as \(role.rawValue) from an OIDC group")
        case .memberLeftGroup(let login, let role):
            return text("\(login) (\(role.label.ru)) вышел из группы OIDC команды", "\(login) (\(role.rawValue)) left the team's OIDC group")
        case .readyToRun(let stages):
            return text("Готов к запуску: \(stages.joined(separator: " → "))", "Ready to run: \(stages.joined(separator: " → "))")
        case .stoppedOnRequest: return text("Остановлен по запросу", "Stopped on request")
        case .starting(let command, let port):
            return text("Запуск `\(command)` на 127.0.0.1:\(port)", "Starting `\(command)` on 127.0.0.1:\(port)")
        case .serving(let port): return text("Работает на 127.0.0.1:\(port)", "Serving on 127.0.0.1:\(port)")
        case .exited(let code, let detail):
            let tail = detail.isEmpty ? "" : ": \(detail)"
            return text("Процесс завершился с кодом \(code)\(tail)", "Exited with code \(code)\(tail)")
        case .healthCheckFailed(let path, let seconds, let detail):
            let tail = detail.isEmpty ? "" : ": \(detail)"
            let ru = path.map { "GET \($0) не ответил" } ?? "нет соединения"
            let en = path.map { "GET \($0) did not answer" } ?? "no connection"
            return text("Проверка готовности не пройдена: \(ru) на его порту за \(seconds) с\(tail)",
                        "Health check failed: \(en) on its port within \(seconds) s\(tail)")
        case .didNotStart(let reason, let detail):
            let tail = detail.isEmpty ? "" : ": \(detail)"
            return text("Не удалось запустить: \(reason)\(tail)", "\(reason)\(tail)")
        case .notPublished: return text("Не опубликован (spec.published = false)", "Not published (spec.published is false)")
        case .published(let route, let target): return text("POST \(route) → \(target)", "POST \(route) → \(target)")
        case .targetFailed(let target, let detail):
            return text("Ошибка у \(target): \(detail)", "\(target) failed: \(detail)")
        case .targetStopped(let target): return text("\(target) остановлен", "\(target) is stopped")
        case .waitingForTarget(let target): return text("Ожидание развертывания \(target)", "Waiting for \(target) to be deployed")
        case .runStarted(let run, let pipeline): return text("Запуск \(run) пайплайна \(pipeline) начат", "Run \(run) of \(pipeline) started")
        case .runFailed(let run, let detail): return text("Запуск \(run): \(detail)", "Run \(run): \(detail)")
        case .runSucceeded(let run, let pipeline):
            return text("Запуск \(run) пайплайна \(pipeline) завершён успешно", "Run \(run) of \(pipeline) succeeded")
        case .text(let words): return text(words, words)
        }
    }

    private static func russian(_ subject: AccessSubject) -> String {
        switch subject {
        case .user: "Пользователь"
        case .team: "Команда"
        }
    }

    private static func kind(_ subject: AccessSubject) -> String {
        switch subject {
        case .user: "user"
        case .team: "team"
        }
    }

    /// The message an event's code names. A code this build does not know, or one whose
    /// parameters are missing or malformed, keeps the platform's own words (`message`).
    public init(code: String?, parameters p: [String: String], message: String) {
        func kind() -> ComponentKind? { p["kind"].flatMap(ComponentKind.init(rawValue:)) }
        func role(_ key: String = "role") -> Role? { p[key].flatMap(Role.init(rawValue:)) }
        func list(_ key: String) -> [String]? { p[key].map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) } }
        func subject() -> AccessSubject? {
            guard let name = p["subject"] else { return nil }
            return switch p["subject_kind"] {
            case "user": .user(name)
            case "team": .team(name)
            default: nil
            }
        }
        let decoded: EventMessage? = switch code {
        case "application_created": p["slug"].flatMap { slug in p["template"].map { .applicationCreated(slug: slug, template: $0) } }
        case "application_updated": list("fields").map { .applicationUpdated(fields: $0) }
        case "application_deleted": p["slug"].map { .applicationDeleted(slug: $0) }
        case "component_created": kind().flatMap { kind in p["name"].map { .componentCreated(kind: kind, name: $0) } }
        case "component_replaced": kind().flatMap { kind in p["name"].map { .componentReplaced(kind: kind, name: $0) } }
        case "component_deleted": kind().flatMap { kind in p["name"].map { .componentDeleted(kind: kind, name: $0) } }
        case "access_granted": subject().flatMap { subject in role().map { .accessGranted(subject: subject, role: $0) } }
        case "access_revoked": subject().flatMap { subject in role().map { .accessRevoked(subject: subject, role: $0) } }
        case "member_added": p["login"].flatMap { login in role().map { .memberAdded(login: login, role: $0) } }
        case "member_role_changed":
            if let login = p["login"], let from = role("from"), let to = role("to") { .memberRoleChanged(login: login, from: from, to: to) } else { nil }
        case "member_removed": p["login"].map { .memberRemoved(login: $0) }
        case "member_added_by_group": p["login"].flatMap { login in role().map { .memberAddedByGroup(login: login, role: $0) } }
        case "member_left_group": p["login"].flatMap { login in role().map { .memberLeftGroup(login: login, role: $0) } }
        case "ready_to_run": list("stages").map { .readyToRun(stages: $0) }
        case "stopped_on_request": .stoppedOnRequest
        case "starting": p["command"].flatMap { command in p["port"].flatMap(Int.init).map { .starting(command: command, port: $0) } }
        case "serving": p["port"].flatMap(Int.init).map { .serving(port: $0) }
        case "exited": p["code"].flatMap(Int32.init).map { .exited(code: $0, detail: p["detail"] ?? "") }
        case "health_check_failed":
            p["seconds"].flatMap(Int.init).map { .healthCheckFailed(path: p["path"], seconds: $0, detail: p["detail"] ?? "") }
        case "did_not_start": p["reason"].map { .didNotStart(reason: $0, detail: p["detail"] ?? "") }
        case "not_published": .notPublished
        case "published": p["route"].flatMap { route in p["target"].map { .published(route: route, target: $0) } }
        case "target_failed": p["target"].map { .targetFailed(target: $0, detail: p["detail"] ?? "") }
        case "target_stopped": p["target"].map { .targetStopped(target: $0) }
        case "waiting_for_target": p["target"].map { .waitingForTarget(target: $0) }
        case "run_started": p["run"].flatMap { run in p["pipeline"].map { .runStarted(run: run, pipeline: $0) } }
        case "run_failed": p["run"].map { .runFailed(run: $0, detail: p["detail"] ?? "") }
        case "run_succeeded": p["run"].flatMap { run in p["pipeline"].map { .runSucceeded(run: run, pipeline: $0) } }
        default: nil
        }
        self = decoded ?? .text(message)
    }

    /// Every kind of message, with sample values: what the tests go through.
    public static let samples: [EventMessage] = [
        .applicationCreated(slug: "ocr", template: "empty"), .applicationUpdated(fields: ["name", "team"]), .applicationUpdated(fields: []),
        .applicationDeleted(slug: "ocr"), .componentCreated(kind: .mlComponent, name: "inference"),
        .componentReplaced(kind: .apiComponent, name: "api"), .componentDeleted(kind: .dataBox, name: "weights"),
        .accessGranted(subject: .user("dpetrov"), role: .viewer), .accessRevoked(subject: .team("sp4"), role: .developer),
        .memberAdded(login: "dpetrov", role: .developer), .memberRoleChanged(login: "dpetrov", from: .developer, to: .owner),
        .memberRemoved(login: "dpetrov"), .memberAddedByGroup(login: "vera", role: .viewer), .memberLeftGroup(login: "vera", role: .viewer),
        .readyToRun(stages: ["prepare", "train"]), .stoppedOnRequest, .starting(command: "python3 service.py", port: 8002),
        .serving(port: 8002), .exited(code: 1, detail: "Traceback (most recent call last)"), .exited(code: 137, detail: ""),
        .healthCheckFailed(path: "/health", seconds: 30, detail: ""), .healthCheckFailed(path: nil, seconds: 30, detail: "listening"), .didNotStart(reason: "No such file or directory", detail: "sh: 1: x: not found"),
        .notPublished, .published(route: "/ocr", target: "inference"), .targetFailed(target: "inference", detail: "Exited with code 1"),
        .targetStopped(target: "inference"), .waitingForTarget(target: "inference"), .runStarted(run: "7", pipeline: "train"),
        .runFailed(run: "7", detail: "stage train exited with code 2"), .runSucceeded(run: "7", pipeline: "train"),
    ]
}
