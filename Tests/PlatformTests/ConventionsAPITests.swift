import Foundation
import Model
import Testing
@testable import Platform

@Suite("Platform API over HTTP: quotas, platform events, readiness, ETags")
struct ConventionsAPITests {
    @Test("a team's quota lists hard and used per resource; storage is the sum of its boxes")
    func quota() async throws {
        try await withPlatform { platform in
            let response = try await get(platform, "/v1/teams/cii/quota", token: platform.token)
            #expect(response.status == 200)
            let items = try #require(response.json["items"] as? [[String: Any]])
            func item(_ name: String) -> [String: Any]? { items.first { $0["resource"] as? String == name } }
            #expect(items.count == 6)
            #expect(item("apps")?["used"] as? Int == 3)
            #expect(item("apps")?["hard"] as? Int == 20)
            // Demo boxes of cii: model 2G, weights 40G, users 1G (default), corpus 50G, features 10G.
            #expect(item("storage")?["used"] as? Int == 103_000_000_000)
            // tesseract-ocr 3, qwen-vl 4, charisma-features 3.
            #expect(item("components")?["used"] as? Int == 10)
            #expect(try await get(platform, "/v1/teams/nobody/quota", token: platform.token).status == 404)

            _ = try await send(platform, .post, "/v1/applications", json: ["name": "More storage", "team": "cii", "template": "ml-component-box"], token: platform.token)
            let after = try #require(try await get(platform, "/v1/teams/cii/quota", token: platform.token).json["items"] as? [[String: Any]])
            #expect(after.first { $0["resource"] as? String == "storage" }?["used"] as? Int == 104_000_000_000)
            #expect(after.first { $0["resource"] as? String == "components" }?["used"] as? Int == 12)
        }
    }

    @Test("platform-wide events filter by application and type, newest first")
    func platformEvents() async throws {
        try await withPlatform { platform in
            let all = try #require(try await get(platform, "/v1/events?limit=500", token: platform.token).json["items"] as? [[String: Any]])
            #expect(Set(all.compactMap { $0["application"] as? String }).count >= 5)
            let ids = all.compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted(by: >))
            let warnings = try #require(try await get(platform, "/v1/events?type=warning", token: platform.token).json["items"] as? [[String: Any]])
            #expect(!warnings.isEmpty && warnings.allSatisfy { $0["type"] as? String == "warning" })
            let qwen = try #require(try await get(platform, "/v1/events?application=qwen-vl", token: platform.token).json["items"] as? [[String: Any]])
            #expect(!qwen.isEmpty && qwen.allSatisfy { $0["application"] as? String == "qwen-vl" })
        }
    }

    @Test("/readyz answers without a token once the database answers")
    func readiness() async throws {
        try await withPlatform(demo: false) { platform in
            let response = try await get(platform, "/readyz")
            #expect(response.status == 200)
            #expect(response.json["status"] as? String == "ok")
        }
    }

    @Test("GETs carry an ETag; If-None-Match with it answers 304 with no body; a change changes the tag")
    func etags() async throws {
        try await withPlatform { platform in
            let first = try await get(platform, "/v1/applications", token: platform.token)
            let tag = try #require(first.etag)
            let again = try await get(platform, "/v1/applications", token: platform.token)
            #expect(again.etag == tag)

            let cached = try await send(platform, .get, "/v1/applications", token: platform.token, ifNoneMatch: tag)
            #expect(cached.status == 304)
            #expect(cached.body.isEmpty)
            #expect(try await send(platform, .get, "/v1/applications", token: platform.token, ifNoneMatch: "W/\(tag), \"other\"").status == 304)
            #expect(try await send(platform, .get, "/v1/applications", token: platform.token, ifNoneMatch: "\"stale\"").status == 200)

            _ = try await send(platform, .patch, "/v1/applications/tesseract-ocr", json: ["description": "new"], token: platform.token)
            let changed = try await send(platform, .get, "/v1/applications", token: platform.token, ifNoneMatch: tag)
            #expect(changed.status == 200)
            #expect(changed.etag != tag)
            // Writes are never answered from a tag.
            #expect(try await send(platform, .post, "/v1/applications", json: ["name": "Tagged", "team": "cii", "template": "empty"],
                                   token: platform.token, ifNoneMatch: "*").status == 201)
        }
    }

    @Test("a PATCH field given as null keeps its value, as openapi.yaml says (and as a field left out does)")
    func patchNull() async throws {
        try await withPlatform { platform in
            let before = try await get(platform, "/v1/applications/tesseract-ocr", token: platform.token)
            let patched = try await send(platform, .patch, "/v1/applications/tesseract-ocr",
                                         json: ["name": NSNull(), "team": NSNull(), "description": NSNull()], token: platform.token)
            #expect(patched.status == 200, "\(patched.text)")
            for key in ["name", "team", "description"] {
                #expect(patched.json[key] as? String == before.json[key] as? String, "\(key): \(patched.text)")
                #expect(patched.json[key] as? String != nil, "\(key) kept: \(patched.text)")
            }
        }
    }

    @Test("/metrics counts requests by route template, method and status, with a latency histogram")
    func metrics() async throws {
        try await withPlatform { platform in
            _ = try await get(platform, "/v1/applications/tesseract-ocr", token: platform.token)
            _ = try await get(platform, "/v1/applications/qwen-vl", token: platform.token)
            _ = try await get(platform, "/v1/applications")
            let response = try await get(platform, "/metrics")
            #expect(response.status == 200)
            let text = response.text
            #expect(text.contains(#"smartmlops_http_requests_total{route="/v1/applications/{slug}",method="GET",status="200"} 2"#))
            #expect(text.contains(#"smartmlops_http_requests_total{route="/v1/applications",method="GET",status="401"} 1"#))
            #expect(text.contains(#"smartmlops_http_request_duration_seconds_count{route="/v1/applications/{slug}"} 2"#))
            #expect(text.contains(#"smartmlops_http_request_duration_seconds_bucket{route="/v1/applications/{slug}",le="+Inf"} 2"#))
            #expect(!text.contains("tesseract-ocr"), "concrete paths would make a series per application")
            #expect(!text.contains(platform.token))
        }
    }
}
