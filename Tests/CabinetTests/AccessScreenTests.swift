import Client
import Foundation
import Model
import TerminalUI
import Testing
@testable import Cabinet

/// The Доступы и безопасность tab and the Команды screen as state machines: keys and platform
/// answers in, a rendered buffer and the actions asked for out.
@Suite("Access and teams screens")
struct AccessScreenTests {
    private let now = ScreenTests.now
    private let grantsResource = Resource.grants(application: "tesseract-ocr")

    private func app(_ language: Language = .en, me: Me? = nil) -> CabinetApp {
        var app = listedApp(language)
        feed(&app, .teams, .teams(ScreenTests.teams))
        if let me { feed(&app, .me, .me(me)) }
        return app
    }

    /// What the top screen asks the platform to do for `key` (the cabinet would run it).
    private func action(of key: Key, in app: inout CabinetApp) -> PlatformAction? {
        guard var screen = app.stack.last else { return nil }
        let answer = screen.handle(key, command: nil, context: app.context)
        if case .perform(let action) = answer { return action }
        return nil
    }

    /// The application page of Tesseract OCR on its Доступы и безопасность tab (S-Tab from Компоненты).
    private func accessTab(_ language: Language = .en, grants: [AccessGrant]? = ScreenTests.grants) -> CabinetApp {
        var app = app(language)
        _ = app.update(.key(.enter))
        _ = app.update(.key(.backTab))
        if let grants { feed(&app, grantsResource, .grants(grants)) }
        return app
    }

    private static let owner = Me(user: User(login: "tester", name: "T", email: "t@hse.ru"), teams: [TeamMembership(team: "cii", role: .owner)])
    private static let developer = Me(user: User(login: "tester", name: "T", email: "t@hse.ru"), teams: [TeamMembership(team: "cii", role: .developer)])

    // MARK: - Доступы и безопасность

