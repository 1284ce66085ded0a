import Foundation
import Model
import TestSupport
@testable import Platform

/// The matrix of docs/permissions.md, read from the page itself so the page and the tests cannot
/// disagree: operation id → caller column → expected outcome.
struct PermissionMatrix {
    enum Outcome: Equatable, CustomStringConvertible {
        case allowed
        case refused(Int)

        var description: String {
            switch self {
            case .allowed: "2xx"
            case .refused(let status): "\(status)"
            }
        }

        func matches(_ status: Int) -> Bool {
            switch self {
            case .allowed: (200..<300).contains(status)
            case .refused(let expected): status == expected
            }
        }
    }

    static let callers = ["anonymous", "viewer", "developer", "maintainer", "owner", "other team", "admin"]
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var rows: [(operation: String, outcomes: [String: Outcome])]

    static func load() throws -> PermissionMatrix {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/permissions.md"), encoding: .utf8)
        var rows: [(String, [String: Outcome])] = []
        var header: [String]?
        for line in text.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == "operation" { header = cells; continue }
            guard let header, cells.first?.hasPrefix("`") == true, cells.count == header.count else { continue }
            var outcomes: [String: Outcome] = [:]
            for (column, cell) in zip(header, cells) where callers.contains(column) {
                outcomes[column] = cell == "✓" ? .allowed : .refused(Int(cell) ?? -1)
            }
            rows.append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), outcomes))
        }
        return PermissionMatrix(rows: rows)
    }

    /// Every operationId of openapi.yaml.
    static func specOperations() throws -> Set<String> {
        let spec = try String(contentsOf: repository.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        return Set(spec.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("operationId:") else { return nil }
            return trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
        })
    }
}

/// Users of the matrix: one per caller column, plus people acted on. Each gets a personal access
/// token to call with.
struct MatrixUsers {
    static let logins: [String: String] = [
        "viewer": "vera", "developer": "dan", "maintainer": "maria", "owner": "oleg", "other team": "xenia", "admin": "root",
    ]
    var tokens: [String: String] = [:]

    static func make(_ store: PlatformStore) async throws -> MatrixUsers {
        var users = MatrixUsers()
        for login in ["vera", "dan", "maria", "oleg", "xenia", "root", "dev2", "newcomer"] {
            try await store.ensureUser(User(login: login, name: login.capitalized, email: "\(login)@hse.ru", isAdmin: login == "root"))
        }
        for (column, login) in logins {
            users.tokens[column] = try await store.createAccessToken(login: login, name: "matrix", expiresAt: nil, at: Date()).secret
        }
        try await store.insert(team: Team(slug: "beta", name: "Beta", members: [TeamMember(login: "xenia", role: .owner)]), quota: [:])
        _ = try await store.createApplication(NewApplication(name: "Beta app", slug: "beta-app", team: "beta", template: "empty"),
                                              author: "xenia", at: Date())
        return users
    }
}

/// One team with one application, made fresh for each cell of the matrix so that what one cell
/// changes (a deleted component, a removed member) cannot decide another cell.
struct MatrixCell {
    var team: String
    var app: String
    var grantID: Int64
    var spareTokenID: Int64?

