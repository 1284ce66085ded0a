/// The signed-in user as the platform sees them, with the teams they belong to.
public struct Me: Codable, Equatable, Sendable {
    public var user: User
    public var teams: [TeamMembership]

    public init(user: User, teams: [TeamMembership]) {
        self.user = user
        self.teams = teams
    }
}

/// One team the user is in, and their role there.
public struct TeamMembership: Codable, Equatable, Sendable {
    public var team: String
    public var role: Role

    public init(team: String, role: Role) {
        self.team = team
        self.role = role
    }
}
