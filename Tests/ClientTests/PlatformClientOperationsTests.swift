import Client
import Foundation
import Model
import Platform
import Testing

private func withDemoPlatform<T>(_ body: (PlatformClient) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-client-ops-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let platform = try await PlatformServer.start(PlatformConfiguration(
        dataDirectory: dir, demo: true, localUser: User(login: "tester", name: "Tester", email: "t@localhost", isAdmin: true)))
    defer { Task { await platform.stop() } }
    return try await body(PlatformClient(endpoint: PlatformEndpoint(url: platform.url, token: platform.token)))
}

private let ocrBox = Component(name: "weights", spec: .dataBox(DataBoxSpec(s3DefaultStorage: S3DefaultStorage(capacity: "2G"))))
private let ocrModel = Component(name: "ocr", spec: .mlComponent(MLComponentSpec(
    image: ImageReference(existingImageName: "python:3.11-slim"), modelPath: "/weights", modelBox: "weights")))
private let ocrPipeline = Component(name: "batch", spec: .experimentPipeline(ExperimentPipelineSpec(
    vars: [PipelineVar(name: "INPUT"), PipelineVar(name: "OUTPUT")],
    stages: [PipelineStage(name: "recognise", image: ImageReference(existingImageName: "python:3.11-slim"),
                           inputs: [PipelineVar(name: "INPUT")], outputs: [PipelineVar(name: "OUTPUT")])])))
private let ocrAPI = Component(name: "public", spec: .apiComponent(APIComponentSpec(
    published: true, mlComponent: NameReference(name: "ocr"), restfulApi: RestfulAPI(path: "ocr"))))

@Suite("PlatformClient: every operation the cabinet needs, against the real platform")
struct PlatformClientOperationsTests {
    @Test("me, teams, templates and a team's quota arrive as domain values")
    func directory() async throws {
        try await withDemoPlatform { client in
            let me = try await client.me().value
            #expect(me.user.login == "tester")
            #expect(me.user.isAdmin)
            #expect(me.teams.contains(TeamMembership(team: "cii", role: .owner)))

            let teams = try await client.teams().value
            let cii = try #require(teams.first { $0.slug == "cii" })
            #expect(cii.name == "ЦИИ")
            #expect(cii.members.contains(TeamMember(login: "ikrupnov", role: .owner)))

            let templates = try await client.templates().value
            #expect(templates.map(\.slug).prefix(2) == ["empty", "ml-component-box"])
            #expect(templates[1].components.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.dataBox, .mlComponent])

            let quota = try await client.quota(team: "cii").value
            #expect(quota.team == "cii")
            #expect(Set(quota.readings.map(\.resource)) == Set(QuotaResource.allCases))
            #expect(quota[.apps]?.hard == 20)
            #expect((quota[.apps]?.used ?? 0) > 0)
        }
    }

    @Test("an application is created, read, changed and deleted; the quota counts it while it exists")
    func applicationLifecycle() async throws {
        try await withDemoPlatform { client in
            let appsBefore = try await client.quota(team: "sp4").value[.apps]?.used ?? -1
            let created = try await client.createApplication(NewApplication(
                name: "Распознавание таблиц", description: "OCR таблиц", team: "sp4", template: "ml-component-box"))
            #expect(created.slug == "raspoznavanie-tablits")
            #expect(created.components == ComponentCounts(mlComponents: 1, dataBoxes: 1))
            #expect(try await client.quota(team: "sp4").value[.apps]?.used == appsBefore + 1)

            let read = try await client.application(created.slug).value
            #expect(read.name == "Распознавание таблиц")
            #expect(read.description == "OCR таблиц")

            let changed = try await client.updateApplication(created.slug, ApplicationEdit(name: "Таблицы", team: "cii"))
            #expect(changed.name == "Таблицы")
            #expect(changed.team == "cii")
            #expect(changed.description == "OCR таблиц")

            try await client.deleteApplication(created.slug)
            #expect(try await client.listApplications().contains { $0.slug == created.slug } == false)
            do throws(PlatformClientError) {
                _ = try await client.application(created.slug)
                Issue.record("a deleted application was found")
            } catch {
                guard case .rejected(let status, _, _, _) = error else { Issue.record("expected a refusal, got \(error)"); return }
                #expect(status == 404)
            }
        }
    }

