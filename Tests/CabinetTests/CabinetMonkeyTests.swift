import Client
import Foundation
import Model
import TerminalUI
import Testing
import TestSupport
@testable import Cabinet

@Suite("Cabinet monkey", .serialized)
struct CabinetMonkeyTests {
    /// Keys a person would press most, plus noise: navigation, the screens' own keys, the command
    /// line, text in three scripts, and control keys.
    private static let keys: [Key] = [
        .up, .down, .left, .right, .enter, .escape, .tab, .backTab, .pageUp, .pageDown, .home, .end, .backspace, .delete,
        .function(1), .function(10), .ctrl("g"), .ctrl("s"), .char(" "),
    ] + "jkhlgGnedrta:/?q+".map { Key.char($0) } + "Тесты ocr-1 漢字".map { Key.char($0) }

    private static let commandLines = ["apps", "new", "quotas", "teams", "events", "bogus"]

    /// Answers what the top screen asks for, as the platform would, so every screen gets data.
    private static func answer(_ app: inout CabinetApp, random: inout SplitMix64) {
        guard let top = app.stack.last else { return }
        for resource in top.resources(in: app.context) where app.store[resource] == nil {
            let value: ResourceValue = switch resource {
            case .me: .me(Me(user: User(login: "tester", name: "T", email: "t@x"), teams: [TeamMembership(team: "cii", role: .owner)]))
            case .teams: .teams(ScreenTests.teams)
            case .templates: .templates(ScreenTests.templates)
            case .quota(let team): .quota(QuotaReport(team: team, readings: QuotaResource.allCases.map {
                .init(resource: $0, hard: Bool.random(using: &random) ? 100 : nil, used: Int64.random(in: 0...150, using: &random)) }))
            case .application(let slug): .application(sampleApplications(count: 5).first { $0.slug == slug } ?? sampleApplications(count: 1)[0])
            case .components: .components(Bool.random(using: &random) ? ScreenTests.components : [])
            case .applicationEvents, .platformEvents: .events(Bool.random(using: &random) ? ScreenTests.events : [])
            case .manifest: .manifest(String(repeating: "spec:\n  key: value\n", count: Int.random(in: 0...80, using: &random)))
            case .logs: .logs((0..<Int.random(in: 0...300, using: &random)).map { "line \($0): Тест 漢字 " + String(repeating: "x", count: $0 % 250) })
            case .grants: .grants(Bool.random(using: &random) ? ScreenTests.grants : [])
            }
            _ = app.receive(.resourceFetched(resource, .success(Tagged(value)), at: ScreenTests.now))
        }
    }

    /// 4 runs × 50,000 keys = 200,000 keys, each run with 125 resizes = 500, as issue #5 asks.
    static let keysPerRun = 50_000
    static let stepsPerResize = 400

    @Test("200,000 random keys, answers and 500 resizes (10×4 to 300×100) across every screen: no crash, no hang, nothing drawn out of the frame",
          .timeLimit(.minutes(10)), arguments: [UInt64(1), 2, 3, 4])
    func monkey(seed: UInt64) async {
        // Seconds of CPU: on a thread of its own, not on the cooperative pool other tests need.
        let seen = await withCheckedContinuation { (done: CheckedContinuation<Set<String>, Never>) in
            Thread { done.resume(returning: Self.run(seed: seed)) }.start()
        }
        #expect(seen.count >= 5, "\(seen)")
    }

    /// The run; returns the screens it reached.
    private static func run(seed: UInt64) -> Set<String> {
        var random = SplitMix64(seed: seed)
        var app = CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:9")!, cache: JSONCache(directory: temporaryDirectory("unused"))),
                             now: ScreenTests.now)
        var size = (width: 120, height: 40)
        _ = app.update(.resize(width: size.width, height: size.height))
        _ = app.receive(.applicationsFetched(.success(sampleApplications(count: 12)), at: ScreenTests.now))
        var screensSeen = Set<String>()
        for step in 0..<keysPerRun {
            if Int.random(in: 0..<40, using: &random) == 0 {
                _ = app.update(.key(.char(":")))
                for character in Self.commandLines.randomElement(using: &random)! { _ = app.update(.key(.char(character))) }
                _ = app.update(.key(.enter))
            } else {
                _ = app.update(.key(Self.keys.randomElement(using: &random)!))
            }
            Self.answer(&app, random: &random)
            switch Int.random(in: 0..<60, using: &random) {
            case 0: _ = app.receive(.applicationsFetched(.failure(.unreachable("refused")), at: ScreenTests.now))
            case 1: _ = app.receive(.applicationsFetched(.success(sampleApplications(count: Int.random(in: 0...12, using: &random))), at: ScreenTests.now))
            case 2: _ = app.receive(.actionFinished(.deleteApplication(slug: "tesseract-ocr"), .failure(.rejected(status: 404, title: "Not found", detail: nil, fields: [:]))))
            case 3: _ = app.receive(.actionFinished(.createComponent(application: "tesseract-ocr", ScreenTests.components[0]),
                                                    .failure(.rejected(status: 400, title: "Bad", detail: nil, fields: ["spec.servicePort": "bad", "other": "x"]))))
            case 4: _ = app.receive(.actionFinished(.createGrant(application: "tesseract-ocr", .user("Тест"), .owner),
                                                    .failure(.rejected(status: 403, title: "Forbidden", detail: "Only owners may give or take back the owner role.", fields: [:]))))
            case 5: _ = app.receive(.actionFinished(.addTeamMember(team: "cii", login: "漢字", .viewer),
                                                    .failure(.rejected(status: 400, title: "Invalid", detail: nil, fields: ["user": FieldRule.noSuchUser.message, "x": "y"]))))
            case 6: _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.event(ScreenTests.events[step % 2])))))
            case 7: _ = app.receive(.feed(.update(generation: app.feed.generation, .failure(.unreachable("dropped")))))
            case 8: _ = app.receive(.feed(.update(generation: app.feed.generation, .success(.connected))))
            default: break
            }
            if step % stepsPerResize == 0 {
                size = (Int.random(in: 10...300, using: &random), Int.random(in: 4...100, using: &random))
                _ = app.update(.resize(width: size.width, height: size.height))
            }
            if let top = app.stack.last { screensSeen.insert(String(describing: type(of: top))) }
            guard step % 20 == 0 else { continue }
            var buffer = Buffer(width: size.width, height: size.height)
            app.view(into: &buffer)
            #expect(buffer.lines().count == size.height)
        }
        return screensSeen
    }
}
