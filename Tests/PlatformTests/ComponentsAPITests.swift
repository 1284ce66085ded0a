import Foundation
import Testing
@testable import Platform

@Suite("Platform API over HTTP: components and manifests")
struct ComponentsAPITests {
    private let base = "/v1/applications/essay-checker/components"

    @Test("components of all four kinds are added, referring to each other, and listed")
    func addEveryKind() async throws {
        try await withPlatform { platform in
            let bodies: [[String: Any]] = [
                ["kind": "DataBox", "name": "weights", "spec": ["s3DefaultStorage": ["capacity": "2G"]]],
                ["kind": "MLComponent", "name": "scorer", "spec": ["image": ["existingImageName": "python:3.11-slim"], "modelBox": "weights",
                                                                   "run": ["command": "python3 -m scorer"]]],
                ["kind": "ExperimentPipeline", "name": "retrain", "spec": ["vars": [["name": "input"], ["name": "output"]],
                                                                          "stages": [["name": "fit", "image": ["existingImageName": "python:3.11-slim"],
                                                                                      "inputs": [["name": "input"]], "outputs": [["name": "output"]]]]]],
                ["kind": "APIComponent", "name": "score-api", "spec": ["published": true, "mlComponent": ["name": "scorer"],
                                                                       "restfulApi": ["path": "score"]]],
            ]
            for body in bodies {
                let response = try await send(platform, .post, base, json: body, token: platform.token)
                #expect(response.status == 201, "\(body["kind"]!): \(response.text)")
                #expect((response.json["status"] as? [String: Any])?["phase"] as? String == "pending")
            }
            let scorer = try await get(platform, "\(base)/scorer", token: platform.token)
            #expect((scorer.json["spec"] as? [String: Any])?["servicePort"] as? Int == 8002)
            let app = try await get(platform, "/v1/applications/essay-checker", token: platform.token)
            #expect(app.json["components"] as? [String: Int] == ["mlComponents": 1, "pipelines": 1, "dataBoxes": 1, "apiComponents": 1])
        }
    }

