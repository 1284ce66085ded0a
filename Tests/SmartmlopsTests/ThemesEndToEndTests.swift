import Foundation
import Testing
import TestSupport

@Suite("Themes and keymaps of the real binary", .serialized)
struct ThemesEndToEndTests {
    @Test("`smartmlops themes` lists the shipped themes and the user's own")
    func list() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let userThemes = sandbox.root.appendingPathComponent("config/smartmlops/themes")
        try FileManager.default.createDirectory(at: userThemes, withIntermediateDirectories: true)
        try "inherits = \"default\"\n\"ui.topbar\" = { fg = \"black\", bg = \"yellow\" }\n".write(
            to: userThemes.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let (status, output) = try await ChildProcess.runDetached([try Binary.path, "themes"], environment: sandbox.environment)
        #expect(status == 0)
        let lines = output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ") }
        for shipped in ["default", "light", "high-contrast", "mono", "basic16"] { #expect(lines.contains("\(shipped) shipped")) }
        #expect(lines.contains("mine user"))
    }

    @Test("`smartmlops themes preview NAME` shows every style; a bad file is named with its line and the exit is 1")
    func preview() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let (status, output) = try await ChildProcess.runDetached([try Binary.path, "themes", "preview", "light"], environment: sandbox.environment)
        #expect(status == 0)
        for scope in ["ui.topbar", "ui.table.selected", "status.failed"] { #expect(output.contains(scope)) }
        #expect(output.contains("\u{1B}["))

        let userThemes = sandbox.root.appendingPathComponent("config/smartmlops/themes")
        try FileManager.default.createDirectory(at: userThemes, withIntermediateDirectories: true)
        try "\"ui.title\" = \"sky\"\n\"ui.topbar\" = { fg = \"sky\", bg = \"blu\" }\n\n[palette]\nsky = \"#87afff\"\n".write(
            to: userThemes.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let (badStatus, badOutput) = try await ChildProcess.runDetached([try Binary.path, "themes", "preview", "broken"], environment: sandbox.environment)
        #expect(badStatus == 1)
        #expect(badOutput.contains("broken.toml:2"))
        #expect(badOutput.contains("ui.topbar"))
        #expect(badOutput.contains("blu"))
    }

    @Test("a broken theme is reported in the status bar and the cabinet runs on with the default")
    func brokenThemeInCabinet() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let userThemes = sandbox.root.appendingPathComponent("config/smartmlops/themes")
        try FileManager.default.createDirectory(at: userThemes, withIntermediateDirectories: true)
        try "\"ui.topbar\" = { fg = \"#zzzzzz\" }\n".write(to: userThemes.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let tmux = try Tmux([try Binary.path, "--demo", "--theme", "broken"], environment: sandbox.environment)
        let screen = try await tmux.waitFor("the list and the theme's problem") { $0.contains("Tesseract OCR") && $0.contains("broken.toml:1") }
        #expect(screen.contains("ui.topbar"))
        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }

    @Test("with --keymap mc, F10 quits and j does nothing")
    func mcKeymap() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let tmux = try Tmux([try Binary.path, "--demo", "--keymap", "mc"], environment: sandbox.environment)
        let screen = try await tmux.waitFor("the list") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        #expect(screen.contains("F10 quit"))
        try await tmux.send("q")
        try await tmux.send("F10")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }

    @Test("a keymap with a misspelt command is reported with its file and line; the rest of the keymap works")
    func keymapTypo() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let userKeymaps = sandbox.root.appendingPathComponent("config/smartmlops/keymaps")
        try FileManager.default.createDirectory(at: userKeymaps, withIntermediateDirectories: true)
        try "inherits = \"default\"\n\n[global]\n\"x\" = \"quit\"\n\"j\" = \"move_dwon\"\n"
            .write(to: userKeymaps.appendingPathComponent("typo.toml"), atomically: true, encoding: .utf8)
        // Wide enough for the whole message after the sandbox's long path.
        let tmux = try Tmux([try Binary.path, "--demo", "--keymap", "typo"], environment: sandbox.environment, width: 250)
        let screen = try await tmux.waitFor("the list and the keymap's problem") { $0.contains("Tesseract OCR") && $0.contains("typo.toml:5") }
        #expect(screen.contains("unknown command \"move_dwon\""), "\(screen)")
        try await tmux.send("x")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }
}