    static func make(_ store: PlatformStore, index: Int, caller: String) async throws -> MatrixCell {
        let team = "t\(index)"
        let app = "a\(index)"
        try await store.insert(team: Team(slug: team, name: "Team \(index)", members: [
            TeamMember(login: "vera", role: .viewer), TeamMember(login: "dan", role: .developer),
            TeamMember(login: "maria", role: .maintainer), TeamMember(login: "oleg", role: .owner),
            TeamMember(login: "dev2", role: .developer),
        ]), quota: [:])
        _ = try await store.createApplication(NewApplication(name: "App \(index)", slug: app, team: team, template: "empty"),
                                              author: "oleg", at: Date())
        _ = try await store.createComponent(Component(name: "box", spec: .dataBox(DataBoxSpec())), inApplication: app, actor: "oleg", at: Date())
        let pipeline = #"{"name":"pipe","spec":{"kind":"ExperimentPipeline","spec":{"vars":[{"name":"out"}],"stages":[{"name":"s","image":{"existingImageName":"python:3.11-slim"},"outputs":[{"name":"out"}],"run":{"command":"true"}}]}}}"#
        _ = try await store.createComponent(try JSONDecoder().decode(Component.self, from: Data(pipeline.utf8)), inApplication: app,
                                            actor: "oleg", at: Date())
        let grant = try await store.createGrant(.user("dev2"), role: .viewer, inApplication: app, actor: "oleg", at: Date())
        var spare: Int64?
        if let login = MatrixUsers.logins[caller] {
            spare = try await store.createAccessToken(login: login, name: "spare", expiresAt: nil, at: Date()).0.id
        }
        return MatrixCell(team: team, app: app, grantID: grant.id, spareTokenID: spare)
    }

    /// Operations the platform's driver answers once authorization let them through; the matrix
    /// platform runs no components, so there the answer is the driver's refusal, not a success.
    static let answeredByDriver: Set<String> = [
        "performComponentAction", "startPipelineRun", "getPipelineRun", "getPipelineRunLogs", "cancelPipelineRun",
    ]

    /// Operations whose success makes or removes something, so that a second success in the same
    /// cell would answer 409 or 404; every other operation may share one cell across callers.
    static let createsOrDeletes: Set<String> = [
        "revokeAccessToken", "createTeamTemplate", "addTeamMember", "removeTeamMember", "createApplication", "deleteApplication",
        "createComponent", "deleteComponent", "createGrant", "deleteGrant",
    ]

    /// The request each operation of the matrix is checked with: method, path and JSON body.
    func request(_ operation: String) -> (method: String, path: String, json: [String: Any]?)? {
        let component = "/v1/applications/\(app)/components/box"
        let pipe = "/v1/applications/\(app)/components/pipe/runs"
        switch operation {
        case "getHealth": return ("GET", "/healthz", nil)
        case "getReadiness": return ("GET", "/readyz", nil)
        case "getMetrics": return ("GET", "/metrics", nil)
        case "getAuthConfig": return ("GET", "/v1/auth/config", nil)
        case "getMe": return ("GET", "/v1/me", nil)
        case "listAccessTokens": return ("GET", "/v1/me/tokens", nil)
        case "createAccessToken": return ("POST", "/v1/me/tokens", ["name": "matrix"])
        case "revokeAccessToken": return ("DELETE", "/v1/me/tokens/\(spareTokenID ?? 1)", nil)
        case "listTeams": return ("GET", "/v1/teams", nil)
        case "listTemplates": return ("GET", "/v1/templates", nil)
        case "getTeamQuota": return ("GET", "/v1/teams/\(team)/quota", nil)
        case "createTeamTemplate": return ("POST", "/v1/teams/\(team)/templates", ["slug": "tpl-\(team)", "name": "Template", "components": [Any]()])
        case "listTeamEvents": return ("GET", "/v1/teams/\(team)/events", nil)
        case "addTeamMember": return ("POST", "/v1/teams/\(team)/members", ["user": "newcomer", "role": "developer"])
        case "updateTeamMember": return ("PATCH", "/v1/teams/\(team)/members/dev2", ["role": "viewer"])
        case "removeTeamMember": return ("DELETE", "/v1/teams/\(team)/members/dev2", nil)
        case "listApplications": return ("GET", "/v1/applications", nil)
        case "createApplication": return ("POST", "/v1/applications", ["name": "New", "slug": "new-\(app)", "team": team, "template": "empty"])
        case "getApplication": return ("GET", "/v1/applications/\(app)", nil)
        case "updateApplication": return ("PATCH", "/v1/applications/\(app)", ["description": "changed"])
        case "deleteApplication": return ("DELETE", "/v1/applications/\(app)", nil)
        case "listComponents": return ("GET", "/v1/applications/\(app)/components", nil)
        case "createComponent": return ("POST", "/v1/applications/\(app)/components", ["kind": "DataBox", "name": "extra", "spec": [String: Any]()])
        case "getComponent": return ("GET", component, nil)
        case "replaceComponentSpec": return ("PUT", component, ["spec": ["s3DefaultStorage": ["capacity": "2G"]]])
        case "deleteComponent": return ("DELETE", component, nil)
        case "getComponentManifest": return ("GET", component + "/manifest", nil)
        case "getComponentLogs": return ("GET", component + "/logs", nil)
        case "performComponentAction": return ("POST", component + "/actions", ["action": "restart"])
        case "listPipelineRuns": return ("GET", pipe, nil)
        case "startPipelineRun": return ("POST", pipe, [String: Any]())
        case "getPipelineRun": return ("GET", pipe + "/1", nil)
        case "getPipelineRunLogs": return ("GET", pipe + "/1/logs", nil)
        case "cancelPipelineRun": return ("POST", pipe + "/1/cancel", nil)
        case "listApplicationEvents": return ("GET", "/v1/applications/\(app)/events", nil)
        case "listGrants": return ("GET", "/v1/applications/\(app)/grants", nil)
        case "createGrant": return ("POST", "/v1/applications/\(app)/grants", ["user": "newcomer", "role": "viewer"])
        case "deleteGrant": return ("DELETE", "/v1/applications/\(app)/grants/\(grantID)", nil)
        case "listEvents": return ("GET", "/v1/events", nil)
        case "streamEvents": return ("GET", "/v1/events/stream", nil)
        default: return nil
        }
    }
}

