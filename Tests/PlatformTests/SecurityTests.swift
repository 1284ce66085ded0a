import Client
import Foundation
import Glibc
import GRDB
import HTTPTypes
import Model
import OpenAPIRuntime
import Testing
import TestSupport
@testable import Platform

/// docs/security.md, class by class, over real HTTP on loopback: each test is the attack a
/// caller of a shared platform could make, and fails on a platform without the defence.
@Suite("Security: a shared platform no caller can break into or knock over", .serialized)
struct SecurityTests {
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-\(name)-\(UUID().uuidString)")
    }

    /// A platform with its store opened beside it (for seeding users), in a directory of its own.
    static func withSeeded(runsComponents: Bool = false, limits: PlatformLimits = PlatformLimits(), demo: Bool = true,
                           _ body: (RunningPlatform, PlatformStore, URL) async throws -> Void) async throws {
        let directory = temporary("security")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withPlatform(demo: demo, directory: directory, runsComponents: runsComponents, limits: limits) { platform in
            try await body(platform, try PlatformStore(directory: directory), directory)
        }
    }

    /// A user who is a developer in `team`, and a personal access token of theirs.
    static func developer(_ login: String, in team: String, _ store: PlatformStore) async throws -> String {
        try await store.ensureUser(User(login: login, name: login, email: "\(login)@hse.ru", isAdmin: false))
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO team_members(team, login, role) VALUES (?, ?, 'developer')", arguments: [team, login])
        }
        return try await store.createAccessToken(login: login, name: "test", expiresAt: nil, at: Date()).secret
    }

    static func waitForPhase(_ platform: RunningPlatform, _ path: String, _ wanted: String, within seconds: Double = 30) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try await get(platform, path, token: platform.token).json
            if (last["status"] as? [String: Any])?["phase"] as? String == wanted { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    // MARK: - Confinement

    @Test("a component's command cannot read the platform's token, database or another namespace's box, nor see its processes")
    func componentConfined() async throws {
        try await Self.withSeeded(runsComponents: true) { platform, store, directory in
            let secret = "local-token-\(UUID().uuidString)"
            try Data(secret.utf8).write(to: directory.appendingPathComponent("local-token"))
            let token = platform.token
            // Another application's box, with a file in it.
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Other", "slug": "other", "team": "cii", "template": "empty"], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/other/components", json: ["kind": "DataBox", "name": "obox", "spec": [String: Any]()], token: token).status == 201)
            let otherNamespace = try #require(try await get(platform, "/v1/applications/other", token: token).json["namespace"] as? String)
            #expect(try await sendBytes(platform, .put, "/\(otherNamespace)/files/obox/g/secret.txt", Array("other's secret".utf8), token: token).status == 201)
            let otherFile = directory.appendingPathComponent("boxes/other/obox/users/tester/file_groups/g/secret.txt").path
            #expect(FileManager.default.fileExists(atPath: otherFile))

            let workdir = Self.temporary("probe")
            try FileManager.default.createDirectory(at: workdir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: workdir) }
            try """
                probe() { if cat "$1" >/dev/null 2>&1; then echo "READ $1"; else echo "DENIED $1"; fi; }
                probe "$UNIP_MODEL_BOX/../../../local-token"
                probe "$DATA/local-token"
                probe "$DATA/platform.sqlite"
                probe "$OTHER_FILE"
                probe "$UNIP_MODEL_BOX/../other/obox/users/tester/file_groups/g/secret.txt"
                probe "$UNIP_MODEL_BOX/../../other/obox/users/tester/file_groups/g/secret.txt"
                probe "/proc/$PLATFORM_PID/environ"
                probe /etc/shadow
                if touch "$PWD/written" 2>/dev/null; then echo "WROTE workdir"; else echo "READONLY workdir"; fi
                echo hello > "$UNIP_MODEL_BOX/own.txt" && echo "WROTE own box"
                mkdir -p "$UNIP_MODEL_BOX/users/tester/file_groups/g"
                ln -s "$DATA/local-token" "$UNIP_MODEL_BOX/users/tester/file_groups/g/evil"
                echo probes-done
                exec python3 -m http.server "$PORT" --bind 127.0.0.1
                """.write(to: workdir.appendingPathComponent("probe.sh"), atomically: true, encoding: .utf8)
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Probe", "slug": "probe", "team": "cii", "template": "empty"], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/probe/components", json: ["kind": "DataBox", "name": "model", "spec": [String: Any]()], token: token).status == 201)
            let created = try await send(platform, .post, "/v1/applications/probe/components", json: [
                "kind": "MLComponent", "name": "probe",
                "spec": ["image": ["existingImageName": "python:3.11-slim"], "modelBox": "model",
                         "env": [["name": "DATA", "value": directory.path], ["name": "OTHER_FILE", "value": otherFile],
                                 ["name": "PLATFORM_PID", "value": String(getpid())]],
                         "run": ["command": "sh probe.sh", "workdir": workdir.path]],
            ], token: token)
            #expect(created.status == 201, "\(created.text)")
            let deployed = try await Self.waitForPhase(platform, "/v1/applications/probe/components/probe", "deployed")
            #expect((deployed["status"] as? [String: Any])?["phase"] as? String == "deployed", "\(deployed)")
            let log = try await get(platform, "/v1/applications/probe/components/probe/logs", token: token).text
            #expect(log.contains("probes-done"), "\(log)")
            #expect(!log.contains("READ "), "a component read what it must not:\n\(log)")
            #expect(log.components(separatedBy: "DENIED ").count - 1 == 8, "\(log)")
            #expect(log.contains("READONLY workdir") && log.contains("WROTE own box"), "\(log)")
            #expect(!log.contains(secret))
            #expect(!FileManager.default.fileExists(atPath: workdir.appendingPathComponent("written").path))

            // The link it planted in its box points at the platform's token on this machine: the
            // files API must not follow it.
            let namespace = try #require(try await get(platform, "/v1/applications/probe", token: token).json["namespace"] as? String)
            let evil = try await get(platform, "/\(namespace)/files/model/g/evil", token: token)
            #expect(evil.status == 404)
            #expect(!evil.text.contains(secret))
            let listing = try await get(platform, "/\(namespace)/files/model/g/", token: token)
            #expect(listing.status == 200 && !listing.text.contains("evil"), "\(listing.text)")
            _ = store
        }
    }

    @Test("a pipeline stage sees its inputs and outputs only, and an input that is a link is refused")
    func stageConfined() async throws {
        try await Self.withSeeded(runsComponents: true) { platform, _, directory in
            let secret = "local-token-\(UUID().uuidString)"
            try Data(secret.utf8).write(to: directory.appendingPathComponent("local-token"))
            let token = platform.token
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Pipe", "slug": "pipe", "team": "cii", "template": "empty"], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/pipe/components", json: ["kind": "DataBox", "name": "data", "spec": [String: Any]()], token: token).status == 201)
            let namespace = try #require(try await get(platform, "/v1/applications/pipe", token: token).json["namespace"] as? String)
            #expect(try await sendBytes(platform, .put, "/\(namespace)/files/data/in/words.txt", Array("a b c".utf8), token: token).status == 201)
            // The markers are split in the command, which the run's log repeats, so that only the output counts.
            let stage = #"for p in "$DATA/local-token" "$UNIP_PIPELINE_INPUT/../../local-token" "$DATA/platform.sqlite"; do if cat "$p" >/dev/null 2>&1; then echo "LE""AKED $p"; else echo "DEN""IED $p"; fi; done; wc -w < "$UNIP_PIPELINE_INPUT" > "$UNIP_PIPELINE_OUTPUT/count.txt""#
            let created = try await send(platform, .post, "/v1/applications/pipe/components", json: [
                "kind": "ExperimentPipeline", "name": "count",
                "spec": ["vars": [["name": "input"], ["name": "output"]],
                         "stages": [["name": "count", "image": ["existingImageName": "python:3.11-slim"],
                                     "inputs": [["name": "input"]], "outputs": [["name": "output"]],
                                     "run": ["command": stage, "env": [["name": "DATA", "value": directory.path]]]]]],
            ], token: token)
            #expect(created.status == 201, "\(created.text)")
            let started = try await send(platform, .post, "/v1/applications/pipe/components/count/runs",
                                         json: ["inputs": ["input": ["box": "data", "path": "in/words.txt"]]], token: token)
            #expect(started.status == 202, "\(started.text)")
            let id = try #require(started.json["id"] as? String)
            var run: [String: Any] = [:]
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                run = try await get(platform, "/v1/applications/pipe/components/count/runs/\(id)", token: token).json
                if ["succeeded", "failed", "cancelled"].contains(run["state"] as? String ?? "") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let log = try await get(platform, "/v1/applications/pipe/components/count/runs/\(id)/logs", token: token).text
            #expect(run["state"] as? String == "succeeded", "\(run)\n\(log)")
            #expect(!log.contains("LEAKED ") && log.components(separatedBy: "DENIED ").count - 1 == 3, "\(log)")
            let output = directory.appendingPathComponent("runs/pipe/count/\(id)/vars/output/count.txt")
            #expect((try? String(contentsOf: output, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "3")

            // An input that is a link (made beside the platform, as a component of the app could) is
            // not mounted into the stage: the run is refused.
            let group = directory.appendingPathComponent("boxes/pipe/data/users/tester/file_groups/in")
            try FileManager.default.createSymbolicLink(atPath: group.appendingPathComponent("link.txt").path,
                                                       withDestinationPath: directory.appendingPathComponent("local-token").path)
            let refused = try await send(platform, .post, "/v1/applications/pipe/components/count/runs",
                                         json: ["inputs": ["input": ["box": "data", "path": "in/link.txt"]]], token: token)
            #expect(refused.status == 400, "\(refused.text)")
        }
    }

    // MARK: - Namespaces

    @Test("owner qa.pa.x with app victim and owner qa with app x-pa-victim get different namespaces, each reaching only its own")
    func namespacesDoNotCollide() async throws {
        try await Self.withSeeded(runsComponents: true) { platform, store, _ in
            let attacker = try await Self.developer("qa", in: "cii", store)
            let victim = try await Self.developer("qa.pa.x", in: "sp4", store)
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Victim", "slug": "victim", "team": "sp4", "template": "empty"], token: victim).status == 201)
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "X", "slug": "x-pa-victim", "team": "cii", "template": "empty"], token: attacker).status == 201)
            for (app, token) in [("victim", victim), ("x-pa-victim", attacker)] {
                #expect(try await send(platform, .post, "/v1/applications/\(app)/components", json: ["kind": "DataBox", "name": "box", "spec": [String: Any]()], token: token).status == 201)
            }
            let victimNamespace = try #require(try await get(platform, "/v1/applications/victim", token: victim).json["namespace"] as? String)
            let attackerNamespace = try #require(try await get(platform, "/v1/applications/x-pa-victim", token: attacker).json["namespace"] as? String)
            #expect(victimNamespace != attackerNamespace)
            #expect(victimNamespace == "pu-qa-1pa-1x-pa-victim")
            #expect(attackerNamespace == "pu-qa-pa-x-pa-victim")
            #expect(try await sendBytes(platform, .put, "/\(victimNamespace)/files/box/inputs/private.txt", Array("victim's".utf8), token: victim).status == 201)
            // The attacker, in their own namespace, finds none of the victim's files; in the victim's, no route at all.
            #expect(try await get(platform, "/\(attackerNamespace)/files/box/inputs/private.txt", token: attacker).status == 404)
            #expect(try await get(platform, "/\(victimNamespace)/files/box/inputs/private.txt", token: attacker).status == 404)
            #expect(try await get(platform, "/\(victimNamespace)/files/box/inputs/private.txt", token: victim).text == "victim's")
        }
    }

    @Test("a database whose namespaces were derived gets them stored, unique, with the old rule's collision split")
    func namespaceMigration() async throws {
        let directory = Self.temporary("migrate-ns")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueueForTests(path: directory.appendingPathComponent("platform.sqlite").path)
        try queue.migrate(upTo: "v4-grants")
        try queue.execute("""
            INSERT INTO users(login, name, email) VALUES ('qa', 'qa', 'q@x'), ('qa.pa.x', 'q', 'q@y');
            INSERT INTO teams(slug, name) VALUES ('t', 'T');
            INSERT INTO applications(slug, name, description, team, template, author, created_at, updated_at)
              VALUES ('victim', 'V', '', 't', 'empty', 'qa.pa.x', 0, 0), ('x-pa-victim', 'X', '', 't', 'empty', 'qa', 0, 0);
            """)
        try queue.close()
        let store = try PlatformStore(directory: directory)
        let victim = try #require(try await store.application(slug: "victim"))
        let other = try #require(try await store.application(slug: "x-pa-victim"))
        #expect(victim.namespace != other.namespace)
        #expect(try await store.application(namespace: victim.namespace)?.slug == "victim")
        #expect(try await store.application(namespace: other.namespace)?.slug == "x-pa-victim")
    }

    // MARK: - Bodies

    @Test("bodies over their limits answer 413 problem+json and are not read: /v1, predict, and a file over the box's capacity")
    func bodyLimits() async throws {
        var limits = PlatformLimits()
        limits.apiBody = 64 << 10
        limits.predictBody = 32 << 10
        try await Self.withSeeded(runsComponents: true, limits: limits) { platform, _, _ in
            let token = platform.token
            let big = String(repeating: "я", count: 100_000)
            let tooLarge = try await send(platform, .post, "/v1/applications", json: ["name": "Big", "team": "cii", "template": "empty", "description": big], token: token)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.contentType == "application/problem+json")
            #expect(tooLarge.fieldErrors.first?.field == "body")
            // The same body chunked, with no length to refuse it by.
            let chunked = try await ChildProcess.runDetached([
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Authorization: Bearer \(token)",
                "-H", "Content-Type: application/json", "-H", "Transfer-Encoding: chunked", "--data-binary", "@-",
                platform.url.absoluteString + "/v1/applications",
            ], environment: ["PATH": "/usr/bin:/bin"], stdin: Data(#"{"name":"Big","team":"cii","template":"empty","description":"\#(big)"}"#.utf8))
            #expect(chunked.output == "413")
            #expect(try await get(platform, "/v1/applications/big", token: token).status == 404, "nothing was made of it")

            // Predict: an API component over a service that echoes.
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Echo", "slug": "echo", "team": "cii", "template": "empty"], token: token).status == 201)
            let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("examples/inference").path
            #expect(try await send(platform, .post, "/v1/applications/echo/components", json: [
                "kind": "MLComponent", "name": "echo",
                "spec": ["image": ["existingImageName": "python:3.11-slim"], "run": ["command": "python3 service.py", "workdir": examples]],
            ], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/echo/components", json: [
                "kind": "APIComponent", "name": "api",
                "spec": ["published": true, "mlComponent": ["name": "echo"], "restfulApi": ["path": "echo"]],
            ], token: token).status == 201)
            _ = try await Self.waitForPhase(platform, "/v1/applications/echo/components/api", "deployed")
            let namespace = try #require(try await get(platform, "/v1/applications/echo", token: token).json["namespace"] as? String)
            let predict = try await sendBytes(platform, .post, "/\(namespace)/echo/predict", Array(repeating: 0x20, count: 40 << 10), token: token)
            #expect(predict.status == 413, "\(predict.text)")
            #expect(predict.contentType == "application/problem+json")

            // A file larger than the box can hold is refused from its Content-Length, before upload.
            #expect(try await send(platform, .post, "/v1/applications/echo/components", json: ["kind": "DataBox", "name": "small", "spec": ["s3DefaultStorage": ["capacity": "1M"]]], token: token).status == 201)
            let upload = try await ChildProcess.runDetached([
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_upload}", "-X", "PUT", "-H", "Authorization: Bearer \(token)",
                "-H", "Expect:", "--data-binary", "@-", platform.url.absoluteString + "/\(namespace)/files/small/g/big.bin",
            ], environment: ["PATH": "/usr/bin:/bin"], stdin: Data(count: 3 << 20))
            #expect(upload.output.hasPrefix("413"), "\(upload.output)")
        }
    }

    @Test("files stream both ways: a 24 MB file comes back byte for byte, and a chunked upload past capacity stops with 413")
    func streamingFiles() async throws {
        try await Self.withSeeded(runsComponents: true) { platform, _, directory in
            let token = platform.token
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Files", "slug": "files", "team": "cii", "template": "empty"], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/files/components", json: ["kind": "DataBox", "name": "box", "spec": ["s3DefaultStorage": ["capacity": "30M"]]], token: token).status == 201)
            let namespace = try #require(try await get(platform, "/v1/applications/files", token: token).json["namespace"] as? String)
            var generator = SplitMix64(seed: 12)
            let bytes = (0..<(24 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let source = Self.temporary("upload")
            try Data(bytes).write(to: source)
            defer { try? FileManager.default.removeItem(at: source) }
            let url = platform.url.absoluteString + "/\(namespace)/files/box/weights/model.bin"
            let put = try await ChildProcess.runDetached(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-T", source.path,
                                                          "-H", "Authorization: Bearer \(token)", url], environment: ["PATH": "/usr/bin:/bin"])
            #expect(put.output == "201")
            let back = Self.temporary("download")
            defer { try? FileManager.default.removeItem(at: back) }
            let got = try await ChildProcess.runDetached(["curl", "-s", "-o", back.path, "-w", "%{http_code}", "-H", "Authorization: Bearer \(token)", url],
                                                         environment: ["PATH": "/usr/bin:/bin"])
            #expect(got.output == "200")
            #expect(try Data(contentsOf: back) == Data(bytes))
            // Nothing of an upload is left beside the box once it is in place.
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("uploads").path)) ?? []).isEmpty)

            // 12 MB more, chunked: it passes the 30M capacity midway and is cut off there.
            let chunked = try await ChildProcess.runDetached([
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", "Transfer-Encoding: chunked", "-H", "Expect:",
                "-H", "Authorization: Bearer \(token)", "--data-binary", "@-", platform.url.absoluteString + "/\(namespace)/files/box/weights/more.bin",
            ], environment: ["PATH": "/usr/bin:/bin"], stdin: Data(count: 12 << 20))
            #expect(chunked.output == "413", "\(chunked.output)")
            #expect(try await get(platform, "/\(namespace)/files/box/weights/more.bin", token: token).status == 404)
            #expect(DataBoxFiles(directory: directory).used(application: "files", box: "box") == Int64(24 << 20))
        }
    }

    // MARK: - Capacity

    @Test("eight concurrent 3 MB uploads into a 10M box store at most 10 MB; nesting and entries count against the box")
    func capacityRace() async throws {
        try await Self.withSeeded(runsComponents: true) { platform, _, directory in
            let token = platform.token
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Race", "slug": "race", "team": "cii", "template": "empty"], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/race/components", json: ["kind": "DataBox", "name": "box", "spec": ["s3DefaultStorage": ["capacity": "10M"]]], token: token).status == 201)
            let namespace = try #require(try await get(platform, "/v1/applications/race", token: token).json["namespace"] as? String)
            let payload = [UInt8](repeating: 0x42, count: 3_000_000)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    group.addTask { try await sendBytes(platform, .put, "/\(namespace)/files/box/g/part\(index).bin", payload, token: token).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 3, "\(statuses)")
            #expect(statuses.filter { $0 == 413 }.count == 5, "\(statuses)")
            #expect(DataBoxFiles(directory: directory).used(application: "race", box: "box") <= 10_000_000)

            // Groups count as entries: a 10M box holds at most 1,000 of them, however deep or small.
            let limit = DataBoxFiles.maxEntries(Capacity("10M")!)
            var refused: RawResponse?
            for index in 0..<(limit + 10) {
                let response = try await sendBytes(platform, .put, "/\(namespace)/files/box/g\(index)/", [], token: token)
                if response.status != 201 { refused = response; break }
            }
            #expect(refused?.status == 413)
            #expect(refused?.text.contains("entries") == true, "\(refused?.text ?? "")")
            #expect(DataBoxFiles(directory: directory).usage(application: "race", box: "box").entries <= limit)
            let deep = (0...DataBoxFiles.maxDepth).map { "d\($0)" }.joined(separator: "/")
            #expect(try await sendBytes(platform, .put, "/\(namespace)/files/box/\(deep)/", [], token: token).status == 400)
        }
    }

    // MARK: - Slow clients

    /// A raw TCP connection to the platform.
    final class RawConnection {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw FixtureError("connect: \(errno)") }
        }

        deinit { close(fd) }

        /// False once the server has closed the connection.
        @discardableResult
        func send(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } > 0
        }

        /// Whether the server closed the connection (a read of 0 or an error) within `seconds`.
        func closedByServer(within seconds: Double) -> Bool {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                guard poll(&poller, 1, 100) > 0 else { continue }
                var byte = [UInt8](repeating: 0, count: 4096)
                let n = recv(fd, &byte, byte.count, Int32(MSG_DONTWAIT))
                if n == 0 || (n < 0 && errno != EAGAIN) { return true }
            }
            return false
        }

        func readAll(seconds: Double) -> String {
            var received: [UInt8] = []
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                guard poll(&poller, 1, 100) > 0 else { continue }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = recv(fd, &chunk, chunk.count, 0)
                if n <= 0 { break }
                received += chunk[0..<n]
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    @Test("a client that trickles its request head, or sends nothing, is closed after the idle timeout; one over the connection cap gets 503")
    func slowClients() async throws {
        var limits = PlatformLimits()
        limits.idleTimeout = .seconds(2)
        limits.maxConnections = 4
        try await Self.withSeeded(limits: limits) { platform, _, _ in
            let port = try #require(platform.url.port)
            let trickler = try RawConnection(port: port)
            trickler.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
            // A header line a second: never idle by bytes, yet never a complete head.
            var closedAt: Int?
            for second in 1...8 {
                if trickler.closedByServer(within: 1) { closedAt = second; break }
                trickler.send("X-Slow-\(second): 1\r\n")
            }
            #expect(closedAt != nil && closedAt! <= 4, "closed after \(closedAt.map(String.init) ?? "more than 8") s")
            let silent = try RawConnection(port: port)
            #expect(silent.closedByServer(within: 5))

            // Four open connections fill the cap; the fifth is told so at once, not left hanging.
            let held = try (0..<4).map { _ in try RawConnection(port: port) }
            for connection in held { connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n") }
            let extra = try RawConnection(port: port)
            extra.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let answer = extra.readAll(seconds: 1.5)
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            #expect(answer.contains("Retry-After") || answer.contains("retry-after"))
            withExtendedLifetime(held) {}
            held.forEach { _ = $0.closedByServer(within: 0) }
        }
    }

    // MARK: - Streams

    @Test("revoking a token ends its open event stream and followed log within seconds")
    func revocationEndsStreams() async throws {
        try await Self.withSeeded(runsComponents: true) { platform, store, _ in
            let token = try await Self.developer("dana", in: "cii", store)
            let tokens = try await get(platform, "/v1/me/tokens", token: token).json["items"] as? [[String: Any]]
            let id = try #require(tokens?.first?["id"] as? Int)
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Logs", "slug": "logs", "team": "cii", "template": "empty"], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/logs/components", json: [
                "kind": "MLComponent", "name": "talker",
                "spec": ["image": ["existingImageName": "python:3.11-slim"],
                         "run": ["command": "python3 -u -c \"import time\nwhile True: print('tick', flush=True); time.sleep(0.5)\""]],
            ], token: token).status == 201)
            let events = try SSEReader(platform, token: token)
            let log = try SSEReader(platform, token: token, path: "/v1/applications/logs/components/talker/logs?follow=true")
            #expect(await log.waitUntil(20) { $0.contains("tick") }, "the log streams: \(log.text)")
            #expect(try await openStreams(platform) == 2)
            #expect(try await send(platform, .delete, "/v1/me/tokens/\(id)", token: token).status == 204)
            #expect(await events.waitForEnd(5), "the event stream outlived its revoked token")
            #expect(await log.waitForEnd(5), "the followed log outlived its revoked token")
            #expect(try await waitForOpenStreams(platform, 0, timeout: .seconds(5)) != nil)
        }
    }

    @Test("a member removed from the team loses the application's stream at once, and the global stream stops carrying it")
    func removalEndsStreams() async throws {
        try await Self.withSeeded { platform, store, _ in
            let token = try await Self.developer("mark", in: "sp4", store)
            let scoped = try SSEReader(platform, token: token, path: "/v1/events/stream?application=speech-to-text")
            let global = try SSEReader(platform, token: token)
            #expect(try await waitForOpenStreams(platform, 2, timeout: .seconds(5)) != nil)
            let change = try await send(platform, .patch, "/v1/applications/speech-to-text", json: ["description": "before"], token: platform.token)
            #expect(change.status == 200)
            #expect(await global.waitUntil(10) { $0.contains("speech-to-text") })
            #expect(try await send(platform, .delete, "/v1/teams/sp4/members/mark", token: platform.token).status == 204)
            #expect(await scoped.waitForEnd(5), "the stream of an application no longer visible went on")
            let before = global.text
            #expect(try await send(platform, .patch, "/v1/applications/speech-to-text", json: ["description": "after"], token: platform.token).status == 200)
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Marker", "slug": "marker", "team": "cii", "template": "empty"], token: platform.token).status == 201)
            try await Task.sleep(for: .seconds(2))
            let after = String(global.text.dropFirst(before.count))
            #expect(!after.contains("speech-to-text"), "an event of an application mark no longer sees: \(after)")
            global.stop()
        }
    }

    @Test("one user may hold a limited number of streams; idle streams cost the store nothing per stream")
    func streamCapAndFanOut() async throws {
        var limits = PlatformLimits()
        limits.streamsPerUser = 40
        try await Self.withSeeded(limits: limits) { platform, store, _ in
            let token = try await Self.developer("sam", in: "cii", store)
            let readers = try (0..<40).map { _ in try SSEReader(platform, token: token) }
            #expect(try await waitForOpenStreams(platform, 40, timeout: .seconds(10)) != nil)
            let refused = try await ChildProcess.runDetached(["curl", "-s", "-w", "\n%{http_code}", "--max-time", "5", "-H", "Authorization: Bearer \(token)",
                                                              platform.url.absoluteString + "/v1/events/stream"], environment: ["PATH": "/usr/bin:/bin"])
            #expect(refused.output.hasSuffix("429"), "\(refused.output)")
            #expect(refused.output.contains("Too many open streams"))
            // Forty idle streams for three seconds: the hub reads the store about once a second in
            // all, where per-stream polling read it 4 × 40 times a second.
            let before = try await hubReads(platform)
            try await Task.sleep(for: .seconds(3))
            let reads = try await hubReads(platform) - before
            #expect(reads <= 6, "\(reads) reads of the store by 40 idle streams in 3 s")
            // One new event reaches all forty.
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Fan", "slug": "fan", "team": "cii", "template": "empty"], token: platform.token).status == 201)
            for reader in readers { #expect(await reader.waitUntil(10) { $0.contains("\"application\":\"fan\"") }) }
            readers.forEach { $0.stop() }
        }
    }

    func hubReads(_ platform: RunningPlatform) async throws -> Int {
        let exposition = try await get(platform, "/metrics", token: platform.token).text
        return exposition.split(separator: "\n").filter { $0.hasPrefix("smartmlops_event_hub_reads_total") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.map(Int.init).reduce(0, +)
    }

    // MARK: - Leaks and sloppiness

    @Test("an error names no server path; look-alike names are one name; Bearer is case-insensitive")
    func leaksAndSloppiness() async throws {
        try await Self.withSeeded(runsComponents: true) { platform, _, directory in
            let token = platform.token
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Tidy", "slug": "tidy", "team": "cii", "template": "empty"], token: token).status == 201)
            #expect(try await send(platform, .post, "/v1/applications/tidy/components", json: ["kind": "DataBox", "name": "box", "spec": [String: Any]()], token: token).status == 201)
            let namespace = try #require(try await get(platform, "/v1/applications/tidy", token: token).json["namespace"] as? String)
            #expect(try await sendBytes(platform, .put, "/\(namespace)/files/box/g/file.txt", [1], token: token).status == 201)
            // A group where a file is: the file system's refusal, with its path, used to be the answer.
            let inTheWay = try await sendBytes(platform, .put, "/\(namespace)/files/box/g/file.txt/sub/x.txt", [1], token: token)
            #expect(inTheWay.status == 400, "\(inTheWay.text)")
            #expect(!inTheWay.text.contains(directory.path) && !inTheWay.text.contains("NSFilePath"), "\(inTheWay.text)")

            let decomposed = "e\u{301}te\u{301}.txt"  // "été" as e + combining acute
            let composed = "\u{e9}t\u{e9}.txt"
            let encode = { (name: String) in name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
            #expect(try await sendBytes(platform, .put, "/\(namespace)/files/box/g/\(encode(decomposed))", Array("one".utf8), token: token).status == 201)
            #expect(try await sendBytes(platform, .put, "/\(namespace)/files/box/g/\(encode(composed))", Array("two".utf8), token: token).status == 200)
            let listing = try await get(platform, "/\(namespace)/files/box/g/", token: token)
            let names = (listing.json["files"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            #expect(names.sorted() == ["file.txt", composed].sorted(), "\(names)")

            for header in ["bearer \(token)", "BEARER \(token)", "Bearer   \(token)"] {
                let curl = try await ChildProcess.runDetached(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: \(header)",
                                                               platform.url.absoluteString + "/v1/me"], environment: ["PATH": "/usr/bin:/bin"])
                #expect(curl.output == "200", "\(header.prefix(9)): \(curl.output)")
            }
            #expect(try await get(platform, "/v1/me", token: "wrong").status == 401)
        }
    }

    @Test("the data directory is 0700 and the database 0600, even where an existing directory was 0755 and the database 0644")
    func permissions() async throws {
        let directory = Self.temporary("modes")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        _ = try PlatformStore(directory: directory)
        for file in ["platform.sqlite", "platform.sqlite-wal", "platform.sqlite-shm"] {
            chmod(directory.appendingPathComponent(file).path, 0o644)
        }
        chmod(directory.path, 0o755)
        try await withPlatform(directory: directory, runsComponents: true) { platform in
            #expect(try await send(platform, .post, "/v1/applications/tesseract-ocr/components", json: ["kind": "DataBox", "name": "modes", "spec": [String: Any]()], token: platform.token).status == 201)
            let namespace = try #require(try await get(platform, "/v1/applications/tesseract-ocr", token: platform.token).json["namespace"] as? String)
            #expect(try await sendBytes(platform, .put, "/\(namespace)/files/modes/g/f.txt", [1], token: platform.token).status == 201)
            func mode(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1 }
            #expect(mode(directory.path) == 0o700)
            for file in ["platform.sqlite", "platform.sqlite-wal", "platform.sqlite-shm"] {
                #expect(mode(directory.appendingPathComponent(file).path) == 0o600, "\(file)")
            }
            #expect(mode(directory.appendingPathComponent("boxes/tesseract-ocr/modes/users/tester/file_groups/g").path) == 0o700)
            #expect(mode(directory.appendingPathComponent("boxes/tesseract-ocr/modes/users/tester/file_groups/g/f.txt").path) == 0o600)
        }
    }
}

/// A bare SQLite file migrated to an earlier schema, for testing later migrations over it.
struct DatabaseQueueForTests {
    let queue: GRDB.DatabaseQueue

    init(path: String) throws { queue = try GRDB.DatabaseQueue(path: path) }

    func migrate(upTo version: String) throws { try PlatformSchema.migrator.migrate(queue, upTo: version) }
    func execute(_ sql: String) throws { try queue.write { try $0.execute(sql: sql) } }
    func close() throws { try queue.close() }
}
