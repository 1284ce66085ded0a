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

    /// The namespace the platform gave it when it was made (stored, never recomputed: the rule
    /// may change, a namespace does not).
    public var namespace: String

    public var id: String { slug }

    public init(
        slug: String, name: String, description: String, team: String, template: String, author: String,
        createdAt: Date, updatedAt: Date, status: Status, components: ComponentCounts, namespace: String? = nil
    ) {
        self.namespace = namespace ?? Namespace.of(owner: author, application: slug)
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

extension Application {
    private enum CodingKeys: String, CodingKey {
        case slug, name, description, team, template, author, createdAt, updatedAt, status, components, namespace
    }

    /// Caches written before the namespace was stored have none: it is then derived.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(slug: try c.decode(String.self, forKey: .slug), name: try c.decode(String.self, forKey: .name),
                  description: try c.decode(String.self, forKey: .description), team: try c.decode(String.self, forKey: .team),
                  template: try c.decode(String.self, forKey: .template), author: try c.decode(String.self, forKey: .author),
                  createdAt: try c.decode(Date.self, forKey: .createdAt), updatedAt: try c.decode(Date.self, forKey: .updatedAt),
                  status: try c.decode(Status.self, forKey: .status), components: try c.decode(ComponentCounts.self, forKey: .components),
                  namespace: try c.decodeIfPresent(String.self, forKey: .namespace))
    }
}

/// The HSE platform's namespace of an application, `pu-<owner>-pa-<slug>`, made injective: no two
/// (owner, slug) pairs share one, so one user's routes and files never reach another's.
///
/// The owner is encoded so that a `-` in it is always followed by a digit: letters `a`–`z` and
/// digits stay, `.` is `-1`, `-` is `-2`, `_` is `-3`, and any other character is `-` followed by
/// 3 + the number of hex digits of its code point, then those digits (`A` → `-441`, `я` → `-744f`).
/// `-pa-` therefore never occurs inside the owner part, so the first `-pa-` after `pu-` ends it,
/// and the encoding is a prefix code: the owner and the slug can be read back from the name.
///
/// When a long owner and a long slug would pass Kubernetes' 63 characters, the owner part is its
/// first whole characters, `-0` and 10 hex digits of a hash of the whole owner (a `-0` never
/// occurs otherwise). Such names are unique with overwhelming likelihood; the platform's unique
/// index refuses the rare clash rather than share a namespace.
public enum Namespace {
    public static let maxLength = 63

    public static func of(owner: String, application slug: String) -> String {
        let room = maxLength - "pu-".count - "-pa-".count - slug.count
        var pieces = owner.unicodeScalars.map(encode)
        if pieces.reduce(0, { $0 + $1.count }) > room {
            let hash = "-0" + hex(fnv1a(owner), digits: 10)
            var kept = ""
            for piece in pieces {
                guard kept.count + piece.count + hash.count <= room else { break }
                kept += piece
            }
            pieces = [kept, hash]
        }
        return "pu-\(pieces.joined())-pa-\(slug)"
    }

    private static func encode(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "a"..."z", "0"..."9": return String(scalar)
        case ".": return "-1"
        case "-": return "-2"
        case "_": return "-3"
        default:
            let digits = String(scalar.value, radix: 16)
            return "-\(3 + digits.count)\(digits)"
        }
    }

    /// FNV-1a, 64 bits: stable across runs and platforms (Swift's Hasher is seeded per process).
    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - text.count)) + text
        return String(padded.suffix(digits))
    }
}
