import Foundation
import GRDB
import Model
import Testing
@testable import Platform

private func withSeededPlatform(_ body: (RunningPlatform, PlatformStore, MatrixUsers) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-grants-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try await withPlatform(demo: false, directory: directory) { platform in
        let store = try PlatformStore(directory: directory)
        try await body(platform, store, try await MatrixUsers.make(store))
    }
}

@Suite("Platform API over HTTP: application grants and team members")
struct GrantsAndMembersAPITests {
    @Test("a user grant lets someone of another team see one application at the granted role, and no other")
    func userGrant() async throws {
        try await withSeededPlatform { platform, store, users in
            let cell = try await MatrixCell.make(store, index: 1, caller: "owner")
            _ = try await MatrixCell.make(store, index: 2, caller: "owner")
            let owner = try #require(users.tokens["owner"])
            let xenia = try #require(users.tokens["other team"])
            #expect(try await get(platform, "/v1/applications/\(cell.app)", token: xenia).status == 404)

            let granted = try await send(platform, .post, "/v1/applications/\(cell.app)/grants", json: ["user": "xenia", "role": "viewer"], token: owner)
            #expect(granted.status == 201)
            #expect(granted.json["user"] as? String == "xenia" && granted.json["role"] as? String == "viewer")
            #expect(granted.json["createdBy"] as? String == "oleg")

            #expect(try await get(platform, "/v1/applications/\(cell.app)", token: xenia).status == 200)
            #expect(try await get(platform, "/v1/applications/a2", token: xenia).status == 404)
            let visible = (try await get(platform, "/v1/applications", token: xenia).json["items"] as? [[String: Any]])?.compactMap { $0["slug"] as? String }
            #expect(Set(visible ?? []) == ["beta-app", cell.app])
            let component = try await send(platform, .post, "/v1/applications/\(cell.app)/components",
                                           json: ["kind": "DataBox", "name": "x", "spec": [String: Any]()], token: xenia)
            #expect(component.status == 403)

            let events = try await get(platform, "/v1/applications/\(cell.app)/events", token: owner)
            let granting = (events.json["items"] as? [[String: Any]])?.first { $0["reason"] as? String == "AccessGranted" }
            #expect(granting?["actor"] as? String == "oleg")
            #expect((granting?["message"] as? String)?.contains("xenia") == true)

            let grantID = try #require(granted.json["id"] as? Int)
            #expect(try await send(platform, .delete, "/v1/applications/\(cell.app)/grants/\(grantID)", token: owner).status == 204)
            #expect(try await get(platform, "/v1/applications/\(cell.app)", token: xenia).status == 404)
            #expect(try await send(platform, .delete, "/v1/applications/\(cell.app)/grants/\(grantID)", token: owner).status == 404)
            #expect(try await send(platform, .delete, "/v1/applications/\(cell.app)/grants/abc", token: owner).status == 400)
            let revoking = (try await get(platform, "/v1/applications/\(cell.app)/events", token: owner).json["items"] as? [[String: Any]])?
                .first { $0["reason"] as? String == "AccessRevoked" }
            #expect(revoking?["actor"] as? String == "oleg")
        }
    }

    @Test("a team grant gives every member of that team the role, whatever their role in their own team")
    func teamGrant() async throws {
        try await withSeededPlatform { platform, store, users in
            let cell = try await MatrixCell.make(store, index: 1, caller: "owner")
            let owner = try #require(users.tokens["owner"])
            #expect(try await send(platform, .post, "/v1/applications/\(cell.app)/grants", json: ["team": "beta", "role": "developer"], token: owner).status == 201)
            let xenia = try #require(users.tokens["other team"])
            let created = try await send(platform, .post, "/v1/applications/\(cell.app)/components",
                                         json: ["kind": "DataBox", "name": "x", "spec": [String: Any]()], token: xenia)
            #expect(created.status == 201)
            #expect(try await send(platform, .patch, "/v1/applications/\(cell.app)", json: ["description": "x"], token: xenia).status == 403)
        }
    }

