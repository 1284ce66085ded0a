import Client
import ContractMapping
import Foundation
import Model
import PlatformContract
import Testing
import TestSupport

/// The one mapping between the contract's enums and the model's (Sources/ContractMapping): every
/// case reaches its namesake and comes back, and a value the contract does not list is refused.
@Suite("ContractMapping: wire values and domain values")
struct WireMappingTests {
    /// Each domain case goes to the wire case of its name and back to itself; no wire case is left over.
    private func mapsCaseForCase<Domain, Wire>(_ to: (Domain) -> Wire, _ back: (Wire) -> Domain)
        where Domain: CaseIterable & RawRepresentable & Equatable, Wire: CaseIterable & RawRepresentable,
              Domain.RawValue == String, Wire.RawValue == String
    {
        for value in Domain.allCases {
            #expect(to(value).rawValue == value.rawValue)
            #expect(back(to(value)) == value)
        }
        #expect(Wire.allCases.count == Domain.allCases.count)
    }

    @Test("every phase, role, kind, event type and quota resource goes to the wire as its own name and comes back")
    func casesMapToTheirNamesakes() {
        mapsCaseForCase({ Components.Schemas.Phase($0) }, { Phase($0) })
        mapsCaseForCase({ Components.Schemas.Role($0) }, { Role($0) })
        mapsCaseForCase({ Components.Schemas.ComponentKind($0) }, { ComponentKind($0) })
        mapsCaseForCase({ Components.Schemas.EventType($0) }, { EventType($0) })
        mapsCaseForCase({ Components.Schemas.QuotaResource($0) }, { QuotaResource($0) })
    }

    @Test("a spec goes to the wire without its kind and comes back as the same spec")
    func specRoundTrip() throws {
        let component = Component(name: "inference", spec: .mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "python:3.11-slim"), modelPath: "/", modelBox: "model")))
        let wire = try Components.Schemas.ComponentCreate(component)
        guard case .mlComponent(let new) = wire else { Issue.record("an ML component went as \(wire)"); return }
        #expect(new.spec.image.existingImageName == "python:3.11-slim")
        #expect(try Component(wire) == component)
    }

    @Test("a phase the contract does not list (a newer platform's) is an unexpected answer, never a default")
    func unknownPhaseIsUnexpected() async throws {
        let body = """
            {"items":[{"slug":"ocr","name":"OCR","description":"","team":"cii","template":"empty","author":"tester",\
            "namespace":"pu-tester-pa-ocr","createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z",\
            "status":{"phase":"hibernating","time":"2025-01-01T00:00:00Z"},\
            "components":{"mlComponents":0,"pipelines":0,"dataBoxes":0,"apiComponents":0}}]}
            """
        let listener = try LoopbackListener(.respond(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"))
        defer { listener.close() }
        let client = PlatformClient(endpoint: PlatformEndpoint(url: listener.url, token: "token"))
        do {
            let apps = try await client.listApplications()
            Issue.record("an unknown phase was read as \(apps.map(\.status.phase))")
        } catch {
            guard case .unexpected(let why) = error else { Issue.record("expected unexpected, got \(error)"); return }
            #expect(why.contains("hibernating"))
        }
    }
}
