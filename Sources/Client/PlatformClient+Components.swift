import ContractMapping
import Foundation
import Model
import OpenAPIRuntime
import PlatformContract

/// An application's components of the four kinds, and their manifests.
extension PlatformClient {
    public func components(of slug: String, revalidating cached: Tagged<[Component]>? = nil) async throws(PlatformClientError) -> Tagged<[Component]> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<[Component]> in
            switch try await send({ try await client.listComponents(path: .init(slug: slug)) }) {
            case .ok(let ok):
                var components: [Component] = []
                for item in try Self.decode({ try ok.body.json }).items { components.append(try Self.component(item)) }
                return .value(components)
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    public func component(_ name: String, of slug: String, revalidating cached: Tagged<Component>? = nil) async throws(PlatformClientError) -> Tagged<Component> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<Component> in
            switch try await send({ try await client.getComponent(path: .init(slug: slug, name: name)) }) {
            case .ok(let ok): return .value(try Self.component(try Self.decode { try ok.body.json }))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    /// Adds a component; its status comes back pending.
    public func createComponent(_ component: Component, in slug: String) async throws(PlatformClientError) -> Component {
        let body = try Self.wire { try Components.Schemas.ComponentCreate(component) }
        switch try await send({ try await client.createComponent(path: .init(slug: slug), body: .json(body)) }) {
        case .created(let created): return try Self.component(try Self.decode { try created.body.json })
        case let other: throw Self.unexpected(other)
        }
    }

    /// Replaces a component's spec; its kind cannot change.
    public func replaceComponentSpec(_ spec: ComponentSpec, name: String, in slug: String) async throws(PlatformClientError) -> Component {
        let body = try Self.wire { Components.Schemas.ComponentSpecReplace(spec: try spec.payload()) }
        switch try await send({ try await client.replaceComponentSpec(path: .init(slug: slug, name: name), body: .json(body)) }) {
        case .ok(let ok): return try Self.component(try Self.decode { try ok.body.json })
        case let other: throw Self.unexpected(other)
        }
    }

    /// Deletes a component; one that others refer to is refused (409) with their names.
    public func deleteComponent(_ name: String, in slug: String) async throws(PlatformClientError) {
        switch try await send({ try await client.deleteComponent(path: .init(slug: slug, name: name)) }) {
        case .noContent: return
        case let other: throw Self.unexpected(other)
        }
    }

    /// The component's custom resource as the platform renders it (YAML).
    public func manifest(of name: String, in slug: String, revalidating cached: Tagged<String>? = nil) async throws(PlatformClientError) -> Tagged<String> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<String> in
            switch try await send({ try await client.getComponentManifest(path: .init(slug: slug, name: name)) }) {
            case .ok(let ok):
                let body = try Self.decode { try ok.body.yaml }
                let bytes = try await send { try await [UInt8](collecting: body, upTo: 4 << 20) }
                return .value(String(decoding: bytes, as: UTF8.self))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }
}

extension PlatformClient {
    /// The last `tail` lines a component's process wrote (empty for one the platform does not run).
    public func logs(of name: String, in slug: String, tail: Int = 500) async throws(PlatformClientError) -> [String] {
        switch try await send({ try await client.getComponentLogs(path: .init(slug: slug, name: name), query: .init(tail: tail)) }) {
        case .ok(let ok):
            let body = try Self.decode { try ok.body.plainText }
            let bytes = try await send { try await [UInt8](collecting: body, upTo: 8 << 20) }
            // CRLF too: a process's output is whatever it wrote, and "\r\n" is one Character.
            var lines = String(decoding: bytes, as: UTF8.self).textLines.map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        case let other: throw Self.unexpected(other)
        }
    }
}