/// The status of opening the SSE stream, read by curl (which gives up after half a second: the stream
/// itself never ends).
func streamStatus(_ platform: RunningPlatform, token: String?, query: String = "") async throws -> Int {
    var argv = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2"]
    if let token { argv += ["-H", "Authorization: Bearer \(token)"] }
    argv.append(platform.url.absoluteString + "/v1/events/stream" + query)
    let curl = try ChildProcess(argv, environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
    // curl prints the status it got even when --max-time then ends the transfer.
    return Int(await curl.output().prefix(3)) ?? -1
}

/// The applications of every event the SSE stream sends from the start of history.
func streamedApplications(_ platform: RunningPlatform, token: String, sentinel: String, admin: String) async throws -> [String] {
    // A window of time is not enough on a loaded machine: the end of the replay is marked instead.
    // An admin edits `sentinel` (an application the caller sees); its event is newer than every
    // event replayed before it, so the stream is read up to that event's id.
    let edit = try await send(platform, .patch, "/v1/applications/\(sentinel)", json: ["description": "sentinel"], token: admin)
    guard edit.status == 200 else { throw FixtureError("editing the sentinel \(sentinel): \(edit.status)") }
    let newest = try await get(platform, "/v1/events?application=\(sentinel)&limit=1", token: admin)
    let newestItems = (try? JSONSerialization.jsonObject(with: newest.body) as? [String: Any])?["items"] as? [[String: Any]]
    guard let last = (newestItems?.first?["id"] as? NSNumber)?.int64Value else { throw FixtureError("no event of \(sentinel)") }
    let argv = ["curl", "-sS", "-N", "--max-time", "30", "-H", "Authorization: Bearer \(token)", "-H", "Last-Event-ID: 0",
                platform.url.absoluteString + "/v1/events/stream"]
    let curl = try ChildProcess(argv, environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
    var applications: [String] = []
    var reachedSentinel = false
    while !reachedSentinel, let line = await curl.nextLine() {
        if line.hasPrefix("id: "), let id = Int64(line.dropFirst(4)), id >= last { reachedSentinel = true }
        guard line.hasPrefix("data: "),
              let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any],
              let application = object["application"] as? String else { continue }
        applications.append(application)
    }
    curl.signal(SIGTERM)
    _ = await withCheckedContinuation { done in Thread { done.resume(returning: curl.wait()) }.start() }
    guard reachedSentinel else { throw FixtureError("the stream ended before the sentinel event \(last)") }
    return applications
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
