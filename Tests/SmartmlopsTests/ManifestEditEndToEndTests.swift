import Foundation
import Testing
import TestSupport

/// `e` on a component's Манифест tab with the real binary under tmux against `serve --demo`:
/// $EDITOR is a script written here that edits the file with sed as the test says.
@Suite("The manifest edited in $EDITOR, under tmux", .serialized)
struct ManifestEditEndToEndTests {
    /// The test's editor: records the file it was given (name, mode, content), then edits it as
    /// the file `mode` beside it says.
    static let editorScript = """
    #!/bin/sh
    dir=$(dirname "$0")
    basename "$1" >> "$dir/names"
    stat -c %a "$1" >> "$dir/modes"
    echo "$1" > "$dir/lastpath"
    cp "$1" "$dir/seen.yaml"
    case "$(cat "$dir/mode")" in
      bad) sed -i 's/servicePort: 8002/servicePort: eighty/' "$1" ;;
      fix) sed -i 's/servicePort: eighty/servicePort: 8123/' "$1" ;;
      wait) touch "$dir/waiting"; sleep 60 ;;
    esac
    """

    @Test("a bad edit shows its line and survives a second e; the fixed edit is applied and the platform has it")
    func editManifest() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let editorDirectory = sandbox.root.appendingPathComponent("editor")
        try FileManager.default.createDirectory(at: editorDirectory, withIntermediateDirectories: true)
        let editor = editorDirectory.appendingPathComponent("edit.sh")
        try Self.editorScript.write(to: editor, atomically: true, encoding: .utf8)
        func setMode(_ mode: String) throws {
            try mode.write(to: editorDirectory.appendingPathComponent("mode"), atomically: true, encoding: .utf8)
        }
        func editorFile(_ name: String) -> String {
            (try? String(contentsOf: editorDirectory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }

        var environment = sandbox.environment
        // Read by sh rather than executed: a file written just now can still be open for writing
        // in a child that another test forked meanwhile, and exec then fails (ETXTBSY, exit 126).
        environment["EDITOR"] = "sh '\(editor.path)'"
        environment["VISUAL"] = ""
        let tmux = try Tmux([try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "e2e", "--lang", "en"],
                            environment: environment, width: 140, height: 40)
        try await tmux.waitFor("the list online") { $0.contains("Tesseract OCR") && $0.contains("● online") }
        try await tmux.send("/")
        try await tmux.send("-l", "Tesseract")
        try await tmux.send("Enter")
        try await tmux.send("Enter")
        try await tmux.waitFor(text: "inference")
        try await tmux.send("Enter")
        try await tmux.waitFor(text: "› inference")
        try await tmux.send("Tab")
        try await tmux.waitFor("the platform's manifest") { $0.contains("servicePort: 8002") && $0.contains("e edit manifest") }

        // Saved without a change: nothing is sent.
        try setMode("none")
        try await tmux.send("e")
        try await tmux.waitFor(text: "The manifest is unchanged: nothing to apply")
        #expect(editorFile("names") == "inference.yaml\n", "named for YAML highlighting")
        #expect(editorFile("modes") == "600\n", "readable by the user alone")
        #expect(!FileManager.default.fileExists(atPath: editorFile("lastpath").trimmingCharacters(in: .newlines)), "the file is removed")

        // A wrong type: refused at its line, the user's text shown.
        try setMode("bad")
        try await tmux.send("e")
        let seen = editorFile("seen.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(seen.firstIndex { $0.contains("servicePort") }) + 1
        let screen = try await tmux.waitFor("the error at its line") { $0.contains("inference.yaml:\(line): spec.servicePort: expected an integer") }
        #expect(screen.contains("servicePort: eighty"), "\(screen)")
        #expect(screen.contains("The manifest was not applied"))

        // C-c while the editor runs stops the editor, not the cabinet; the draft stays.
        try setMode("wait")
        try await tmux.send("e")
        let deadline = ContinuousClock.now + .seconds(20)
        while !FileManager.default.fileExists(atPath: editorDirectory.appendingPathComponent("waiting").path), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await tmux.pane("#{alternate_on}") == "0", "the cabinet left the alternate screen to the editor")
        // C-z stops the editor (there is no shell to resume it from): it is resumed at once, and
        // the cabinet, not in the terminal's foreground meanwhile, is not stopped.
        // (A C-c that arrives while the editor is stopped is delivered when it is resumed.)
        try await tmux.send("C-z")
        try await tmux.send("C-c")
        let interrupted = try await tmux.waitFor(text: "The editor failed (signal 2): nothing was applied")
        #expect(interrupted.contains("servicePort: eighty") && !interrupted.contains("smartmlops exited"), "\(interrupted)")

        // e again opens the user's text, not the platform's; fixed, it is applied.
        try setMode("fix")
        try await tmux.send("e")
        try await tmux.waitFor(text: "The manifest was applied")
        #expect(editorFile("seen.yaml").contains("servicePort: eighty"), "the second e opened the edited version")
        try await tmux.waitFor("the platform's new manifest") { $0.contains("servicePort: 8123") && !$0.contains("inference.yaml:") }
        #expect(try await tmux.pane("#{alternate_on}") == "1", "the cabinet is back on the alternate screen")

        // The platform has it: its own manifest says so.
        let headers = sandbox.root.appendingPathComponent("headers")
        let token = try String(contentsOfFile: server.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try "Authorization: Bearer \(token)\n".write(to: headers, atomically: true, encoding: .utf8)
        let (status, manifest) = try await ChildProcess.runDetached(
            ["curl", "-sf", "-H", "@\(headers.path)", "\(server.url)/v1/applications/tesseract-ocr/components/inference/manifest"],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        #expect(status == 0)
        #expect(manifest.contains("servicePort: 8123"), "\(manifest)")

        try await tmux.send("q")
        try await tmux.waitFor(text: "smartmlops exited with 0")
    }
}