    @Test("a spec that is not of its kind's shape, or breaks a rule, is refused naming the field", arguments: [
        (#"{"kind":"MLComponent","name":"svc","spec":{"image":{"existingImageName":"img"},"servicePort":"eighty"}}"#, "spec.servicePort"),
        (#"{"kind":"MLComponent","name":"svc","spec":{"servicePort":8080}}"#, "spec.image"),
        (#"{"kind":"MLComponent","name":"svc","spec":{"image":{"existingImageName":"img"},"servicePort":0}}"#, "spec.servicePort"),
        (#"{"kind":"MLComponent","name":"svc","spec":{"image":{"existingImageName":"img"},"modelBox":"nowhere"}}"#, "spec.modelBox"),
        (#"{"kind":"DataBox","name":"box","spec":{"s3DefaultStorage":{"capacity":"a lot"}}}"#, "spec.s3DefaultStorage.capacity"),
        (#"{"kind":"DataBox","name":"Box!","spec":{}}"#, "name"),
        (#"{"kind":"APIComponent","name":"api","spec":{"mlComponent":{"name":"ghost"},"restfulApi":{"path":"x"}}}"#, "spec.mlComponent.name"),
        (#"{"kind":"ExperimentPipeline","name":"p","spec":{"stages":[]}}"#, "spec.stages"),
    ])
    func refused(json: String, field: String) async throws {
        let body = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        try await withPlatform { platform in
            let response = try await send(platform, .post, base, json: body, token: platform.token)
            #expect(response.status == 400, "\(response.text)")
            #expect(response.contentType == "application/problem+json")
            #expect(response.fieldErrors.first?.field == field, "\(response.fieldErrors)")
            #expect(try await get(platform, "\(base)/\(body["name"]!)", token: platform.token).status == 404)
        }
    }

    @Test("a component in use cannot be deleted; the referrer is named; in order they all go")
    func deleteInUse() async throws {
        try await withPlatform { platform in
            let tesseract = "/v1/applications/tesseract-ocr/components"
            let refused = try await send(platform, .delete, "\(tesseract)/model", token: platform.token)
            #expect(refused.status == 409)
            #expect((refused.json["detail"] as? String)?.contains("inference") == true)
            for name in ["ocr", "inference", "model"] {
                #expect(try await send(platform, .delete, "\(tesseract)/\(name)", token: platform.token).status == 204)
            }
            #expect(try await get(platform, tesseract, token: platform.token).json["items"] as? [Any] != nil)
            #expect((try await get(platform, tesseract, token: platform.token).json["items"] as? [Any])?.isEmpty == true)
            let events = try await get(platform, "/v1/applications/tesseract-ocr/events?limit=3", token: platform.token)
            #expect((events.json["items"] as? [[String: Any]])?.compactMap { $0["reason"] as? String } == ["Deleted", "Deleted", "Deleted"])
        }
    }

    @Test("replacing a spec keeps the kind, and growing a box past the team's storage quota is refused")
    func replace() async throws {
        try await withPlatform { platform in
            let path = "/v1/applications/tesseract-ocr/components/model"
            let grown = try await send(platform, .put, path, json: ["spec": ["s3DefaultStorage": ["capacity": "5G"]]], token: platform.token)
            #expect(grown.status == 200)
            #expect((grown.json["spec"] as? [String: [String: String]])?["s3DefaultStorage"]?["capacity"] == "5G")

            let tooBig = try await send(platform, .put, path, json: ["spec": ["s3DefaultStorage": ["capacity": "900G"]]], token: platform.token)
            #expect(tooBig.status == 422)
            #expect(tooBig.json["title"] as? String == "Quota exceeded: storage")
            let kept = try await get(platform, path, token: platform.token)
            #expect((kept.json["spec"] as? [String: [String: String]])?["s3DefaultStorage"]?["capacity"] == "5G")

            let wrongShape = try await send(platform, .put, path, json: ["spec": ["s3DefaultStorage": ["capacity": 5]]], token: platform.token)
            #expect(wrongShape.status == 400)
            #expect(wrongShape.fieldErrors.first?.field == "spec.s3DefaultStorage.capacity")
            #expect(try await send(platform, .put, "/v1/applications/tesseract-ocr/components/ghost",
                                   json: ["spec": [:]], token: platform.token).status == 404)
        }
    }

    @Test("the manifest is YAML of the custom resource in pu-<author>-pa-<app>")
    func manifest() async throws {
        try await withPlatform { platform in
            let response = try await get(platform, "/v1/applications/tesseract-ocr/components/inference/manifest", token: platform.token)
            #expect(response.status == 200)
            #expect(response.contentType == "application/yaml")
            #expect(response.text.hasPrefix("apiVersion: unified-platform.cs.hse.ru/v1\nkind: MLComponent\nmetadata:\n  name: inference\n  namespace: pu-ikrupnov-pa-tesseract-ocr\nspec:\n"))
            #expect(response.text.contains("  modelBox: model\n"))
            #expect(try await get(platform, "/v1/applications/tesseract-ocr/components/ghost/manifest", token: platform.token).status == 404)
        }
    }
}

@Suite("Platform API over HTTP: team templates")
struct TeamTemplatesAPITests {
    @Test("a team's template is listed after the built-ins and an application made from it gets its components")
    func createAndUse() async throws {
        try await withPlatform { platform in
            let created = try await send(platform, .post, "/v1/teams/cii/templates", json: [
                "slug": "ocr-service", "name": "OCR-сервис",
                "components": [
                    ["kind": "DataBox", "name": "scans", "spec": ["s3DefaultStorage": ["capacity": "5G"]]],
                    ["kind": "MLComponent", "name": "ocr", "spec": ["image": ["existingImageName": "python:3.11-slim"], "modelBox": "scans"]],
                    ["kind": "APIComponent", "name": "ocr-api", "spec": ["mlComponent": ["name": "ocr"], "restfulApi": ["path": "ocr"]]],
                ],
            ], token: platform.token)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["team"] as? String == "cii")

            let templates = try #require(try await get(platform, "/v1/templates", token: platform.token).json["items"] as? [[String: Any]])
            #expect(templates.compactMap { $0["slug"] as? String } == ["empty", "ml-component-box", "ocr-service"])

            let app = try await send(platform, .post, "/v1/applications",
                                     json: ["name": "Сканы приказов", "team": "cii", "template": "ocr-service"], token: platform.token)
            #expect(app.status == 201)
            #expect(app.json["components"] as? [String: Int] == ["mlComponents": 1, "pipelines": 0, "dataBoxes": 1, "apiComponents": 1])
        }
    }

    @Test("a template whose components break the rules, a taken slug or an unknown team is refused", arguments: [
        ("cii", #"{"slug":"bad","name":"Bad","components":[{"kind":"MLComponent","name":"ocr","spec":{"image":{"existingImageName":"img"},"modelBox":"nowhere"}}]}"#, 400, "components[0].spec.modelBox"),
        ("cii", #"{"slug":"bad","name":"Bad","components":[{"kind":"MLComponent","name":"ocr","spec":{"servicePort":1}}]}"#, 400, "components[0].spec.image"),
        ("cii", #"{"slug":"ml-component-box","name":"Copy","components":[]}"#, 409, "slug"),
        ("cii", #"{"slug":"Bad Slug","name":"Bad","components":[]}"#, 400, "slug"),
        ("nobody", #"{"slug":"fine","name":"Fine","components":[]}"#, 404, ""),
    ])
    func refused(team: String, json: String, status: Int, field: String) async throws {
        let body = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        try await withPlatform { platform in
            let response = try await send(platform, .post, "/v1/teams/\(team)/templates", json: body, token: platform.token)
            #expect(response.status == status, "\(response.text)")
            if !field.isEmpty {
                #expect(response.fieldErrors.first?.field == field, "\(response.text)")
            }
            let templates = try #require(try await get(platform, "/v1/templates", token: platform.token).json["items"] as? [[String: Any]])
            #expect(templates.count == 2)
        }
    }
}