    @Test("grants: nobody gives more than they hold; one subject, existing, once")
    func grantRules() async throws {
        try await withSeededPlatform { platform, store, users in
            let cell = try await MatrixCell.make(store, index: 1, caller: "owner")
            let path = "/v1/applications/\(cell.app)/grants"
            let maintainer = try #require(users.tokens["maintainer"])
            let owner = try #require(users.tokens["owner"])
            #expect(try await send(platform, .post, path, json: ["user": "newcomer", "role": "owner"], token: maintainer).status == 403)
            #expect(try await send(platform, .post, path, json: ["user": "newcomer", "role": "maintainer"], token: maintainer).status == 201)
            #expect(try await send(platform, .post, path, json: ["user": "newcomer", "role": "viewer"], token: owner).status == 409)
            #expect(try await send(platform, .post, path, json: ["user": "nobody", "role": "viewer"], token: owner).status == 400)
            #expect(try await send(platform, .post, path, json: ["team": "nope", "role": "viewer"], token: owner).status == 400)
            #expect(try await send(platform, .post, path, json: ["user": "xenia", "team": "beta", "role": "viewer"], token: owner).status == 400)
            #expect(try await send(platform, .post, path, json: ["role": "viewer"], token: owner).status == 400)
            let ownerGrant = try await send(platform, .post, path, json: ["user": "xenia", "role": "owner"], token: owner)
            #expect(ownerGrant.status == 201)
            let id = try #require(ownerGrant.json["id"] as? Int)
            #expect(try await send(platform, .delete, "\(path)/\(id)", token: maintainer).status == 403)
            let viewer = try #require(users.tokens["viewer"])
            let list = try await get(platform, path, token: viewer)
            #expect((list.json["items"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test("deleting an application deletes its grants and records the deletion for its team")
    func cascade() async throws {
        try await withSeededPlatform { platform, store, users in
            let cell = try await MatrixCell.make(store, index: 1, caller: "owner")
            let owner = try #require(users.tokens["owner"])
            let before = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grants") }
            #expect(before == 1)
            #expect(try await send(platform, .delete, "/v1/applications/\(cell.app)", token: owner).status == 204)
            let after = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grants") }
            #expect(after == 0)
            let recorded = (try await get(platform, "/v1/teams/\(cell.team)/events", token: owner).json["items"] as? [[String: Any]]) ?? []
            #expect(recorded.map { "\($0["reason"] ?? "") by \($0["actor"] ?? "")" } == ["ApplicationDeleted by oleg"])
        }
    }

    @Test("members: maintainers manage developers, only owners touch owners, a team keeps an owner, each change recorded")
    func members() async throws {
        try await withSeededPlatform { platform, store, users in
            let cell = try await MatrixCell.make(store, index: 1, caller: "owner")
            let path = "/v1/teams/\(cell.team)/members"
            let maintainer = try #require(users.tokens["maintainer"])
            let owner = try #require(users.tokens["owner"])

            let added = try await send(platform, .post, path, json: ["user": "newcomer", "role": "developer"], token: maintainer)
            #expect(added.status == 201 && added.json["role"] as? String == "developer")
            #expect(try await send(platform, .post, path, json: ["user": "newcomer", "role": "viewer"], token: maintainer).status == 409)
            #expect(try await send(platform, .post, path, json: ["user": "ghost", "role": "viewer"], token: maintainer).status == 400)
            #expect(try await send(platform, .patch, "\(path)/newcomer", json: ["role": "boss"], token: maintainer).status == 400)
            #expect(try await send(platform, .post, "/v1/teams/nope/members", json: ["user": "dev2", "role": "viewer"], token: maintainer).status == 404)
            #expect(try await send(platform, .patch, "\(path)/newcomer", json: ["role": "owner"], token: maintainer).status == 403)
            #expect(try await send(platform, .patch, "\(path)/oleg", json: ["role": "viewer"], token: maintainer).status == 403)
            #expect(try await send(platform, .delete, "\(path)/oleg", token: maintainer).status == 403)
            #expect(try await send(platform, .patch, "\(path)/oleg", json: ["role": "viewer"], token: owner).status == 409, "the last owner")
            #expect(try await send(platform, .delete, "\(path)/oleg", token: owner).status == 409, "the last owner")
            #expect(try await send(platform, .patch, "\(path)/newcomer", json: ["role": "owner"], token: owner).status == 200)
            #expect(try await send(platform, .delete, "\(path)/oleg", token: owner).status == 204, "another owner remains")
            #expect(try await send(platform, .delete, "\(path)/nobody", token: maintainer).status == 404)

            let teams = try await get(platform, "/v1/teams", token: maintainer)
            let members = ((teams.json["items"] as? [[String: Any]])?.first?["members"] as? [[String: String]]) ?? []
            #expect(members.contains(["login": "newcomer", "role": "owner"]))
            #expect(!members.contains { $0["login"] == "oleg" })
            let viewer = try #require(users.tokens["viewer"])
            let outsider = try #require(users.tokens["other team"])
            let events = try await get(platform, "/v1/teams/\(cell.team)/events?limit=2", token: viewer)
            let page = (events.json["items"] as? [[String: Any]]) ?? []
            #expect(page.compactMap { $0["reason"] as? String } == ["MemberRemoved", "MemberRoleChanged"])
            #expect(page.compactMap { $0["actor"] as? String } == ["oleg", "oleg"])
            let cursor = try #require(events.json["next_cursor"] as? String)
            let rest = try await get(platform, "/v1/teams/\(cell.team)/events?cursor=\(cursor)", token: maintainer)
            #expect((rest.json["items"] as? [[String: Any]])?.compactMap { $0["reason"] as? String } == ["MemberAdded"])
            #expect(rest.json["next_cursor"] == nil)
            #expect(try await get(platform, "/v1/teams/\(cell.team)/events?cursor=x", token: maintainer).status == 400)
            #expect(try await get(platform, "/v1/teams/\(cell.team)/events", token: outsider).status == 404)
        }
    }

    @Test("under an application's namespace viewers read files, developers write them, and other teams find no route")
    func namespaceRoutes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-grants-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(demo: false, directory: directory, runsComponents: true) { platform in
            let store = try PlatformStore(directory: directory)
            let users = try await MatrixUsers.make(store)
            let cell = try await MatrixCell.make(store, index: 1, caller: "owner")
            // MatrixCell's applications are made by oleg: their namespace is pu-oleg-pa-<slug>.
            let file = "/pu-oleg-pa-\(cell.app)/files/box/notes/readme.txt"
            let developer = try #require(users.tokens["developer"])
            let viewer = try #require(users.tokens["viewer"])
            let outsider = try #require(users.tokens["other team"])
            #expect(try await sendBytes(platform, .put, file, Array("hello\n".utf8), token: viewer).status == 403)
            #expect(try await sendBytes(platform, .put, file, Array("hello\n".utf8), token: outsider).status == 404)
            #expect(try await sendBytes(platform, .put, file, Array("hello\n".utf8), token: developer).status == 201)
            // Files are kept per user (the HSE layout): the developer reads back their own; a viewer may list the box.
            #expect(try await get(platform, file, token: developer).text == "hello\n")
            // The viewer gets past authorization to their own (empty) part of the box: not "No route".
            let viewed = try await get(platform, "/pu-oleg-pa-\(cell.app)/files/box/notes/", token: viewer)
            #expect(viewed.status == 200 || (viewed.status == 404 && (viewed.json["detail"] as? String)?.hasPrefix("No route") == false),
                    "\(viewed.status) \(viewed.text)")
            let hidden = try await get(platform, "/pu-oleg-pa-\(cell.app)/files/box/", token: outsider)
            #expect(hidden.status == 404 && (hidden.json["detail"] as? String)?.hasPrefix("No route") == true)
            #expect(try await send(platform, .delete, file, token: viewer).status == 403)
            #expect(try await send(platform, .delete, file, token: developer).status == 204)
            #expect(try await get(platform, file).status == 401)
        }
    }

    @Test("the local token is a platform admin even when its user record is not")
    func localTokenIsAdmin() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-grants-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let platform = try await PlatformServer.start(PlatformConfiguration(
            dataDirectory: directory, demo: true, localUser: User(login: "plain", name: "Plain", email: "plain@localhost", isAdmin: false)))
        let me = try await get(platform, "/v1/me", token: platform.token)
        let apps = try await get(platform, "/v1/applications", token: platform.token)
        await platform.stop()
        #expect(me.json["isAdmin"] as? Bool == true)
        #expect(((apps.json["items"] as? [Any]) ?? []).count > 1)
    }
}
