import Foundation
import Model
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
      crlf-bad) sed -i -e 's/\\r$//' -e 's/servicePort: 8002/servicePort: eighty/' -e 's/$/\\r/' "$1" ;;
      crlf-fix) sed -i -e 's/\\r$//' -e 's/servicePort: eighty/servicePort: 8124/' -e 's/$/\\r/' "$1" ;;
      replace) cp "$dir/replacement.yaml" "$1" ;;
    esac
    """

    /// The cabinet under tmux against `serve --demo`, with the test's editor, on the Манифест tab
    /// of Tesseract OCR's inference component.
    struct ManifestTab {
        let tmux: Tmux
        let editorDirectory: URL
        let server: ServeProcess
        let sandbox: Sandbox

        static func open(sandbox: Sandbox, server: ServeProcess) async throws -> ManifestTab {
            let editorDirectory = sandbox.root.appendingPathComponent("editor")
            try FileManager.default.createDirectory(at: editorDirectory, withIntermediateDirectories: true)
            let editor = editorDirectory.appendingPathComponent("edit.sh")
            try editorScript.write(to: editor, atomically: true, encoding: .utf8)
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
            return ManifestTab(tmux: tmux, editorDirectory: editorDirectory, server: server, sandbox: sandbox)
        }

        func setMode(_ mode: String) throws {
            try mode.write(to: editorDirectory.appendingPathComponent("mode"), atomically: true, encoding: .utf8)
        }

        func editorFile(_ name: String) -> String {
            (try? String(contentsOf: editorDirectory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }

        /// What the editor is to save, for mode `replace`.
        func replaceWith(_ text: String) throws {
            try text.write(to: editorDirectory.appendingPathComponent("replacement.yaml"), atomically: true, encoding: .utf8)
        }

        /// The manifest the platform itself now renders for the component.
        func platformManifest() async throws -> String {
            let headers = sandbox.root.appendingPathComponent("headers")
            let token = try String(contentsOfFile: server.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try "Authorization: Bearer \(token)\n".write(to: headers, atomically: true, encoding: .utf8)
            let (status, manifest) = try await ChildProcess.runDetached(
                ["curl", "-sf", "-H", "@\(headers.path)", "\(server.url)/v1/applications/tesseract-ocr/components/inference/manifest"],
                environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
            #expect(status == 0)
            return manifest
        }

        func quit() async throws {
            try await tmux.send("q")
            try await tmux.waitFor(text: "smartmlops exited with 0")
        }
    }

    @Test("a bad edit shows its line and survives a second e; the fixed edit is applied and the platform has it")
    func editManifest() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let tab = try await ManifestTab.open(sandbox: sandbox, server: server)
        let tmux = tab.tmux, editorDirectory = tab.editorDirectory
        func setMode(_ mode: String) throws { try tab.setMode(mode) }
        func editorFile(_ name: String) -> String { tab.editorFile(name) }

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
        let manifest = try await tab.platformManifest()
        #expect(manifest.contains("servicePort: 8123"), "\(manifest)")

        try await tab.quit()
    }

    @Test("a manifest saved with CRLF line ends: its mistake at its line and shown line by line; fixed, it is applied")
    func crlfManifest() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let tab = try await ManifestTab.open(sandbox: sandbox, server: server)

        try tab.setMode("crlf-bad")
        try await tab.tmux.send("e")
        var screen = try await tab.tmux.waitFor("the error") { $0.contains(": spec.servicePort: expected an integer") }
        // The editor has run by now: the line the message must name is the one it was given.
        let seen = tab.editorFile("seen.yaml").textLines
        let line = try #require(seen.firstIndex { $0.contains("servicePort") }) + 1
        screen = try await tab.tmux.waitFor("the error at its line") {
            $0.contains("inference.yaml:\(line): spec.servicePort: expected an integer")
        }
        // The user's text line by line, numbered as the message counts (not one long line).
        #expect(screen.contains("\(line) │   servicePort: eighty"), "\(screen)")
        #expect(screen.contains(" │ kind: MLComponent"), "\(screen)")

        try tab.setMode("crlf-fix")
        try await tab.tmux.send("e")
        try await tab.tmux.waitFor(text: "The manifest was applied")
        #expect(tab.editorFile("seen.yaml").contains("servicePort: eighty\r\n"), "the draft kept the user's CRLF text")
        try await tab.tmux.waitFor("the platform's new manifest") { $0.contains("servicePort: 8124") && !$0.contains("inference.yaml:") }
        let manifest = try await tab.platformManifest()
        #expect(manifest.contains("servicePort: 8124") && !manifest.contains("\r"), "\(manifest)")

        try await tab.quit()
    }

    @Test("a flow-style manifest: a mistake inside { } at its line, a second document refused, the fixed one applied")
    func flowManifest() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let tab = try await ManifestTab.open(sandbox: sandbox, server: server)

        // The platform's manifest says the namespace the edit must keep.
        try tab.setMode("none")
        try await tab.tmux.send("e")
        try await tab.tmux.waitFor(text: "The manifest is unchanged: nothing to apply")
        let namespace = try #require(Manifest.namespace(in: tab.editorFile("seen.yaml")))
        let flow = """
        apiVersion: unified-platform.cs.hse.ru/v1
        kind: MLComponent
        metadata: {name: inference, namespace: \(namespace)}
        spec:
          image: {existingImageName: "platform-reg.stratpro.hse.ru/cii/tesseract-ocr:3f9c2a1"}
          servicePort: 8125
          modelBox: model
          modelPath: /weights
          env: [{name: MODE, value: flow}, {name: WORKERS, value: "2", extra: 1}]
          connectedBoxes: [{name: model, mountPath: /data}]

        """
        try tab.replaceWith(flow)
        try tab.setMode("replace")
        try await tab.tmux.send("e")
        try await tab.tmux.waitFor(text: "inference.yaml:9: unknown field spec.env[1].extra")

        try tab.replaceWith(flow.replacingOccurrences(of: ", extra: 1", with: "") + "---\nkind: DataBox\n")
        try await tab.tmux.send("e")
        try await tab.tmux.waitFor(text: "inference.yaml:11: a second document in the file")

        try tab.replaceWith(flow.replacingOccurrences(of: ", extra: 1", with: ""))
        try await tab.tmux.send("e")
        try await tab.tmux.waitFor(text: "The manifest was applied")
        try await tab.tmux.waitFor("the platform's new manifest") { $0.contains("servicePort: 8125") && !$0.contains("inference.yaml:") }
        let manifest = try await tab.platformManifest()
        for expected in ["servicePort: 8125", "name: MODE", "value: flow", "name: WORKERS", "mountPath: /data"] {
            #expect(manifest.contains(expected), "\(expected) in \(manifest)")
        }

        try await tab.quit()
    }
}
