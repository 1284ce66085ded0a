import Foundation
import Testing
import TestSupport

/// The binary as people run it once it is installed: found on `PATH` through a symlink, started
/// from any directory, with a home whose cache may not be writable.
@Suite("The binary run from PATH, a symlink and another directory", .serialized)
struct InstalledBinaryTests {
    @Test("started by name through a symlink on PATH from another directory, it finds its shipped themes, keymaps and dashboards")
    func foundThroughPath() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let bin = sandbox.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("smartmlops").path, withDestinationPath: try Binary.path)
        var environment = sandbox.environment
        environment["PATH"] = "\(bin.path):/usr/bin:/bin"
        // argv[0] is then the bare name "smartmlops", and the directory is not the repository's.
        let script = "cd \(sandbox.root.path) && smartmlops themes && smartmlops dashboards"
        let (status, output) = try await ChildProcess.runDetached(["/bin/sh", "-c", script], environment: environment)
        #expect(status == 0, "\(output)")
        for shipped in ["default shipped", "light shipped", "basic16 shipped"] {
            #expect(output.split(separator: "\n").contains { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ") == shipped },
                    "\(shipped): \(output)")
        }
        #expect(output.contains("admin"), "the shipped dashboards: \(output)")
        #expect(!output.contains("default.toml: "), "no theme or keymap problem: \(output)")
    }

    @Test("a cache that cannot be written is said once at the start, in the cabinet's words, and the cabinet works on; --cache-dir puts it elsewhere")
    func cacheDirectory() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        var environment = sandbox.environment
        // Under a file: no directory can be made there, for root too (CI runs as root).
        environment["XDG_CACHE_HOME"] = "/dev/null/cache"
        let unwritable = try Tmux([try Binary.path, "--demo", "--lang", "en"], environment: environment, width: 160, height: 30)
        try await unwritable.waitFor("online, with the cache's problem said") { screen in
            screen.contains("Tesseract OCR") && screen.contains("● online") && screen.contains("The cache is not kept (cannot make /dev/null/cache: Not a directory)")
        }
        // Moving about (fetches, cache writes that fail) does not say it again in Foundation's words.
        try await unwritable.send("j")
        try await unwritable.send("r")
        try await Task.sleep(for: .milliseconds(500))
        let later = try await unwritable.screen()
        #expect(!later.contains("NSCocoaErrorDomain") && !later.contains("Cache not saved"), "\(later)")
        try await unwritable.send("q")
        try await unwritable.waitFor(text: "smartmlops exited with 0")

        let scratch = sandbox.root.appendingPathComponent("scratch")
        let moved = try Tmux([try Binary.path, "--demo", "--lang", "en", "--cache-dir", scratch.path], environment: sandbox.environment)
        try await moved.waitFor("online") { $0.contains("Tesseract OCR") && $0.contains("● online") && !$0.contains("The cache is not kept") }
        try await moved.send("q")
        try await moved.waitFor(text: "smartmlops exited with 0")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("local").path)) ?? []
        #expect(files.contains("applications.jsonl"), "the cache under --cache-dir: \(files)")
        let home = sandbox.root.appendingPathComponent("cache/smartmlops").path
        #expect(!FileManager.default.fileExists(atPath: home), "nothing under XDG_CACHE_HOME")
    }
}
