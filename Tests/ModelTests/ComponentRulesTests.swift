import Foundation
import Model
import Testing

@Suite("Component rules and manifests")
struct ComponentRulesTests {
    private let box = Component(name: "model", spec: .dataBox(DataBoxSpec()))
    private let ml = Component(name: "inference", spec: .mlComponent(MLComponentSpec(
        image: ImageReference(existingImageName: "python:3.11-slim"), modelBox: "model")))

    private func fields(_ component: Component, among others: [Component]) -> [String] {
        ComponentValidation.issues(component, among: others).map(\.field)
    }

    @Test("a component that refers only to what exists is valid")
    func valid() {
        #expect(fields(ml, among: [box]).isEmpty)
        let api = Component(name: "ocr", spec: .apiComponent(APIComponentSpec(
            published: true, mlComponent: NameReference(name: "inference"), restfulApi: RestfulAPI(path: "ocr/v1"))))
        #expect(fields(api, among: [box, ml]).isEmpty)
    }

    @Test("each broken rule names its field")
    func broken() {
        #expect(fields(ml, among: []) == ["spec.modelBox"])
        #expect(fields(ml, among: [box, ml]) == ["name"])
        var badPort = MLComponentSpec(image: ImageReference(existingImageName: "img"), servicePort: 70000)
        badPort.env = [EnvVar(name: "1BAD", value: "x")]
        badPort.resources = Resources(cpu: "lots", memory: "4 GB")
        #expect(fields(Component(name: "svc", spec: .mlComponent(badPort)), among: []) ==
                ["spec.servicePort", "spec.env[0].name", "spec.resources.cpu", "spec.resources.memory"])
        #expect(fields(Component(name: "Bad_Name", spec: .dataBox(DataBoxSpec())), among: []).first == "name")
        #expect(fields(Component(name: "big", spec: .dataBox(DataBoxSpec(s3DefaultStorage: S3DefaultStorage(capacity: "lots")))), among: [])
                == ["spec.s3DefaultStorage.capacity"])
        let both = APIComponentSpec(published: true, mlComponent: NameReference(name: "inference"),
                                    experimentPipeline: NameReference(name: "p"), restfulApi: RestfulAPI(path: "x"))
        #expect(fields(Component(name: "api", spec: .apiComponent(both)), among: [ml]) == ["spec"])
        let pipeline = ExperimentPipelineSpec(vars: [PipelineVar(name: "input")], stages: [
            PipelineStage(name: "prepare", image: ImageReference(existingImageName: "img"), inputs: [PipelineVar(name: "input")],
                          outputs: [PipelineVar(name: "output")]),
        ])
        #expect(fields(Component(name: "features", spec: .experimentPipeline(pipeline)), among: []) == ["spec.stages[0].vars[1]"])
    }

    @Test("a component name may have up to 63 characters, unlike an application slug")
    func longNames() {
        #expect(ComponentValidation.name(String(repeating: "a", count: 63)).isEmpty)
        #expect(ComponentValidation.name(String(repeating: "a", count: 64)).first?.message.en == "At most 63 characters (now 64)")
    }

    @Test("what refers to a component is known before it is deleted")
    func referrers() {
        #expect(ComponentValidation.referrers(of: "model", among: [box, ml]) == ["inference"])
        #expect(ComponentValidation.referrers(of: "inference", among: [box, ml]).isEmpty)
    }

    @Test("absent CRD fields take their defaults when decoded")
    func defaults() throws {
        let json = #"{"kind":"MLComponent","spec":{"image":{"existingImageName":"python:3.11-slim"}}}"#
        guard case .mlComponent(let spec) = try JSONDecoder().decode(ComponentSpec.self, from: Data(json.utf8)) else {
            Issue.record("wrong kind"); return
        }
        #expect(spec.servicePort == 8002)
        #expect(spec.env.isEmpty)
        let box = try JSONDecoder().decode(ComponentSpec.self, from: Data(#"{"kind":"DataBox","spec":{"s3DefaultStorage":{}}}"#.utf8))
        #expect(box == .dataBox(DataBoxSpec()))
    }

    @Test("the manifest is the unified-platform.cs.hse.ru/v1 resource in the application's namespace")
    func manifest() {
        var spec = MLComponentSpec(image: ImageReference(existingImageName: "platform-reg.stratpro.hse.ru/cii/ocr:3f9c2a1"), modelBox: "model")
        spec.env = [EnvVar(name: "LANGS", value: "rus+eng"), EnvVar(name: "DEBUG", value: "true")]
        let yaml = Manifest.yaml(of: Component(name: "inference", spec: .mlComponent(spec)), namespace: "pu-ikrupnov-pa-tesseract-ocr")
        #expect(yaml == """
            apiVersion: unified-platform.cs.hse.ru/v1
            kind: MLComponent
            metadata:
              name: inference
              namespace: pu-ikrupnov-pa-tesseract-ocr
            spec:
              connectedBoxes: []
              env:
                - name: LANGS
                  value: rus+eng
                - name: DEBUG
                  value: "true"
              envFrom: []
              image:
                existingImageName: "platform-reg.stratpro.hse.ru/cii/ocr:3f9c2a1"
              modelBox: model
              servicePort: 8002

            """)
        #expect(Manifest.yaml(of: Component(name: "box", spec: .dataBox(DataBoxSpec())), namespace: "ns").hasSuffix("spec:\n  s3DefaultStorage: {}\n"))
    }
}
