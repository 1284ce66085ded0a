import Model

/// What the caller may do, checked before each handler touches the store; docs/permissions.md is
/// the same rules as a table. Things the caller may not see answer 404, as if they did not exist;
/// things they may see but not change answer 403.
struct Authorization {
    let store: PlatformStore
    let user: User

    /// nil for admins, who see everything; otherwise the login lists are narrowed to.
    var visibilityLogin: String? { user.isAdmin ? nil : user.login }

    /// The application, if the caller may see it and holds at least `needed` on it.
    @discardableResult
    func application(_ slug: String, needs needed: Role) async throws -> ApplicationAccess {
        guard let access = try await store.access(login: user.login, application: slug) else {
            throw APIProblem.notFound("application \(slug)")
        }
        if user.isAdmin { return access }
        guard let role = access.role else { throw APIProblem.notFound("application \(slug)") }
        guard role.atLeast(needed) else { throw APIProblem.forbidden("\(needed.rawValue) on application \(slug)", has: role) }
        return access
    }

    /// The caller's role in a team they must belong to with at least `needed`; nil for an admin
    /// who is not a member. Non-members get 404: a team's existence is its members' business.
    @discardableResult
    func team(_ team: String, needs needed: Role) async throws -> Role? {
        let role = try await store.teamRole(login: user.login, team: team)
        if user.isAdmin {
            guard try await store.teamExists(team) else { throw APIProblem.notFound("team \(team)") }
            return role
        }
        guard let role else { throw APIProblem.notFound("team \(team)") }
        guard role.atLeast(needed) else { throw APIProblem.forbidden("\(needed.rawValue) in team \(team)", has: role) }
        return role
    }

    /// A team named in a request body (the team of a new or moved application): to a non-member
    /// it does not exist, the same 400 an unknown team gets; a member needs to be a developer.
    func teamInBody(_ team: String) async throws {
        if user.isAdmin { return }
        guard let role = try await store.teamRole(login: user.login, team: team) else {
            throw APIProblem.field("team", .noSuchTeam)
        }
        guard role.atLeast(.developer) else { throw APIProblem.forbidden("developer in team \(team)", has: role) }
    }

    /// A template named in a request body: another team's template is, to a non-member, as unknown
    /// as one that does not exist; otherwise its components would show through the new application.
    func templateInBody(_ slug: String) async throws {
        if user.isAdmin { return }
        guard let team = try await store.template(slug: slug)?.team else { return }
        if try await store.teamRole(login: user.login, team: team) == nil {
            throw APIProblem.field("template", .noSuchTemplate)
        }
    }

    /// Nobody hands out more than they hold: a maintainer grants up to maintainer.
    func mayHandOut(_ role: Role, holding held: Role?) throws {
        if user.isAdmin { return }
        guard let held, held.atLeast(role) else {
            throw APIProblem(status: .forbidden, title: "Forbidden", detail: "Only \(role.rawValue)s may give or take back the \(role.rawValue) role.")
        }
    }
}

extension APIProblem {
    static func forbidden(_ needed: String, has role: Role) -> APIProblem {
        APIProblem(status: .forbidden, title: "Forbidden", detail: "This needs \(needed); you are \(role.rawValue).")
    }
}
