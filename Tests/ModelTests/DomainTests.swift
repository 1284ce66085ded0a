import Foundation
import Model
import Testing
import TestSupport

@Suite("Domain rules")
struct DomainTests {
    @Test("an application's status is its most urgent component's")
    func aggregatePhase() {
        #expect(Phase.aggregate([.deployed, .failed, .deploying]) == .failed)
        #expect(Phase.aggregate([.deployed, .deploying]) == .deploying)
        #expect(Phase.aggregate([.deployed, .stopped]) == .stopped)
        #expect(Phase.aggregate([]) == .deployed)
    }

    @Test("phases carry the web cabinet's words")
    func phaseLabels() {
        #expect(Phase.failed.label.text(in: .ru) == "Ошибка развертывания")
        #expect(Phase.deployed.label.text(in: .en) == "Deployed")
        #expect(ComponentKind.dataBox.pluralLabel.text(in: .ru) == "Ящики")
    }

    @Test("the namespace is pu-<owner>-pa-<slug> and fits Kubernetes' 63 characters")
    func namespace() {
        #expect(Namespace.of(owner: "ikrupnov", application: "tesseract-ocr") == "pu-ikrupnov-pa-tesseract-ocr")
        let longest = Namespace.of(owner: String(repeating: "u", count: 60), application: String(repeating: "a", count: 40))
        #expect(longest.count <= 63)
    }

    /// The collision found by the security review, and the class it stands for: owners whose
    /// slugged form or whose `-pa-` made two (owner, slug) pairs one namespace.
    @Test("no two owner and slug pairs share a namespace; every namespace is a DNS label of at most 63")
    func namespacesAreInjective() {
        #expect(Namespace.of(owner: "qa.pa.x", application: "victim") != Namespace.of(owner: "qa", application: "x-pa-victim"))
        #expect(Namespace.of(owner: "ivan.petrov", application: "app") != Namespace.of(owner: "ivan-petrov", application: "app"))
        #expect(Namespace.of(owner: "ivan_petrov", application: "app") != Namespace.of(owner: "ivan-petrov", application: "app"))
        #expect(Namespace.of(owner: "Ivan", application: "app") != Namespace.of(owner: "ivan", application: "app"))
        let alphabet = Array("ap-._xqAяé1")
        var random = SplitMix64(seed: 20261202)
        var seen: [String: (String, String)] = [:]
        for _ in 0..<20_000 {
            let owner = String((0..<Int.random(in: 1...9, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let slug = "a" + String((0..<Int.random(in: 0...8, using: &random)).map { _ in Array("pa-x1").randomElement(using: &random)! }) + "z"
            let namespace = Namespace.of(owner: owner, application: slug)
            #expect(namespace.count <= 63)
            #expect(namespace.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(namespace)")
            if let earlier = seen[namespace], earlier != (owner, slug) {
                Issue.record("\(earlier) and \((owner, slug)) share \(namespace)")
            }
            seen[namespace] = (owner, slug)
        }
    }

    @Test("capacities are Kubernetes quantities; junk is refused")
    func capacities() {
        #expect(Capacity("1G")?.bytes == 1_000_000_000)
        #expect(Capacity("500M")?.bytes == 500_000_000)
        #expect(Capacity("2Gi")?.bytes == 2 << 30)
        #expect(Capacity("1024")?.bytes == 1024)
        for bad in ["", "G", "-1G", "1.5G", "1 G", "0", "99999999999999999999T", "１G"] {
            #expect(Capacity(bad) == nil, "\(bad)")
        }
        #expect(DataBoxSpec().capacity == Capacity("1G"))
    }

    @Test("a component spec round-trips through JSON with its kind")
    func specCoding() throws {
        let component = Component(name: "inference", spec: .mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "python:3.11-slim"), env: [EnvVar(name: "A", value: "1")],
            modelBox: "model", run: LocalRun(command: "python3 -m service"))))
        let data = try JSONEncoder().encode(component)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"kind\":\"MLComponent\""))
        #expect(json.contains("\"servicePort\":8002"))
        #expect(try JSONDecoder().decode(Component.self, from: data) == component)
    }

    @Test("a quota refuses what would exceed it, overflow included")
    func quota() {
        let limit = QuotaLimit(hard: 10, used: 8)
        #expect(limit.allows(adding: 2))
        #expect(!limit.allows(adding: 3))
        #expect(!QuotaLimit(hard: .max, used: .max).allows(adding: 1))
    }

    @Test("the built-in templates are those of the web cabinet")
    func templates() {
        #expect(Template.builtIns.map(\.name) == ["Без шаблона", "ML-компонент + ящик"])
        #expect(Template.mlComponentWithBox.components.map(\.kind) == [.dataBox, .mlComponent])
    }
}

