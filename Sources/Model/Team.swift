/// A user of the platform.
public struct User: Codable, Equatable, Sendable {
    public var login: String
    public var name: String
    public var email: String
    public var isAdmin: Bool

    public init(login: String, name: String, email: String, isAdmin: Bool = false) {
        self.login = login
        self.name = name
        self.email = email
        self.isAdmin = isAdmin
    }
}

/// What a member may do in a team or, through a grant, in one application.
public enum Role: String, Codable, Sendable, CaseIterable {
    case owner
    case maintainer
    case developer
    case viewer

    public var label: LocalizedText {
        switch self {
        case .owner: LocalizedText(ru: "Владелец", en: "Owner")
        case .maintainer: LocalizedText(ru: "Сопровождающий", en: "Maintainer")
        case .developer: LocalizedText(ru: "Разработчик", en: "Developer")
        case .viewer: LocalizedText(ru: "Наблюдатель", en: "Viewer")
        }
    }
}

public struct TeamMember: Codable, Equatable, Sendable {
    public var login: String
    public var role: Role

    public init(login: String, role: Role) {
        self.login = login
        self.role = role
    }
}

/// A team of developers that owns applications and shares a quota.
public struct Team: Codable, Equatable, Sendable {
    public var slug: String
    public var name: String
    public var members: [TeamMember]

    public init(slug: String, name: String, members: [TeamMember] = []) {
        self.slug = slug
        self.name = name
        self.members = members
    }
}