    @Test("the Access tab asks for the grants and lists who has which role, who gave it and when", arguments: Language.allCases)
    func accessList(language: Language) throws {
        var app = accessTab(language, grants: nil)
        let page = try #require(app.stack.last as? ApplicationScreen)
        #expect(page.resources(in: app.context).contains(grantsResource), "the tab loads the grants (cache first, then the platform)")
        #expect(render(app).contains(language == .ru ? "Загрузка…" : "Loading…"))
        feed(&app, grantsResource, .grants([]))
        var text = render(app)
        #expect(text.contains(language == .ru ? "Пока пусто" : "Nothing here yet"))
        #expect(text.contains(language == .ru ? "У участников команды ЦИИ (cii) доступ по их ролям" : "Members of team ЦИИ (cii) have access by their roles"), "\(text)")
        feed(&app, grantsResource, .grants(ScreenTests.grants))
        text = render(app)
        let words = language == .ru
            ? ["+ Выдать доступ", "Кому", "Роль", "Выдал", "Когда", "Пользователь dpetrov", "Наблюдатель", "Команда sp4", "Разработчик", "ikrupnov", "8 июля 2024"]
            : ["+ Grant access", "Who", "Role", "Granted by", "When", "User dpetrov", "Viewer", "Team sp4", "Developer", "ikrupnov", "8 July 2024"]
        for word in words { #expect(text.contains(word), "\(word)\n\(text)") }
        let keys = language == .ru ? "n выдать доступ  d отозвать" : "n grant access  d take back"
        #expect(text.contains(keys), "the status bar names the tab's keys from the keymap\n\(text)")
        _ = app.update(.key(.char("?")))
        let help = render(app, height: 40).split(separator: "\n").dropLast().joined(separator: "\n")
        #expect(help.contains(language == .ru ? "отозвать" : "take back"), "the help gives the tab's own meaning of d\n\(help)")
    }

    @Test("n opens the grant form; what was typed survives a 400 under its field and a 403 below the form", arguments: Language.allCases)
    func grantForm(language: Language) throws {
        var app = accessTab(language)
        _ = app.update(.key(.char("n")))
        #expect(app.mode == "form")
        var text = render(app)
        let labels = language == .ru
            ? ["Выдать доступ к приложению Tesseract OCR", "Кому", "Пользователю", "Логин пользователя или идентификатор команды", "Наблюдатель", "Добавить", "Отмена"]
            : ["Grant access to Tesseract OCR", "To", "A user", "User login or team slug", "Viewer", "Add", "Cancel"]
        for label in labels { #expect(text.contains(label), "\(label)\n\(text)") }

        // An empty name is refused before anything is sent.
        for _ in 0..<3 { _ = app.update(.key(.tab)) }
        #expect(action(of: .enter, in: &app) == nil)
        _ = app.update(.key(.enter))
        #expect(render(app).contains(language == .ru ? "Укажите логин пользователя или идентификатор команды" : "Give a user's login or a team's slug"))

        // The failure focused the name: q is typed, not quit; then the role Сопровождающий (down twice).
        type("qwen", into: &app)
        _ = app.update(.key(.tab))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.down))
        _ = app.update(.key(.down))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.tab))
        #expect(action(of: .enter, in: &app) == .createGrant(application: "tesseract-ocr", .user("qwen"), .maintainer))
        _ = app.update(.key(.enter))
        #expect((app.stack.last as? ApplicationScreen)?.access.form?.submitting == true)

        let sent = PlatformAction.createGrant(application: "tesseract-ocr", .user("qwen"), .maintainer)
        _ = app.receive(.actionFinished(sent, .failure(.rejected(status: 400, title: "Invalid request", detail: "user: No such user", fields: ["user": FieldRule.noSuchUser.message]))))
        text = render(app)
        #expect(text.contains(language == .ru ? "Нет такого пользователя" : "No such user"), "\(text)")
        #expect(text.contains("qwen"), "what was typed stays")
        // The refusal was about "qwen": moving in the field keeps it, a changed name does not.
        _ = app.update(.key(.left))
        #expect(render(app).contains(language == .ru ? "Нет такого пользователя" : "No such user"))
        _ = app.update(.key(.right))
        type("x", into: &app)
        _ = app.update(.key(.backspace))
        text = render(app)
        #expect(!text.contains(language == .ru ? "Нет такого пользователя" : "No such user"), "the error went with the edit: \(text)")

        // Back to the buttons: the name is focused, then role, then buttons.
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        _ = app.update(.key(.enter))
        _ = app.receive(.actionFinished(sent, .failure(.rejected(
            status: 403, title: "Forbidden", detail: "Only maintainers may give or take back the maintainer role.", fields: [:]))))
        text = render(app)
        #expect(text.contains((language == .ru ? "Недостаточно прав: " : "Not allowed: ") + "Only maintainers may give"), "\(text)")
        #expect(text.contains("qwen") && text.contains(language == .ru ? "Сопровождающий" : "Maintainer"), "the form keeps name and role")

        // A team instead: the first field chooses, and 409 says the grant exists.
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        _ = app.update(.key(.down))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.tab))
        for _ in 0..<4 { _ = app.update(.key(.backspace)) }
        type("sp4", into: &app)
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        #expect(action(of: .enter, in: &app) == .createGrant(application: "tesseract-ocr", .team("sp4"), .maintainer))
        _ = app.update(.key(.enter))
        let team = PlatformAction.createGrant(application: "tesseract-ocr", .team("sp4"), .maintainer)
        _ = app.receive(.actionFinished(team, .failure(.rejected(status: 409, title: "Already exists", detail: nil, fields: ["team": "team sp4 already has a grant"]))))
        #expect(render(app).contains(language == .ru ? "Доступ к этому приложению уже выдан" : "Already has access to this application"))

        // Made: the form closes, the status bar says so, and the grants are asked for again.
        _ = app.update(.key(.tab))
        _ = app.update(.key(.tab))
        _ = app.update(.key(.enter))
        let made = AccessGrant(id: 3, subject: .team("sp4"), role: .maintainer, createdAt: now, createdBy: "tester")
        _ = app.receive(.actionFinished(team, .success(.grant(made))))
        #expect((app.stack.last as? ApplicationScreen)?.access.isEditing == false)
        #expect(app.store.inFlight.contains(grantsResource), "the grants are fetched again")
        #expect(render(app).contains(language == .ru ? "Доступ выдан: Команда sp4" : "Access granted: Team sp4"))
        feed(&app, grantsResource, .grants(ScreenTests.grants + [made]))
        #expect((app.stack.last as? ApplicationScreen)?.access.table.selected == 2, "the new grant is selected")
    }

    @Test("d takes a grant back once its name is typed; a refusal is shown in the status bar")
    func revokeGrant() throws {
        var app = accessTab(.ru)
        _ = app.update(.key(.char("j")))
        _ = app.update(.key(.char("d")))
        let pending = try #require(app.confirmation)
        #expect(pending.action == .deleteGrant(application: "tesseract-ocr", id: 2, subject: .team("sp4")))
        #expect(render(app).contains("Команда sp4: доступ «Разработчик» к приложению"))
        type("sp", into: &app)
        _ = app.update(.key(.enter))
        #expect(app.confirmation != nil, "a wrong name takes nothing back")
        type("4", into: &app)
        _ = app.update(.key(.enter))
        #expect(app.confirmation == nil)
        _ = app.receive(.actionFinished(pending.action, .failure(.rejected(status: 403, title: "Forbidden", detail: "This needs maintainer on application tesseract-ocr; you are developer.", fields: [:]))))
        #expect(render(app).contains("Недостаточно прав: This needs maintainer"))
        _ = app.receive(.actionFinished(pending.action, .success(.deleted)))
        #expect(render(app).contains("Доступ отозван: Команда sp4"))
        #expect(app.store.inFlight.contains(grantsResource))
        _ = app.update(.key(.char("e")))
        #expect(render(app).contains("Роль доступа не меняется"))
    }

    @Test("offline, the tab still shows the cached grants and says why giving or taking back is unavailable")
    func accessOffline() {
        var app = accessTab(.ru)
        _ = app.update(.key(.char("n")))
        _ = app.update(.key(.tab))
        type("dpetrov", into: &app)
        _ = app.receive(.applicationsFetched(.failure(.unreachable("refused")), at: now))
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        var text = render(app)
        #expect(text.contains("Нет соединения с платформой: действие недоступно"))
        #expect(text.contains("dpetrov"), "the form keeps what was typed")
        _ = app.update(.key(.escape))
        text = render(app)
        #expect(text.contains("Пользователь dpetrov"))
        _ = app.update(.key(.char("d")))
        #expect(app.confirmation == nil)
        #expect(render(app).contains("Нет соединения с платформой: действие недоступно"))
    }

    // MARK: - Команды

    private func teams(_ language: Language = .en, me: Me) -> CabinetApp {
        var app = app(language, me: me)
        _ = app.update(.key(.char(":")))
        type("teams", into: &app)
        _ = app.update(.key(.enter))
        return app
    }

    @Test("an owner adds a member with a role, changes a role and removes a member; the teams are fetched again", arguments: Language.allCases)
    func manageMembers(language: Language) throws {
        var app = teams(language, me: Self.owner)
        var text = render(app)
        #expect(text.contains(language == .ru ? "Ваша роль в команде ЦИИ: Владелец" : "Your role in ЦИИ: Owner"), "\(text)")
        #expect(text.contains(language == .ru ? "n добавить участника  e сменить роль  d удалить" : "n add member  e change role  d remove"), "\(text)")

        _ = app.update(.key(.char("n")))
        text = render(app)
        #expect(text.contains(language == .ru ? "Добавить участника в команду ЦИИ (cii)" : "Add a member to ЦИИ (cii)"))
        #expect(text.contains(language == .ru ? "Разработчик" : "Developer"), "a new member is a developer unless chosen otherwise")
        type("dpetrov", into: &app)
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        #expect(action(of: .enter, in: &app) == .addTeamMember(team: "cii", login: "dpetrov", .developer))
        _ = app.update(.key(.enter))
        let add = PlatformAction.addTeamMember(team: "cii", login: "dpetrov", .developer)
        _ = app.receive(.actionFinished(add, .failure(.rejected(status: 409, title: "Already exists", detail: nil, fields: ["user": "dpetrov is already a member of cii"]))))
        text = render(app)
        #expect(text.contains(language == .ru ? "Уже участник этой команды" : "Already a member of this team"))
        #expect(text.contains("dpetrov"))
        for _ in 0..<2 { _ = app.update(.key(.tab)) }
        _ = app.update(.key(.enter))
        _ = app.receive(.actionFinished(add, .success(.member(TeamMember(login: "dpetrov", role: .developer)))))
        #expect(app.mode == "list")
        #expect(app.store.inFlight.contains(.teams), "the teams are fetched again")
        #expect(render(app).contains(language == .ru ? "Участник добавлен: dpetrov" : "Member added: dpetrov"))
        var teams = ScreenTests.teams
        teams[0].members.append(TeamMember(login: "dpetrov", role: .developer))
        feed(&app, .teams, .teams(teams))
        #expect((app.stack.last as? TeamsScreen)?.table.selected == 2, "the new member is selected")

        _ = app.update(.key(.char("e")))
        #expect(render(app).contains(language == .ru ? "Роль участника dpetrov в команде ЦИИ (cii)" : "Role of dpetrov in ЦИИ (cii)"))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.up))
        _ = app.update(.key(.enter))
        _ = app.update(.key(.tab))
        #expect(action(of: .enter, in: &app) == .updateTeamMember(team: "cii", login: "dpetrov", .viewer))
        _ = app.update(.key(.escape))

        _ = app.update(.key(.char("d")))
        #expect(app.confirmation?.action == .removeTeamMember(team: "cii", login: "dpetrov"))
        #expect(render(app).contains(language == .ru ? "dpetrov будет удалён из команды ЦИИ" : "dpetrov will be removed from team ЦИИ"))
        type("dpetrov", into: &app)
        _ = app.update(.key(.enter))
        _ = app.receive(.actionFinished(.removeTeamMember(team: "cii", login: "ikrupnov"), .failure(.rejected(
            status: 409, title: "Already exists", detail: nil, fields: ["role": "team cii must keep at least one owner"]))))
        #expect(render(app).contains(language == .ru ? "В команде должен остаться хотя бы один владелец" : "The team must keep at least one owner"))
    }

    @Test("a developer sees the members read-only, with the reason, and n says who may change them", arguments: Language.allCases)
    func readOnlyMembers(language: Language) {
        var app = teams(language, me: Self.developer)
        var text = render(app)
        #expect(text.contains(language == .ru ? "Состав команды ЦИИ меняют её владельцы и сопровождающие; ваша роль: Разработчик"
                                              : "Owners and maintainers of ЦИИ change its members; your role: Developer"), "\(text)")
        #expect(!text.contains(language == .ru ? "добавить участника" : "add member"))
        _ = app.update(.key(.char("n")))
        #expect(app.mode == "list")
        text = render(app)
        #expect(text.contains(language == .ru ? "Только владельцы и сопровождающие команды ЦИИ меняют её состав" : "Only owners and maintainers of ЦИИ change its members"))
        // The second team's row: not a member at all.
        for _ in 0..<2 { _ = app.update(.key(.down)) }
        #expect(render(app).contains(language == .ru ? "ваша роль: нет" : "your role: none"))
    }

    @Test("before the platform says who the user is, Teams says the role is not known yet instead of refusing")
    func roleNotKnown() {
        var app = app(.en)
        _ = app.update(.key(.char(":")))
        type("teams", into: &app)
        _ = app.update(.key(.enter))
        #expect(render(app).contains("★ is you. Your role is not known yet"))
        _ = app.update(.key(.char("n")))
        #expect(app.mode == "list")
        #expect(render(app).split(separator: "\n").last?.contains("Your role is not known yet: changes become available once the platform answers") == true)
    }

    @Test("offline, Teams keeps showing the members and n says the platform is needed")
    func teamsOffline() {
        var app = teams(.ru, me: Self.owner)
        _ = app.receive(.applicationsFetched(.failure(.unreachable("refused")), at: now))
        _ = app.update(.key(.char("n")))
        #expect(app.mode == "list", "no form opens that could not be sent")
        let text = render(app)
        #expect(text.contains("Нет соединения с платформой: действие недоступно"))
        #expect(text.contains("ikrupnov"))
    }

}
