/// What is wrong with one field, as the platform and the cabinet both know it: a machine `code`
/// with its `parameters` on the wire (openapi.yaml's `FieldError`), and the words for a person in
/// Russian and English. The cabinet words a refusal from the code, never from the English sentence,
/// so the platform may reword its messages without breaking a client.
public enum FieldRule: Equatable, Sendable {
    // Identifiers (slugs and component names)
    case slugRequired
    case tooLong(max: Int, now: Int)
    case mustStartWithLetter
    case slugCharacters
    case endsWithHyphen
    // Names and descriptions
    case nameRequired
    case oneLine(max: Int)
    case descriptionTooLong(max: Int, now: Int)
    case tokenName
    case expiryInPast
    // Components
    case nameTaken(String)
    case noSuchComponent(kind: ComponentKind, name: String)
    case imageRequired
    case portRange(now: Int)
    case envName
    case cpuFormat
    case memoryFormat
    case capacityFormat
    case atLeastZero
    case stagesRequired
    case stageTaken(String)
    case undeclaredVariable(String)
    case apiSpecRequired
    case oneTarget
    case routePath
    case kindFixed(ComponentKind)
    case runNotSet
    // Directory
    case noSuchUser
    case noSuchTeam
    case noSuchTemplate
    // Conflicts
    case slugTaken(String)
    case namespaceTaken(String)
    case inUse(String, by: [String])
    case builtInTemplate(String)
    case templateTaken(String)
    case alreadyGranted(subject: String, application: String)
    case alreadyMember(login: String, team: String)
    case lastOwner(team: String)
    // Quotas and bodies
    case quotaExceeded(team: String, resource: String, hard: String, used: String, requested: String)
    case bodyTooLarge(limit: Int)
    // Query parameters and headers
    case outOfRange(min: Int, max: Int)
    case badCursor
    // A body that does not fit the contract's schema
    case missing
    case wrongType(expected: String)
    /// Anything else; `message` is the platform's English words, shown as they are.
    case invalid(String)
    /// A code this build does not know (a newer platform): its message is shown as sent.
    case unrecognized(code: String, message: String)

    public var code: String {
        switch self {
        case .slugRequired: "slug_required"
        case .tooLong: "too_long"
        case .mustStartWithLetter: "must_start_with_letter"
        case .slugCharacters: "slug_characters"
        case .endsWithHyphen: "ends_with_hyphen"
        case .nameRequired: "name_required"
        case .oneLine: "one_line"
        case .descriptionTooLong: "description_too_long"
        case .tokenName: "token_name"
        case .expiryInPast: "expiry_in_past"
        case .nameTaken: "name_taken"
        case .noSuchComponent: "no_such_component"
        case .imageRequired: "image_required"
        case .portRange: "port_range"
        case .envName: "env_name"
        case .cpuFormat: "cpu_format"
        case .memoryFormat: "memory_format"
        case .capacityFormat: "capacity_format"
        case .atLeastZero: "at_least_zero"
        case .stagesRequired: "stages_required"
        case .stageTaken: "stage_taken"
        case .undeclaredVariable: "undeclared_variable"
        case .apiSpecRequired: "api_spec_required"
        case .oneTarget: "one_target"
        case .routePath: "route_path"
        case .kindFixed: "kind_fixed"
        case .runNotSet: "run_not_set"
        case .noSuchUser: "no_such_user"
        case .noSuchTeam: "no_such_team"
        case .noSuchTemplate: "no_such_template"
        case .slugTaken: "slug_taken"
        case .namespaceTaken: "namespace_taken"
        case .inUse: "in_use"
        case .builtInTemplate: "built_in_template"
        case .templateTaken: "template_taken"
        case .alreadyGranted: "already_granted"
        case .alreadyMember: "already_member"
        case .lastOwner: "last_owner"
        case .quotaExceeded: "quota_exceeded"
        case .bodyTooLarge: "body_too_large"
        case .outOfRange: "out_of_range"
        case .badCursor: "bad_cursor"
        case .missing: "required"
        case .wrongType: "wrong_type"
        case .invalid: "invalid"
        case .unrecognized(let code, _): code
        }
    }

    /// The values the words are made of, by name; every value is a string on the wire.
    public var parameters: [String: String] {
        switch self {
        case .tooLong(let max, let now), .descriptionTooLong(let max, let now): ["max": "\(max)", "now": "\(now)"]
        case .oneLine(let max): ["max": "\(max)"]
        case .nameTaken(let name), .stageTaken(let name), .undeclaredVariable(let name): ["name": name]
        case .noSuchComponent(let kind, let name): ["kind": kind.rawValue, "name": name]
        case .portRange(let now): ["now": "\(now)"]
        case .kindFixed(let kind): ["kind": kind.rawValue]
        case .slugTaken(let slug), .builtInTemplate(let slug), .templateTaken(let slug): ["slug": slug]
        case .namespaceTaken(let namespace): ["namespace": namespace]
        case .inUse(let name, let by): ["name": name, "by": by.joined(separator: ", ")]
        case .alreadyGranted(let subject, let application): ["subject": subject, "application": application]
        case .alreadyMember(let login, let team): ["login": login, "team": team]
        case .lastOwner(let team): ["team": team]
        case .quotaExceeded(let team, let resource, let hard, let used, let requested):
            ["team": team, "resource": resource, "hard": hard, "used": used, "requested": requested]
        case .bodyTooLarge(let limit): ["limit": "\(limit)"]
        case .outOfRange(let min, let max): ["min": "\(min)", "max": "\(max)"]
        case .wrongType(let expected): ["expected": expected]
        case .invalid(let message): ["message": message]
        default: [:]
        }
    }

