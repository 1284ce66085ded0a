import Foundation
import Glibc
import Platform
import Testing
import TestSupport

/// Pipeline runs with the example stage scripts of `examples/pipeline` as real Python processes.
@Suite("Local driver: pipeline runs", .serialized)
struct PipelineRunTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/pipeline").path

    private func stage(_ name: String, _ command: String, inputs: [String], outputs: [String]) -> [String: Any] {
        ["name": name, "image": ["existingImageName": "python:3.11-slim"], "inputs": inputs.map { ["name": $0] },
         "outputs": outputs.map { ["name": $0] }, "run": ["command": command, "workdir": Self.examples]]
    }

    /// An application `words` with a box `data` holding texts/корпус.txt and a two-stage pipeline `count`.
    private func setUp(_ platform: RunningPlatform, second: String = "python3 count.py") async throws {
        let token = platform.token
        #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Слова", "slug": "words", "team": "cii", "template": "empty"], token: token).status == 201)
        #expect(try await send(platform, .post, "/v1/applications/words/components", json: [
            "kind": "DataBox", "name": "data", "spec": ["s3DefaultStorage": ["capacity": "1M"]]], token: token).status == 201)
        #expect(try await sendBytes(platform, .put, "/pu-tester-pa-words/files/data/texts/%D0%BA%D0%BE%D1%80%D0%BF%D1%83%D1%81.txt",
                                    Array("Мама мыла раму. Рама мыла маму? Мама!\n".utf8), token: token).status == 201)
        let created = try await send(platform, .post, "/v1/applications/words/components", json: [
            "kind": "ExperimentPipeline", "name": "count",
            "spec": ["vars": [["name": "input"], ["name": "tokens"], ["name": "output"]],
                     "stages": [stage("prepare", "python3 prepare.py", inputs: ["input"], outputs: ["tokens"]),
                                stage("count", second, inputs: ["tokens"], outputs: ["output"])]],
        ], token: token)
        #expect(created.status == 201, "\(created.text)")
    }

    private func finished(_ platform: RunningPlatform, _ path: String) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(20)
        var run: [String: Any] = [:]
        while Date() < deadline {
            run = try await get(platform, path, token: platform.token).json
            if let state = run["state"] as? String, ["succeeded", "failed", "cancelled"].contains(state) { return run }
            try await Task.sleep(for: .milliseconds(100))
        }
        return run
    }

    @Test("a run executes its stages in order with UNIP_PIPELINE_<VAR> folders and keeps its outputs, history and logs")
    func succeeds() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-runs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(directory: directory, runsComponents: true) { platform in
            try await setUp(platform)
            let base = "/v1/applications/words/components/count"
            #expect((try await get(platform, base, token: platform.token).json["status"] as? [String: Any])?["phase"] as? String == "deployed",
                    "a pipeline whose stages all have run commands is ready")
            let started = try await send(platform, .post, "\(base)/runs",
                                         json: ["inputs": ["input": ["box": "data", "path": "texts/корпус.txt"]]], token: platform.token)
            #expect(started.status == 202, "\(started.text)")
            let id = try #require(started.json["id"] as? String)
            let run = try await finished(platform, "\(base)/runs/\(id)")
            #expect(run["state"] as? String == "succeeded", "\(run)")
            let stages = run["stages"] as? [[String: Any]] ?? []
            #expect(stages.compactMap { $0["name"] as? String } == ["prepare", "count"])
            for stage in stages {
                #expect((stage["history"] as? [[String: Any]])?.compactMap { $0["state"] as? String } == ["pending", "running", "succeeded"])
                #expect(stage["exitCode"] as? Int == 0)
            }
            #expect((run["outputs"] as? [[String: Any]])?.first { $0["variable"] as? String == "output" }?["files"] as? [String] == ["counts.json"])
            let counts = directory.appendingPathComponent("runs/words/count/\(id)/vars/output/counts.json")
            let parsed = try JSONSerialization.jsonObject(with: try Data(contentsOf: counts)) as? [String: Int]
            #expect(parsed == ["мама": 2, "мыла": 2, "раму": 1, "рама": 1, "маму": 1])

            let logs = try await get(platform, "\(base)/runs/\(id)/logs", token: platform.token).text
            #expect(logs.contains("prepare: 7 words"))
            #expect(logs.contains("count: 5 distinct words"))
            let events = try await get(platform, "/v1/applications/words/events?component=count&limit=2", token: platform.token)
            #expect((events.json["items"] as? [[String: Any]])?.compactMap { $0["reason"] as? String } == ["RunSucceeded", "RunStarted"])
            #expect((try await get(platform, "\(base)/runs", token: platform.token).json["items"] as? [Any])?.count == 1)

            #expect(try await send(platform, .delete, "/v1/applications/words", token: platform.token).status == 204)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("runs/words").path), "runs go with the application")
        }
    }

    @Test("a missing input refuses the run naming the variable, and creates no folder at all")
    func missingInput() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-runs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(directory: directory, runsComponents: true) { platform in
            try await setUp(platform)
            let base = "/v1/applications/words/components/count/runs"
            for (inputs, field) in [([String: Any](), "inputs.input"),
                                    (["input": ["box": "data", "path": "texts/нет.txt"]], "inputs.input.path"),
                                    (["input": ["box": "nowhere", "path": "texts/корпус.txt"]], "inputs.input.box")] {
                let refused = try await send(platform, .post, base, json: ["inputs": inputs], token: platform.token)
                #expect(refused.status == 400)
                #expect(refused.fieldErrors.first?.field == field, "\(refused.text)")
            }
            // A component that is there but not a pipeline: a conflict with what it is, not a 404.
            let notPipeline = try await send(platform, .post, "/v1/applications/words/components/data/runs", json: ["inputs": [String: Any]()], token: platform.token)
            #expect(notPipeline.status == 409, "\(notPipeline.text)")
            #expect((notPipeline.json["detail"] as? String)?.contains("data is a DataBox") == true, "\(notPipeline.text)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("runs").path))
            let boxFiles = FileManager.default.enumerator(atPath: directory.appendingPathComponent("boxes").path)?.allObjects as? [String] ?? []
            #expect(!boxFiles.contains { $0.contains("нет") }, "no empty folder for the missing file (a bug of the platform we mirror)")
        }
    }

    @Test("a failing stage fails the run with its exit code and output; a run can be cancelled once")
    func failsAndCancels() async throws {
        try await withPlatform(runsComponents: true) { platform in
            try await setUp(platform, second: "python3 -c \"import sys; print('out of memory', file=sys.stderr); sys.exit(137)\"")
            let base = "/v1/applications/words/components/count"
            let inputs = ["inputs": ["input": ["box": "data", "path": "texts/корпус.txt"]]]
            let id = try #require(try await send(platform, .post, "\(base)/runs", json: inputs, token: platform.token).json["id"] as? String)
            let run = try await finished(platform, "\(base)/runs/\(id)")
            #expect(run["state"] as? String == "failed")
            #expect((run["message"] as? String)?.contains("Stage count exited with code 137") == true, "\(run)")
            #expect((run["message"] as? String)?.contains("out of memory") == true)
            #expect(((run["stages"] as? [[String: Any]])?.map { $0["state"] as? String }) == ["succeeded", "failed"])

            // A slow first stage, cancelled while it runs.
            #expect(try await send(platform, .put, base, json: ["spec": [
                "vars": [["name": "input"], ["name": "output"]],
                "stages": [stage("wait", "sleep 30", inputs: ["input"], outputs: ["output"])]]], token: platform.token).status == 200)
            let slow = try #require(try await send(platform, .post, "\(base)/runs", json: inputs, token: platform.token).json["id"] as? String)
            // Its log, followed: the start of the stage first, then its end when it is cancelled.
            let follower = try ChildProcess(["curl", "-sS", "-N", "--max-time", "10", "-H", "Authorization: Bearer \(platform.token)",
                                             platform.url.absoluteString + "\(base)/runs/\(slow)/logs?follow=true"],
                                            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
            var startLine = await follower.nextLine()
            while let line = startLine, !line.contains("stage wait: `sleep 30`") { startLine = await follower.nextLine() }
            #expect(startLine != nil, "the stage's start is in the followed log")
            let cancelled = try await send(platform, .post, "\(base)/runs/\(slow)/cancel", token: platform.token)
            var endLine = await follower.nextLine()
            while let line = endLine, !line.contains("stage wait exited with code") { endLine = await follower.nextLine() }
            #expect(endLine != nil, "a line written after the follow began arrives")
            follower.signal(SIGTERM)
            follower.wait()
            #expect(cancelled.status == 202)
            #expect(cancelled.json["state"] as? String == "cancelled")
            #expect(try await send(platform, .post, "\(base)/runs/\(slow)/cancel", token: platform.token).status == 409)
        }
    }
}
