/// What the create form sends: the slug may be left out for the platform to derive it.
public struct NewApplication: Codable, Equatable, Sendable {
    public var name: String
    public var slug: String?
    public var description: String
    public var team: String
    public var template: String

    public init(name: String, slug: String? = nil, description: String = "", team: String, template: String) {
        self.name = name
        self.slug = slug
        self.description = description
        self.team = team
        self.template = template
    }
}

/// A change to an application's settings; nil fields stay as they are.
public struct ApplicationEdit: Codable, Equatable, Sendable {
    public var name: String?
    public var description: String?
    public var team: String?

    public init(name: String? = nil, description: String? = nil, team: String? = nil) {
        self.name = name
        self.description = description
        self.team = team
    }
}
