import Client
import Foundation
import Model
import Platform
import Testing

/// The demo platform on loopback, with the local admin's client and a way to call as somebody else.
private struct AccessPlatform {
    let admin: PlatformClient
    let url: URL
    let directory: URL

    /// A client that calls as `login`, through a personal access token made in the platform's store.
    func client(as login: String) async throws -> PlatformClient {
        let secret = try await PlatformStore(directory: directory).createAccessToken(login: login, name: "access-tests", expiresAt: nil, at: Date()).secret
        return PlatformClient(endpoint: PlatformEndpoint(url: url, token: secret))
    }
}

private func withAccessPlatform<T>(_ body: (AccessPlatform) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-client-access-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let platform = try await PlatformServer.start(PlatformConfiguration(
        dataDirectory: dir, demo: true, localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)))
    defer { Task { await platform.stop() } }
    return try await body(AccessPlatform(admin: PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token)),
                                         url: platform.url, directory: dir))
}

/// The refusal's status and fields, or a recorded issue when the call was not refused.
private func refusal<T>(_ call: () async throws(PlatformClientError) -> T) async -> (status: Int, fields: [String: LocalizedText], detail: String?)? {
    do throws(PlatformClientError) {
        _ = try await call()
        Issue.record("the platform accepted what it should have refused")
    } catch {
        guard case .rejected(let status, _, let detail, let fields) = error else { Issue.record("expected a refusal, got \(error)"); return nil }
        return (status, fields, detail)
    }
    return nil
}

@Suite("PlatformClient: grants and team members, against the real platform")
struct PlatformClientAccessTests {
    @Test("a grant to a user and to a team is made, listed (revalidated by ETag), refused when repeated or unknown, and taken back")
    func grants() async throws {
        try await withAccessPlatform { platform in
            let client = platform.admin
            let before = try await client.grants(of: "tesseract-ocr")
            #expect(before.value.isEmpty)
            #expect(before.etag != nil)

            let user = try await client.createGrant(.user("dpetrov"), role: .viewer, in: "tesseract-ocr")
            #expect(user.subject == .user("dpetrov"))
            #expect(user.role == .viewer)
            #expect(user.createdBy == "tester")
            let team = try await client.createGrant(.team("sp4"), role: .developer, in: "tesseract-ocr")
            #expect(team.subject == .team("sp4"))

            let listed = try await client.grants(of: "tesseract-ocr", revalidating: before)
            #expect(listed.value.map(\.subject) == [.user("dpetrov"), .team("sp4")])
            #expect(listed.value.map(\.id) == [user.id, team.id])
            // Unchanged since: the cached value comes back as it was (304), even a deliberately wrong one.
            let stale = Tagged<[AccessGrant]>([], etag: listed.etag)
            #expect(try await client.grants(of: "tesseract-ocr", revalidating: stale) == stale)

            let again = await refusal { () async throws(PlatformClientError) in try await client.createGrant(.user("dpetrov"), role: .developer, in: "tesseract-ocr") }
            #expect(again?.status == 409)
            #expect(again?.fields["user"] != nil)
            let nobody = await refusal { () async throws(PlatformClientError) in try await client.createGrant(.user("nobody"), role: .viewer, in: "tesseract-ocr") }
            #expect(nobody?.status == 400)
            #expect(nobody?.fields["user"] == FieldRule.noSuchUser.message)
            let noTeam = await refusal { () async throws(PlatformClientError) in try await client.createGrant(.team("nope"), role: .viewer, in: "tesseract-ocr") }
            #expect(noTeam?.fields["team"] == FieldRule.noSuchTeam.message)
            let noApp = await refusal { () async throws(PlatformClientError) in try await client.grants(of: "no-such-app") }
            #expect(noApp?.status == 404)

            try await client.deleteGrant(id: user.id, in: "tesseract-ocr")
            #expect(try await client.grants(of: "tesseract-ocr").value.map(\.subject) == [.team("sp4")])
            let gone = await refusal { () async throws(PlatformClientError) in try await client.deleteGrant(id: user.id, in: "tesseract-ocr") }
            #expect(gone?.status == 404)
        }
    }

    @Test("a member is added with a role, given another and removed; unknown users, repeats and the last owner are refused")
    func members() async throws {
        try await withAccessPlatform { platform in
            let client = platform.admin
            let added = try await client.addTeamMember("dpetrov", role: .developer, to: "cii")
            #expect(added == TeamMember(login: "dpetrov", role: .developer))
            #expect(try await client.teams().value.first { $0.slug == "cii" }?.members.contains(added) == true)

            #expect(try await client.updateTeamMember("dpetrov", role: .maintainer, in: "cii") == TeamMember(login: "dpetrov", role: .maintainer))
            #expect(try await client.teams().value.first { $0.slug == "cii" }?.members.contains(TeamMember(login: "dpetrov", role: .maintainer)) == true)

            let twice = await refusal { () async throws(PlatformClientError) in try await client.addTeamMember("dpetrov", role: .viewer, to: "cii") }
            #expect(twice?.status == 409)
            #expect(twice?.fields["user"] != nil)
            let unknown = await refusal { () async throws(PlatformClientError) in try await client.addTeamMember("nobody", role: .viewer, to: "cii") }
            #expect(unknown?.status == 400)
            #expect(unknown?.fields["user"] == FieldRule.noSuchUser.message)
            // dpetrov is the only owner of sp4.
            let lastOwner = await refusal { () async throws(PlatformClientError) in try await client.removeTeamMember("dpetrov", from: "sp4") }
            #expect(lastOwner?.status == 409)
            #expect(lastOwner?.fields["role"] != nil)
            let noTeam = await refusal { () async throws(PlatformClientError) in try await client.addTeamMember("dpetrov", role: .viewer, to: "nope") }
            #expect(noTeam?.status == 404)

            try await client.removeTeamMember("dpetrov", from: "cii")
            #expect(try await client.teams().value.first { $0.slug == "cii" }?.members.contains { $0.login == "dpetrov" } == false)
        }
    }

    @Test("callers below maintainer are refused (403), and a maintainer may not hand out the owner role")
    func permissions() async throws {
        try await withAccessPlatform { platform in
            // avolkova is a developer of cii, whose application tesseract-ocr is.
            let developer = try await platform.client(as: "avolkova")
            #expect(try await developer.grants(of: "tesseract-ocr").value.isEmpty, "a developer reads the grants")
            let grant = await refusal { () async throws(PlatformClientError) in try await developer.createGrant(.user("dpetrov"), role: .viewer, in: "tesseract-ocr") }
            #expect(grant?.status == 403)
            let member = await refusal { () async throws(PlatformClientError) in try await developer.addTeamMember("dpetrov", role: .viewer, to: "cii") }
            #expect(member?.status == 403)

            _ = try await platform.admin.addTeamMember("dpetrov", role: .maintainer, to: "cii")
            let maintainer = try await platform.client(as: "dpetrov")
            let owner = await refusal { () async throws(PlatformClientError) in try await maintainer.createGrant(.user("avolkova"), role: .owner, in: "tesseract-ocr") }
            #expect(owner?.status == 403)
            #expect(owner?.detail?.contains("owner") == true)
            let made = try await maintainer.createGrant(.team("sp4"), role: .maintainer, in: "tesseract-ocr")
            #expect(made.createdBy == "dpetrov")
            let promote = await refusal { () async throws(PlatformClientError) in try await maintainer.updateTeamMember("avolkova", role: .owner, in: "cii") }
            #expect(promote?.status == 403)
        }
    }
}
