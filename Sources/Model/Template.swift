/// What a new application starts with. The built-ins are those of the web cabinet; teams may add
/// their own.
public struct Template: Codable, Equatable, Sendable {
    public var slug: String
    public var name: String
    /// nil for a built-in template, else the team that owns it.
    public var team: String?
    public var components: [Component]

    public init(slug: String, name: String, team: String? = nil, components: [Component]) {
        self.slug = slug
        self.name = name
        self.team = team
        self.components = components
    }

    /// "Без шаблона": an empty application.
    public static let empty = Template(slug: "empty", name: "Без шаблона", components: [])

    /// "ML-компонент + ящик": an inference service with its model kept in a data box.
    public static let mlComponentWithBox = Template(
        slug: "ml-component-box",
        name: "ML-компонент + ящик",
        components: [
            Component(name: "model", spec: .dataBox(DataBoxSpec())),
            Component(name: "inference", spec: .mlComponent(MLComponentSpec(
                image: ImageReference(existingImageName: "python:3.11-slim"),
                modelPath: "/", modelBox: "model"))),
        ])

    public static let builtIns: [Template] = [.empty, .mlComponentWithBox]
}