    @Test("problem+json field errors come back per field, for the form to show under each")
    func fieldErrors() async throws {
        try await withDemoPlatform { client in
            do throws(PlatformClientError) {
                _ = try await client.createApplication(NewApplication(name: "Bad", slug: "9-Bad_slug", team: "cii", template: "empty"))
                Issue.record("a bad slug was accepted")
            } catch {
                guard case .rejected(let status, _, _, let fields) = error else { Issue.record("expected rejected, got \(error)"); return }
                #expect(status == 400)
                #expect(fields["slug"] != nil, "\(fields)")
            }
            do throws(PlatformClientError) {
                _ = try await client.createApplication(NewApplication(name: "Tesseract OCR", slug: "tesseract-ocr", team: "cii", template: "empty"))
                Issue.record("a taken slug was accepted")
            } catch {
                guard case .rejected(let status, _, _, let fields) = error else { Issue.record("expected rejected, got \(error)"); return }
                #expect(status == 409)
                #expect(fields["slug"] != nil, "\(fields)")
            }
        }
    }

    @Test("components of all four kinds are added, read, replaced, rendered as manifests and deleted")
    func components() async throws {
        try await withDemoPlatform { client in
            let app = try await client.createApplication(NewApplication(name: "OCR", team: "cii", template: "empty"))
            for component in [ocrBox, ocrModel, ocrPipeline, ocrAPI] {
                let created = try await client.createComponent(component, in: app.slug)
                #expect(created.spec == component.spec)
                #expect(created.status != nil)
            }
            let listed = try await client.components(of: app.slug).value
            #expect(Set(listed.map(\.name)) == ["weights", "ocr", "batch", "public"])
            #expect(try await client.application(app.slug).value.components == ComponentCounts(mlComponents: 1, pipelines: 1, dataBoxes: 1, apiComponents: 1))

            let bigger = ComponentSpec.dataBox(DataBoxSpec(s3DefaultStorage: S3DefaultStorage(capacity: "5G")))
            #expect(try await client.replaceComponentSpec(bigger, name: "weights", in: app.slug).spec == bigger)
            #expect(try await client.component("weights", of: app.slug).value.spec == bigger)

            let manifest = try await client.manifest(of: "ocr", in: app.slug).value
            #expect(manifest.contains("apiVersion: unified-platform.cs.hse.ru/v1"))
            #expect(manifest.contains("kind: MLComponent"))
            #expect(manifest.contains(#"existingImageName: "python:3.11-slim""#))

            do throws(PlatformClientError) {
                try await client.deleteComponent("ocr", in: app.slug)
                Issue.record("a component the API component publishes was deleted")
            } catch {
                guard case .rejected(let status, _, _, _) = error else { Issue.record("expected rejected, got \(error)"); return }
                #expect(status == 409)
            }
            try await client.deleteComponent("public", in: app.slug)
            try await client.deleteComponent("ocr", in: app.slug)
            #expect(try await client.components(of: app.slug).value.map(\.name).sorted() == ["batch", "weights"])

            let bad = Component(name: "broken", spec: .mlComponent(MLComponentSpec(image: ImageReference(existingImageName: "x"), servicePort: 0)))
            do throws(PlatformClientError) {
                _ = try await client.createComponent(bad, in: app.slug)
                Issue.record("port 0 was accepted")
            } catch {
                guard case .rejected(_, _, _, let fields) = error else { Issue.record("expected rejected, got \(error)"); return }
                #expect(fields.keys.contains { $0.contains("servicePort") }, "\(fields)")
            }
        }
    }

    @Test("events of an application, of one component and of the whole platform, filtered by type")
    func events() async throws {
        try await withDemoPlatform { client in
            let app = try await client.createApplication(NewApplication(name: "Events", team: "cii", template: "ml-component-box"))
            let events = try await client.applicationEvents(of: app.slug).value
            #expect(!events.isEmpty)
            #expect(events.allSatisfy { $0.application == app.slug })
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.time >= $1.time }, "newest first")

            let component = try #require(events.compactMap(\.component).first)
            let ofComponent = try await client.applicationEvents(of: app.slug, component: component).value
            #expect(!ofComponent.isEmpty && ofComponent.allSatisfy { $0.component == component })

