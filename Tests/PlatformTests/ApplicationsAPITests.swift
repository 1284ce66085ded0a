import Foundation
import Model
import Platform
import Testing

@Suite("Platform API over HTTP: health, auth, applications")
struct ApplicationsAPITests {
    @Test("/healthz answers without a token")
    func health() async throws {
        try await withPlatform(demo: false) { platform in
            let response = try await get(platform, "/healthz")
            #expect(response.status == 200)
            #expect(response.json["status"] as? String == "ok")
        }
    }

    @Test("every /v1 call needs the platform's bearer token; the answer is problem+json and never echoes it")
    func authRequired() async throws {
        try await withPlatform { platform in
            let missing = try await get(platform, "/v1/applications")
            #expect(missing.status == 401)
            #expect(missing.contentType == "application/problem+json")
            #expect(missing.json["title"] as? String == "Authentication required")

            let wrong = try await get(platform, "/v1/applications", token: "guess-\(platform.token.prefix(8))")
            #expect(wrong.status == 401)
            #expect(!wrong.text.contains(platform.token.prefix(8)))

            let right = try await get(platform, "/v1/applications", token: platform.token)
            #expect(right.status == 200)
        }
    }

    @Test("the demo platform lists its applications, newest change first, with counts and status")
    func demoApplications() async throws {
        try await withPlatform { platform in
            let response = try await get(platform, "/v1/applications", token: platform.token)
            let items = try #require(response.json["items"] as? [[String: Any]])
            #expect(items.count >= 5)
            #expect(Set(items.compactMap { $0["team"] as? String }) == ["cii", "sp4"])
            let tesseract = try #require(items.first { $0["slug"] as? String == "tesseract-ocr" })
            #expect(tesseract["name"] as? String == "Tesseract OCR")
            #expect(tesseract["namespace"] as? String == "pu-ikrupnov-pa-tesseract-ocr")
            #expect((tesseract["status"] as? [String: Any])?["phase"] as? String == "deployed")
            let counts = try #require(tesseract["components"] as? [String: Int])
            #expect(counts == ["mlComponents": 1, "pipelines": 0, "dataBoxes": 1, "apiComponents": 1])
            let failed = try #require(items.first { $0["slug"] as? String == "appeals-classifier" })
            let failedStatus = try #require(failed["status"] as? [String: Any])
            #expect(failedStatus["phase"] as? String == "failed")
            #expect((failedStatus["message"] as? String)?.contains("sklearn") == true)
            let updated = items.compactMap { $0["updatedAt"] as? String }
            #expect(updated == updated.sorted(by: >))
            #expect(response.json["next_cursor"] == nil)
        }
    }

    @Test("pages of two follow next_cursor through every application exactly once")
    func pagination() async throws {
        try await withPlatform { platform in
            let all = try #require(try await get(platform, "/v1/applications", token: platform.token).json["items"] as? [[String: Any]])
            var slugs: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = "/v1/applications?limit=2" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? "")
                let page = try await get(platform, query, token: platform.token)
                #expect(page.status == 200)
                let items = try #require(page.json["items"] as? [[String: Any]])
                #expect(items.count <= 2)
                slugs += items.compactMap { $0["slug"] as? String }
                cursor = page.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 20
            #expect(slugs == all.compactMap { $0["slug"] as? String })
            #expect(pages == (all.count + 1) / 2)
        }
    }

    @Test("a bad limit or cursor is a 400 naming the field, never a 5xx", arguments: [
        ("/v1/applications?limit=0", "limit"),
        ("/v1/applications?limit=201", "limit"),
        ("/v1/applications?cursor=bm90LWEtY3Vyc29y", "cursor"),
        ("/v1/applications?cursor=%00%FF", "cursor"),
    ])
    func badParameters(path: String, field: String) async throws {
        try await withPlatform { platform in
            let response = try await get(platform, path, token: platform.token)
            #expect(response.status == 400)
            #expect(response.contentType == "application/problem+json")
            #expect(response.fieldErrors.first?.field == field, "\(response.fieldErrors)")
        }
    }

    @Test("a malformed query is a problem+json 400; an unknown path a problem+json 404")
    func malformed() async throws {
        try await withPlatform { platform in
            let notNumber = try await get(platform, "/v1/applications?limit=many", token: platform.token)
            #expect(notNumber.status == 400)
            #expect(notNumber.contentType == "application/problem+json")
            let unknown = try await get(platform, "/v1/nothing-here", token: platform.token)
            #expect(unknown.status == 404)
            #expect(unknown.contentType == "application/problem+json")
        }
    }

    @Test("data survives a restart and demo data is seeded only once")
    func persistence() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try await withPlatform(directory: dir) { platform in
            try #require(try await get(platform, "/v1/applications", token: platform.token).json["items"] as? [[String: Any]]).count
        }
        let second = try await withPlatform(directory: dir) { platform in
            try #require(try await get(platform, "/v1/applications", token: platform.token).json["items"] as? [[String: Any]]).count
        }
        #expect(first == second)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("platform.sqlite").path))
    }

    @Test("a second platform on a taken port fails to start instead of hanging")
    func portTaken() async throws {
        try await withPlatform(demo: false) { platform in
            let port = try #require(platform.url.port)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            await #expect(throws: (any Error).self) {
                let other = try await PlatformServer.start(PlatformConfiguration(
                    dataDirectory: dir, port: port, localUser: User(login: "x", name: "x", email: "x@localhost")))
                await other.stop()
            }
        }
    }
}
