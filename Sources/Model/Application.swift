import Foundation

/// An application: one Kubernetes namespace `pu-<author>-pa-<slug>` holding its components.
public struct Application: Codable, Equatable, Sendable, Identifiable {
    public var slug: String
    public var name: String
    public var description: String
    public var team: String
    public var template: String
    public var author: String
    public var createdAt: Date
    public var updatedAt: Date
    public var status: Status
    public var components: ComponentCounts

    public var id: String { slug }
    public var namespace: String { Namespace.of(owner: author, application: slug) }

    public init(
        slug: String, name: String, description: String, team: String, template: String, author: String,
        createdAt: Date, updatedAt: Date, status: Status, components: ComponentCounts
    ) {
        self.slug = slug
        self.name = name
        self.description = description
        self.team = team
        self.template = template
        self.author = author
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.status = status
        self.components = components
    }
}

/// The namespace naming rule of the HSE platform (`pu-<user>-pa-<app>`). The owner part is cut to
/// 16 characters so that with a 40-character slug the name stays within Kubernetes' 63.
public enum Namespace {
    public static func of(owner: String, application: String) -> String {
        "pu-\(Slug.derive(from: owner, maxLength: 16))-pa-\(application)"
    }
}