            let all = try await client.platformEvents(limit: 500).value
            #expect(all.contains { $0.application == app.slug })
            #expect(Set(all.map(\.application)).count > 1)
            let ofApp = try await client.platformEvents(application: app.slug).value
            #expect(!ofApp.isEmpty && ofApp.allSatisfy { $0.application == app.slug })
            let warnings = try await client.platformEvents(type: .warning).value
            #expect(!warnings.isEmpty && warnings.allSatisfy { $0.type == .warning })
        }
    }

    @Test("a revalidating GET sends If-None-Match: unchanged gives back the cached value (304), changed a new one")
    func conditionalGets() async throws {
        try await withDemoPlatform { client in
            let teams = try await client.teams()
            #expect(teams.etag != nil)
            // The cached value is deliberately not the platform's: only a 304 can bring it back.
            let stale = Tagged<[Team]>([], etag: teams.etag)
            #expect(try await client.teams(revalidating: stale) == stale)

            let apps = try await client.applications()
            #expect(apps.changed)
            #expect(apps.list.pages.allSatisfy { $0.etag != nil })
            // Cached items deliberately not the platform's: only 304s can bring them back.
            let staleApps = ApplicationPages(pages: apps.list.pages, items: apps.list.items.map { var app = $0; app.name = "cached"; return app })
            let unchanged = try await client.applications(revalidating: staleApps)
            #expect(!unchanged.changed)
            #expect(unchanged.list == staleApps)
            _ = try await client.createApplication(NewApplication(name: "Fresh", team: "cii", template: "empty"))
            let fresh = try await client.applications(revalidating: staleApps)
            #expect(fresh.changed)
            #expect(fresh.list.items.contains { $0.slug == "fresh" })
            #expect(fresh.list.pages.first?.etag != apps.list.pages.first?.etag)

            let manifest = try await client.manifest(of: "inference", in: "tesseract-ocr", revalidating: nil)
            #expect(try await client.manifest(of: "inference", in: "tesseract-ocr", revalidating: Tagged("cached", etag: manifest.etag)).value == "cached")
        }
    }

    @Test("a list of several pages is revalidated page by page: only a changed page is fetched again")
    func pagedListsRevalidatePerPage() async throws {
        try await withDemoPlatform { client in
            let paged = try await client.applications(pageSize: 2)
            #expect(paged.list.pages.count > 2)
            #expect(paged.list.pages.allSatisfy { $0.etag != nil })
            #expect(paged.list.items.count >= 6, "three pages at least, so that one lies between the first and the last")
            let stale = ApplicationPages(pages: paged.list.pages, items: paged.list.items.map { var app = $0; app.name = "cached"; return app })
            let unchanged = try await client.applications(revalidating: stale, pageSize: 2)
            #expect(!unchanged.changed)
            #expect(unchanged.list.items.map(\.name).allSatisfy { $0 == "cached" })
            let vouched = try await client.applications(revalidating: stale, pageSize: 2, firstPageVouches: true)
            #expect(!vouched.changed)
            #expect(vouched.list == stale)

            // The list is newest change first: deleting the last application changes the last page(s) only.
            let last = try #require(paged.list.items.last)
            try await client.deleteApplication(last.slug)
            let after = try await client.applications(revalidating: stale, pageSize: 2)
            #expect(after.changed)
            #expect(after.list.items.map(\.slug) == paged.list.items.dropLast().map(\.slug))
            // The first page changed (it carries the total) and so did the last; the pages between
            // answered 304, so their items are the cached ones.
            #expect(after.list.items.first?.name != "cached")
            #expect(after.list.items.last?.name != "cached")
            #expect(after.list.items.dropFirst(2).dropLast().contains { $0.name == "cached" })
            // A deletion far down the list changes the first page too (its total): vouching for the
            // rest on an unchanged first page never hides it.
            let vouchedAfter = try await client.applications(revalidating: stale, pageSize: 2, firstPageVouches: true)
            #expect(vouchedAfter.changed)
            #expect(vouchedAfter.list.items.map(\.slug) == after.list.items.map(\.slug))
        }
    }
}
