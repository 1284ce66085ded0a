/// A request to create an application, as the cabinet sends it and the platform's store takes it:
/// the slug may be left out for the platform to derive it. (The cabinet's `ApplicationDraft` is
/// something else: the create form's half-typed state, saved so that it survives a restart.)
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

/// A change to an application's settings, sent by the cabinet and taken by the store; nil fields stay as they are.
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
