import Client
import Foundation
import Model
import TerminalUI
@testable import Cabinet

func temporaryDirectory(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-\(name)-\(UUID().uuidString)")
}

/// The repository's shipped themes and keymaps, as the real program finds them.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shippedThemeDirectory = repository.appendingPathComponent("themes").path
let shippedTheme = ThemeLoader(shippedDirectory: shippedThemeDirectory, userDirectory: nil).load("default").theme
let shippedKeymapDirectory = repository.appendingPathComponent("keymaps").path
let shippedKeymap = KeymapLoader(shippedDirectory: shippedKeymapDirectory, userDirectory: nil, knownCommands: KeyAction.keymapNames)
    .load("default").keymap
let shippedDashboardDirectory = repository.appendingPathComponent("dashboards").path

/// The heartbeat is slowed down by default, so that it does not add requests to what a test
/// asserts about; tests of the heartbeat pass their own. (A request arriving while the platform
/// stopped once crashed the test process, NIOAsyncWriter deinit: `RunningPlatform.stop` is
/// graceful since, and `PlatformStopTests` holds it so.)
func environment(url: URL, token: String = "t", cache: JSONCache, language: Language = .en,
                 timeout: Duration = .seconds(20), keymap: Keymap = shippedKeymap,
                 heartbeat: Duration = .seconds(600)) -> CabinetEnvironment {
    CabinetEnvironment(
        language: language,
        client: PlatformClient(endpoint: PlatformEndpoint(url: url, token: token),
                               transport: CurlTransport(connectTimeout: timeout, totalTimeout: timeout)),
        cache: cache, profile: "test", user: "tester", theme: shippedTheme, keymap: keymap, retryInterval: .milliseconds(200),
        heartbeatInterval: heartbeat)
}

/// Runs the cabinet on a memory terminal, on a thread of its own as in the real program, until
/// `done` holds (or 10 s pass, so a broken build fails instead of hanging).
func runCabinet(_ app: CabinetApp, backend: MemoryBackend, until done: @escaping @Sendable (CabinetApp) -> Bool) async -> CabinetApp {
    let box = UncheckedBox(Runtime(program: app, terminal: Terminal(backend: backend), tick: .milliseconds(10)))
    let deadline = ContinuousClock.now + .seconds(10)
    return await withCheckedContinuation { continuation in
        Thread {
            continuation.resume(returning: UncheckedBox(box.value.run(while: { !done($0) && ContinuousClock.now < deadline })))
        }.start()
    }.value
}

/// Hands a non-Sendable value to exactly one other thread, which alone uses it from then on.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension Buffer {
    var text: String { lines().joined(separator: "\n") }
}

func sampleApplications(count: Int = 3) -> [Application] {
    let names = ["Tesseract OCR", "Классификатор обращений", "Распознавание речи", "Qwen VL OCR", "Проверка эссе"]
    let phases: [Phase] = [.deployed, .failed, .stopped, .deploying, .pending]
    let base = Date(timeIntervalSince1970: 1_720_440_780)
    var applications: [Application] = []
    for i in 0..<count {
        let suffix = i >= names.count ? " \(i)" : ""
        let name: String = names[i % names.count] + suffix
        let slug: String = Slug.derive(from: name)
        let updated: Date = base.addingTimeInterval(Double(-i) * 60)
        let counts = ComponentCounts(mlComponents: 1, dataBoxes: 1, apiComponents: i % 2)
        applications.append(Application(
            slug: slug, name: name, description: "", team: i % 2 == 0 ? "cii" : "sp4", template: "empty",
            author: "ikrupnov", createdAt: base, updatedAt: updated,
            status: Status(phase: phases[i % phases.count], time: base), components: counts))
    }
    return applications
}

/// When the screen tests' data is from: 8 July 2024, 12:13 UTC ("8 июля 2024, 12:13").
let screenTestsNow = Date(timeIntervalSince1970: 1_720_440_780)

/// The cabinet on a 120×30 memory screen in `language`, its platform unreachable (nothing is
/// fetched for real), showing `sampleApplications()` as fetched at `screenTestsNow`.
func listedApp(_ language: Language = .en) -> CabinetApp {
    var app = CabinetApp(environment: environment(url: URL(string: "http://127.0.0.1:9")!, cache: JSONCache(directory: temporaryDirectory("unused")),
                                                  language: language),
                         now: screenTestsNow)
    _ = app.update(.resize(width: 120, height: 30))
    _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: screenTestsNow))
    return app
}

/// What the cabinet draws, as text.
func render(_ app: CabinetApp, width: Int = 120, height: Int = 30) -> String {
    var buffer = Buffer(width: width, height: height)
    app.view(into: &buffer)
    return buffer.text
}

/// `text` typed a key at a time.
func type(_ text: String, into app: inout CabinetApp) {
    for character in text { _ = app.update(.key(.char(character))) }
}

/// The platform's answer for `resource`, as a fetch at `screenTestsNow` brings it.
func feed(_ app: inout CabinetApp, _ resource: Resource, _ value: ResourceValue) {
    _ = app.receive(.resourceFetched(resource, .success(Tagged(value)), at: screenTestsNow))
}

/// A platform's field words that carry no known code (shown as sent, in either language).
extension LocalizedText: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(ru: value, en: value) }
}
