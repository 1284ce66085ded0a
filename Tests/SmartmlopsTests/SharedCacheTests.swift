import Foundation
import Testing
import TestSupport

/// Two cabinets on one NFS home share one cache directory: neither may ever leave (or let the
/// other read) a half-written file.
@Suite("Two cabinets at once on one cache directory", .serialized)
struct SharedCacheTests {
    @Test("both browse every screen at once; every cache file read meanwhile is whole JSON, and no temp file is left")
    func twoCabinets() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let server = try await ServeProcess(sandbox: sandbox)
        defer { server.terminate() }
        let cabinet = [try Binary.path, "--server", server.url, "--token-file", server.tokenFile, "--profile", "shared"]
        let first = try Tmux(cabinet, environment: sandbox.environment)
        let second = try Tmux(cabinet, environment: sandbox.environment)
        for tmux in [first, second] { try await tmux.waitFor("online") { $0.contains("Tesseract OCR") && $0.contains("● online") } }

        let directory = sandbox.root.appendingPathComponent("cache/smartmlops/shared")
        let reader = Task { () -> (reads: Int, bad: [String]) in
            var reads = 0
            var bad: [String] = []
            while !Task.isCancelled {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
                for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
                    guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { continue }
                    reads += 1
                    if (try? JSONSerialization.jsonObject(with: data)) == nil { bad.append(name) }
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return (reads, bad)
        }
        for round in 0..<3 {
            for command in ["quotas", "teams", "events", "apps"] {
                for tmux in [first, second] {
                    try await tmux.send(":")
                    try await tmux.send("-l", command)
                    try await tmux.send("Enter")
                }
                for tmux in [first, second] {
                    try await tmux.waitFor(":\(command) in round \(round)") { screen in
                        let top = screen.split(separator: "\n").first.map(String.init) ?? ""
                        return command == "apps" ? !top.contains("›") && screen.contains("Tesseract OCR") : top.contains("›")
                    }
                }
            }
            for tmux in [first, second] { try await tmux.send("Enter") }
            for tmux in [first, second] { try await tmux.waitFor("an application page") { $0.contains("ML components (") } }
            // Esc, then wait: a key within ncurses' escape delay would arrive as Alt plus that key.
            for tmux in [first, second] { try await tmux.send("Escape") }
            for tmux in [first, second] { try await tmux.waitFor("the list again") { !$0.contains("ML components (") } }
        }
        reader.cancel()
        let (reads, bad) = await reader.value
        #expect(bad.isEmpty, "torn files: \(bad)")
        #expect(reads > 20)
        for tmux in [first, second] {
            try await tmux.send(":")
            try await tmux.send("-l", "q")
            try await tmux.send("Enter")
            try await tmux.waitFor(text: "smartmlops exited with 0")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(left.allSatisfy { !$0.hasSuffix(".tmp") }, "\(left)")
        for name in ["applications.jsonl", "teams.json", "quota.cii.json", "events-platform.all.json"] { #expect(left.contains(name), "\(name) in \(left)") }
    }
}
