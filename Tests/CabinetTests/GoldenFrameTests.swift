import Client
import Dashboards
import Foundation
import Model
import TerminalUI
import Testing
@testable import Cabinet

/// Every screen of the cabinet, in both languages, at 120×30, 80×24 and the smallest supported
/// 20×6 — and below it, 30×4 and 1×1, where nothing may crash or spill — against its golden frame
/// (see `GoldenFrames`).
@Suite("Golden frames")
struct GoldenFrameTests {
    static let sizes = [(120, 30), (80, 24), (20, 6), (30, 4), (1, 1)]

    /// A way to a screen: keys and platform answers from the listed applications.
    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let steps: @Sendable (inout CabinetApp) -> Void
        var testDescription: String { name }
    }

    static func press(_ keys: Key..., into app: inout CabinetApp) {
        for key in keys { _ = app.update(.key(key)) }
    }

    static func command(_ text: String, into app: inout CabinetApp) {
        press(.char(":"), into: &app)
        type(text, into: &app)
        press(.enter, into: &app)
    }

    /// The first application's page with its components.
    static func applicationPage(_ app: inout CabinetApp) {
        press(.enter, into: &app)
        feed(&app, .components(application: "tesseract-ocr"), .components(ScreenTests.components))
    }

    /// The failed component's page with its events and manifest.
    static func componentPage(_ app: inout CabinetApp) {
        applicationPage(&app)
        press(.down, .enter, into: &app)
        feed(&app, .applicationEvents(application: "tesseract-ocr", component: "inference"), .events(ScreenTests.events))
        feed(&app, .manifest(application: "tesseract-ocr", component: "inference"),
             .manifest("apiVersion: unified-platform.cs.hse.ru/v1\nkind: MLComponent\nmetadata:\n  name: inference\nspec:\n  image:\n    existingImageName: tesseract:5\n"))
        feed(&app, .logs(application: "tesseract-ocr", component: "inference"),
             .logs(["[smartmlops] starting `python3 service.py` on 127.0.0.1:41234", "inference service listening on 127.0.0.1:41234"]))
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "list") { _ in },
        Scenario(name: "list-help") { press(.char("?"), into: &$0) },
        Scenario(name: "list-command-line") { app in
            press(.char(":"), into: &app)
            type("qu", into: &app)
        },
        Scenario(name: "list-filter") { app in
            press(.char("/"), into: &app)
            type("ocr", into: &app)
        },
        Scenario(name: "list-delete-confirmation") { press(.char("d"), into: &$0) },
        Scenario(name: "list-offline") { app in
            _ = app.receive(.applicationsFetched(.failure(.unreachable("connection refused")), at: screenTestsNow))
        },
        Scenario(name: "create-application") { press(.char("n"), into: &$0) },
        Scenario(name: "application-components") { applicationPage(&$0) },
        Scenario(name: "application-component-form") { app in
            applicationPage(&app)
            press(.char("n"), into: &app)
        },
        Scenario(name: "application-settings") { app in
            applicationPage(&app)
            press(.tab, into: &app)
        },
        Scenario(name: "application-access") { app in
            applicationPage(&app)
            press(.backTab, into: &app)
            feed(&app, .grants(application: "tesseract-ocr"), .grants(ScreenTests.grants))
        },
        Scenario(name: "access-grant-form") { app in
            applicationPage(&app)
            press(.backTab, into: &app)
            feed(&app, .grants(application: "tesseract-ocr"), .grants(ScreenTests.grants))
            press(.char("n"), .char("Ж"), into: &app)
        },
        Scenario(name: "access-grant-refused") { app in
            applicationPage(&app)
            press(.backTab, into: &app)
            feed(&app, .grants(application: "tesseract-ocr"), .grants(ScreenTests.grants))
            press(.char("n"), .char("Ж"), .tab, .tab, .tab, .enter, into: &app)
            _ = app.receive(.actionFinished(.createGrant(application: "tesseract-ocr", .user("Ж"), .viewer), .failure(.rejected(
                status: 400, title: "Invalid request", detail: nil, fields: ["user": FieldRule.noSuchUser.message, "other": "x"]))))
        },
        Scenario(name: "component-events") { componentPage(&$0) },
        Scenario(name: "component-manifest") { app in
            componentPage(&app)
            press(.tab, into: &app)
        },
        Scenario(name: "component-logs") { app in
            componentPage(&app)
            press(.tab, .tab, into: &app)
        },
        Scenario(name: "component-metrics") { app in
            componentPage(&app)
            press(.tab, .tab, .tab, into: &app)
        },
        Scenario(name: "component-help") { app in
            componentPage(&app)
            press(.char("?"), into: &app)
        },
        Scenario(name: "quotas") { app in
            command("quotas", into: &app)
            feed(&app, .quota(team: "cii"), .quota(QuotaReport(team: "cii", readings: [
                .init(resource: .cpu, hard: 16_000, used: 1_500), .init(resource: .memory, hard: 64 << 30, used: 8 << 30),
                .init(resource: .gpu, hard: 2, used: 2), .init(resource: .storage, hard: nil, used: 3_000_000_000),
            ])))
        },
        Scenario(name: "teams") { command("teams", into: &$0) },
        Scenario(name: "teams-member-form") { app in
            feed(&app, .me, .me(Me(user: User(login: "tester", name: "T", email: "t@hse.ru"), teams: [TeamMembership(team: "cii", role: .owner)])))
            command("teams", into: &app)
            press(.char("n"), .char("漢"), into: &app)
        },
        Scenario(name: "events") { app in
            command("events", into: &app)
            feed(&app, .platformEvents(type: nil), .events(ScreenTests.events))
        },
        Scenario(name: "events-application-picker") { app in
            command("events", into: &app)
            feed(&app, .platformEvents(type: nil), .events(ScreenTests.events))
            press(.char("a"), into: &app)
        },
    ]

    static func app(_ language: Language, width: Int, height: Int) -> CabinetApp {
        var app = listedApp(language)
        _ = app.update(.resize(width: width, height: height))
        for (resource, value) in [(Resource.teams, ResourceValue.teams(ScreenTests.teams)), (.templates, .templates(ScreenTests.templates))] {
            _ = app.receive(.resourceFetched(resource, .success(Tagged(value)), at: screenTestsNow))
        }
        return app
    }

    @Test("each screen matches its golden frame", arguments: scenarios)
    func frames(scenario: Scenario) {
        for language in Language.allCases {
            for (width, height) in Self.sizes {
                var app = Self.app(language, width: width, height: height)
                scenario.steps(&app)
                var buffer = Buffer(width: width, height: height)
                app.view(into: &buffer)
                GoldenFrames.check(buffer, named: "\(scenario.name).\(language.rawValue).\(width)x\(height)")
            }
        }
    }

    @Test("a dashboard matches its golden frame: panels waiting, one failed, the keymap's hints")
    func dashboardFrames() throws {
        let (dashboards, _) = DashboardLoader(shippedDirectory: shippedDashboardDirectory, userDirectory: nil).loadAll()
        let component = try #require(dashboards.first { $0.name == "component" })
        for language in Language.allCases {
            for (width, height) in Self.sizes {
                var screen = DashboardScreen(dashboard: component, client: MetricsClient(baseURL: URL(string: "http://127.0.0.1:1")!),
                                             variables: DashboardVariables(namespace: "pu-ik-pa-ocr", app: "tesseract-ocr", component: "inference"),
                                             language: language, theme: shippedTheme, keymap: shippedKeymap,
                                             timeZone: TimeZone(identifier: "UTC")!, clock: { screenTestsNow })
                _ = screen.update(.resize(width: width, height: height))
                _ = screen.fetch()
                _ = screen.receive(.panelLoaded(generation: screen.generation, panel: 0, .failure(.timedOut("no answer in 10 s"))))
                var buffer = Buffer(width: width, height: height)
                screen.view(into: &buffer)
                GoldenFrames.check(buffer, named: "dashboard-component.\(language.rawValue).\(width)x\(height)")
            }
        }
    }
}