    public var message: LocalizedText {
        func text(_ ru: String, _ en: String) -> LocalizedText { LocalizedText(ru: ru, en: en) }
        switch self {
        case .slugRequired: return text("Укажите идентификатор (slug)", "Enter an identifier (slug)")
        case .tooLong(let max, let now): return text("Не длиннее \(max) символов (сейчас \(now))", "At most \(max) characters (now \(now))")
        case .mustStartWithLetter: return text("Должен начинаться со строчной латинской буквы", "Must start with a lowercase Latin letter")
        case .slugCharacters: return text("Только строчные латинские буквы, цифры и дефис", "Only lowercase Latin letters, digits and hyphens")
        case .endsWithHyphen: return text("Не может заканчиваться дефисом", "Must not end with a hyphen")
        case .nameRequired: return text("Укажите название", "Enter a name")
        case .oneLine(let max): return text("Одна строка, не длиннее \(max) символов", "One line, at most \(max) characters")
        case .descriptionTooLong(let max, let now):
            return text("Описание не длиннее \(max) символов (сейчас \(now))", "The description is at most \(max) characters (now \(now))")
        case .tokenName: return text("Название токена: от 1 до 100 символов", "A token name of 1 to 100 characters")
        case .expiryInPast: return text("Срок должен быть в будущем", "The expiry must be in the future")
        case .nameTaken(let name):
            return text("Имя \(name) уже занято в этом приложении", "The name \(name) is already taken in this application")
        case .noSuchComponent(let kind, let name):
            let what = kind.pluralLabel
            return text("Нет такого компонента среди «\(what.ru)»: \(name)", "No such component among \(what.en): \(name)")
        case .imageRequired: return text("Укажите образ", "Enter an image")
        case .portRange(let now): return text("Порт от 1 до 65535 (сейчас \(now))", "A port from 1 to 65535 (now \(now))")
        case .envName:
            return text("Имя переменной: латиница, цифры и _, не с цифры", "A variable name: Latin letters, digits and _, not starting with a digit")
        case .cpuFormat: return text("Ядра как «2» или «500m»", "Cores as \"2\" or \"500m\"")
        case .memoryFormat: return text("Объём как «4G» или «512M»", "A size like \"4G\" or \"512M\"")
        case .capacityFormat: return text("Объём как «1G» или «500M»", "A size like \"1G\" or \"500M\"")
        case .atLeastZero: return text("Не меньше 0", "At least 0")
        case .stagesRequired: return text("Нужен хотя бы один этап", "At least one stage is needed")
        case .stageTaken(let name): return text("Этап \(name) уже есть", "Stage \(name) is already defined")
        case .undeclaredVariable(let name): return text("Переменная \(name) не объявлена в vars", "Variable \(name) is not declared in vars")
        case .apiSpecRequired: return text("Для пайплайна нужен apiSpec", "A pipeline needs an apiSpec")
        case .oneTarget: return text("Укажите ровно одно: mlComponent или experimentPipeline", "Give exactly one of mlComponent and experimentPipeline")
        case .routePath: return text("Путь: строчная латиница, цифры, -, _ и /", "A path of lowercase Latin letters, digits, -, _ and /")
        case .kindFixed(let kind): return text("Вид компонента не меняется (\(kind.rawValue))", "A component's kind cannot change (\(kind.rawValue))")
        case .runNotSet: return text("Команда запуска (spec.run) не задана", "not set")
        case .noSuchUser: return text("Нет такого пользователя", "No such user")
        case .noSuchTeam: return text("Нет такой команды", "No such team")
        case .noSuchTemplate: return text("Нет такого шаблона", "No such template")
        case .slugTaken(let slug): return text("Приложение \(slug) уже есть", "an application with slug \(slug) already exists")
        case .namespaceTaken(let namespace):
            return text("Пространство имён \(namespace) занято: выберите другой slug", "the namespace \(namespace) is taken: choose another slug")
        case .inUse(let name, let by):
            return text("\(name) используют: \(by.joined(separator: ", "))", "\(name) is used by \(by.joined(separator: ", "))")
        case .builtInTemplate(let slug): return text("\(slug) — встроенный шаблон", "\(slug) is a built-in template")
        case .templateTaken(let slug): return text("Шаблон \(slug) уже есть", "a template with slug \(slug) already exists")
        case .alreadyGranted(let subject, let application):
            return text("У \(subject) уже есть доступ к \(application)", "\(subject) already has a grant on \(application)")
        case .alreadyMember(let login, let team): return text("\(login) уже в команде \(team)", "\(login) is already a member of \(team)")
        case .lastOwner(let team): return text("У команды \(team) должен остаться владелец", "team \(team) must keep at least one owner")
        case .quotaExceeded(let team, let resource, let hard, let used, let requested):
            return text("Команде \(team) нужно \(requested) из квоты \(resource) \(hard) (занято \(used))",
                        "team \(team) would use \(requested) of its \(resource) quota of \(hard) (now \(used))")
        case .bodyTooLarge(let limit): return text("Больше \(limit) байт", "larger than \(limit) bytes")
        case .outOfRange(let min, let max): return text("От \(min) до \(max)", "must be between \(min) and \(max)")
        case .badCursor: return text("Не курсор этого сервера", "is not a cursor this server issued")
        case .missing: return text("Обязательное поле", "is required")
        case .wrongType(let expected): return text("Ожидается \(Self.russian(expected))", "expected \(expected)")
        case .invalid(let message), .unrecognized(_, let message): return text(message, message)
        }
    }

