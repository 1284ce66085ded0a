import Foundation
import Testing
import TestSupport

/// SSH sends the client's LANG along (SendEnv LANG LC_*); a login node need not have that locale.
@Suite("The real binary and the user's locale")
struct LocaleEndToEndTests {
    @Test("LANG naming a UTF-8 locale this machine lacks still gets a Russian cabinet with its Cyrillic drawn")
    func missingLocale() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        var environment = sandbox.environment
        // No system has it: setlocale fails, as for ru_RU.UTF-8 on a node without the ru locales.
        environment["LANG"] = "ru_XX.UTF-8"
        let tmux = try Tmux([try Binary.path, "--demo"], environment: environment)
        let screen = try await tmux.waitFor("the list in Russian, Cyrillic drawn") {
            $0.contains("Приложения") && $0.contains("● в сети") && $0.contains("Проверка эссе")
        }
        #expect(screen.contains("Развернуто"))
    }
}
