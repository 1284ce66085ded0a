/// A template as the platform lists it: which components (kind and name) an application made from
/// it starts with. Their specs stay on the platform.
public struct TemplateSummary: Codable, Equatable, Sendable {
    public struct Part: Codable, Equatable, Sendable {
        public var kind: ComponentKind
        public var name: String
        public init(kind: ComponentKind, name: String) {
            self.kind = kind
            self.name = name
        }
    }

    public var slug: String
    public var name: String
    /// nil for a built-in template.
    public var team: String?
    public var components: [Part]

    public init(slug: String, name: String, team: String? = nil, components: [Part]) {
        self.slug = slug
        self.name = name
        self.team = team
        self.components = components
    }
}