    /// The rule a field error names. A code this build does not know, or one whose parameters are
    /// missing or malformed, keeps the platform's own words.
    public init(code: String, parameters: [String: String], message: String) {
        let p = parameters
        func int(_ key: String) -> Int? { p[key].flatMap { Int($0) } }
        func kind(_ key: String) -> ComponentKind? { p[key].flatMap(ComponentKind.init(rawValue:)) }
        let rule: FieldRule? = switch code {
        case "slug_required": .slugRequired
        case "too_long": int("max").flatMap { max in int("now").map { .tooLong(max: max, now: $0) } }
        case "must_start_with_letter": .mustStartWithLetter
        case "slug_characters": .slugCharacters
        case "ends_with_hyphen": .endsWithHyphen
        case "name_required": .nameRequired
        case "one_line": int("max").map { .oneLine(max: $0) }
        case "description_too_long": int("max").flatMap { max in int("now").map { .descriptionTooLong(max: max, now: $0) } }
        case "token_name": .tokenName
        case "expiry_in_past": .expiryInPast
        case "name_taken": p["name"].map { .nameTaken($0) }
        case "no_such_component": kind("kind").flatMap { kind in p["name"].map { .noSuchComponent(kind: kind, name: $0) } }
        case "image_required": .imageRequired
        case "port_range": int("now").map { .portRange(now: $0) }
        case "env_name": .envName
        case "cpu_format": .cpuFormat
        case "memory_format": .memoryFormat
        case "capacity_format": .capacityFormat
        case "at_least_zero": .atLeastZero
        case "stages_required": .stagesRequired
        case "stage_taken": p["name"].map { .stageTaken($0) }
        case "undeclared_variable": p["name"].map { .undeclaredVariable($0) }
        case "api_spec_required": .apiSpecRequired
        case "one_target": .oneTarget
        case "route_path": .routePath
        case "kind_fixed": kind("kind").map { .kindFixed($0) }
        case "run_not_set": .runNotSet
        case "no_such_user": .noSuchUser
        case "no_such_team": .noSuchTeam
        case "no_such_template": .noSuchTemplate
        case "slug_taken": p["slug"].map { .slugTaken($0) }
        case "namespace_taken": p["namespace"].map { .namespaceTaken($0) }
        case "in_use": p["name"].flatMap { name in
            p["by"].map { .inUse(name, by: $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) } }
        case "built_in_template": p["slug"].map { .builtInTemplate($0) }
        case "template_taken": p["slug"].map { .templateTaken($0) }
        case "already_granted": p["subject"].flatMap { subject in p["application"].map { .alreadyGranted(subject: subject, application: $0) } }
        case "already_member": p["login"].flatMap { login in p["team"].map { .alreadyMember(login: login, team: $0) } }
        case "last_owner": p["team"].map { .lastOwner(team: $0) }
        case "quota_exceeded":
            if let team = p["team"], let resource = p["resource"], let hard = p["hard"], let used = p["used"], let requested = p["requested"] {
                .quotaExceeded(team: team, resource: resource, hard: hard, used: used, requested: requested)
            } else { nil }
        case "body_too_large": int("limit").map { .bodyTooLarge(limit: $0) }
        case "out_of_range": int("min").flatMap { min in int("max").map { .outOfRange(min: min, max: $0) } }
        case "bad_cursor": .badCursor
        case "required": .missing
        case "wrong_type": p["expected"].map { .wrongType(expected: $0) }
        case "invalid": .invalid(p["message"] ?? message)
        default: nil
        }
        self = rule ?? .unrecognized(code: code, message: message)
    }

    /// The contract's JSON types, as `wrongType` names them in English.
    private static func russian(_ expected: String) -> String {
        switch expected {
        case "a number": "число"
        case "true or false": "true или false"
        case "a string": "строка"
        case "an object": "объект"
        case "a list": "список"
        default: expected
        }
    }
}
