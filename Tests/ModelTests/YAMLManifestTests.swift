import Foundation
import Model
import Testing

/// The YAML reader behind `e` on a component's manifest, and reading a manifest back into a spec.
@Suite("YAML reader and manifests read back")
struct YAMLManifestTests {
    static let namespace = "pu-ikrupnov-pa-tesseract-ocr"

    /// One component of each kind with every field the renderer writes filled in, Cyrillic,
    /// quotes and colons included, so that every rendering path is read back.
    static let components: [Component] = [
        Component(name: "inference", spec: .mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "registry.hse.ru/ocr:5.3"), servicePort: 8080,
            env: [EnvVar(name: "GREETING", value: "Привет: мир # не комментарий"), EnvVar(name: "EMPTY", value: ""),
                  EnvVar(name: "YES", value: "yes"), EnvVar(name: "NUMBER", value: "42"), EnvVar(name: "LINES", value: "a\nb\t\"c\""),
                  // What YAML does not allow as itself, or readers take for a line break or strip:
                  // C1 controls, DEL, NEL, U+2028/2029, a BOM, an escape. libyaml (Yams, PyYAML) refuses them raw.
                  EnvVar(name: "CONTROLS", value: "x\u{8C}y\u{7F}z\u{85}\u{2028}\u{2029}\u{FEFF}\u{1B}[0m\u{0}"),
                  EnvVar(name: "\u{9B}key", value: "plain after a C1 key")],
            envFrom: [EnvFromSource(secretRef: NameReference(name: "s3-keys")), EnvFromSource(configMapRef: NameReference(name: "settings"))],
            modelPath: "/models/tesseract", modelBox: "model",
            connectedBoxes: [ConnectedBox(name: "model", mountPath: "/data"), ConnectedBox(name: "scratch")],
            resources: Resources(cpu: "500m", memory: "4G", gpu: 1),
            run: LocalRun(command: "python3 -m http.server $PORT", workdir: "/home/me/сервис",
                          env: [EnvVar(name: "MODE", value: "dev")], healthPath: "/health", healthTimeoutSeconds: 30)))),
        Component(name: "train", spec: .experimentPipeline(ExperimentPipelineSpec(
            vars: [PipelineVar(name: "INPUT"), PipelineVar(name: "OUTPUT")],
            stages: [PipelineStage(name: "prepare", image: ImageReference(existingImageName: "python:3.11-slim"),
                                   inputs: [PipelineVar(name: "INPUT")], outputs: [PipelineVar(name: "OUTPUT")],
                                   run: LocalRun(command: "sh -c 'cp \"$UNIP_PIPELINE_INPUT\" \"$UNIP_PIPELINE_OUTPUT\"'")),
                     PipelineStage(name: "train", image: ImageReference(existingImageName: "python:3.11-slim"))],
            continueWith: "report"))),
        Component(name: "model", spec: .dataBox(DataBoxSpec(s3DefaultStorage: S3DefaultStorage(capacity: "2G")))),
        Component(name: "box", spec: .dataBox(DataBoxSpec())),
        Component(name: "api", spec: .apiComponent(APIComponentSpec(
            published: false, experimentPipeline: NameReference(name: "train"),
            apiSpec: APISpec(inputs: [PipelineVar(name: "INPUT")], outputs: []),
            restfulApi: RestfulAPI(path: "ocr/v1", auth: APIAuth(basic: BasicAuth(credentials: "users"), identityPassThrough: true))))),
    ]

    @Test("every kind's rendered manifest reads back to the same spec", arguments: components)
    func roundTrip(component: Component) throws {
        let yaml = Manifest.yaml(of: component, namespace: Self.namespace)
        let spec = try Manifest.spec(from: yaml, kind: component.kind, name: component.name, namespace: Self.namespace)
        #expect(spec == component.spec, "\(yaml)")
    }

    @Test("nodes keep their lines; comments, quotes, Cyrillic and block scalars are read")
    func linesAndScalars() throws {
        let text = """
        ---
        # заголовок
        name: Распознавание  # комментарий
        quoted: "a: b # c"
        single: 'it''s'
        list:
          - один
          - key: value
            other: "два"
        nested:
          deeper:
            leaf: 7
        block: |
          first line
            indented
        folded: >-
          one
          two
        empty:
        inline: []
        after: end
        """
        let root = try YAMLDocument.parse(text)
        #expect(root["name"]?.line == 3)
        #expect(root["name"]?.value.value == .scalar("Распознавание", quoted: false))
        #expect(root["quoted"]?.value.value == .scalar("a: b # c", quoted: true))
        #expect(root["single"]?.value.value == .scalar("it's", quoted: true))
        guard case .sequence(let items)? = root["list"]?.value.value else { Issue.record("list"); return }
        #expect(items.count == 2)
        #expect(items[0].line == 7)
        #expect(items[1]["other"]?.line == 9)
        #expect(items[1]["other"]?.value.value == .scalar("два", quoted: true))
        #expect(root["nested"]?.value["deeper"]?.value["leaf"]?.line == 12)
        #expect(root["block"]?.value.value == .scalar("first line\n  indented\n", quoted: true))
        #expect(root["folded"]?.value.value == .scalar("one two", quoted: true))
        #expect(root["empty"]?.value.value == .scalar("", quoted: false))
        #expect(root["inline"]?.value.value == .sequence([]))
        #expect(root["after"]?.line == 21)
        #expect(Manifest.line(of: "nested.deeper.leaf", in: text) == 12)
        #expect(Manifest.line(of: "list[1].other", in: text) == 9)
        #expect(Manifest.line(of: "nested.missing", in: text) == 10, "the nearest key there is")
    }

    @Test("syntax errors name their line", arguments: [
        ("a: 1\n\tb: 2\n", 2),
        ("a: 1\n   b: 2\n", 2),
        ("a: \"open\nb: 2\n", 1),
        ("a: 1\na: 2\n", 2),
        ("a:\n  - x\n  y: 2\n", 3),
        ("a: b: c\n", 1),
        ("ключ: значение\nещё ключ\n", 2),
        // CRLF line ends count as one line each.
        ("a: 1\r\nb: 2\r\nb: 3\r\n", 3),
        ("a: 1\r\n\tb: 2\r\n", 2),
        ("a: 1\nb: *nothing\n", 2),
        ("a: [1, 2\nb: 3\n", 2),
        ("a: {b: 1\n", 1),
        ("a: !custom x\n", 1),
        ("a:\n  <<: 5\n", 2),
        ("a: 1\n---\nb: 2\n", 2),
    ])
    func syntaxErrors(text: String, line: Int) {
        #expect(throws: YAMLError.self) { try YAMLDocument.parse(text) }
        do {
            _ = try YAMLDocument.parse(text)
        } catch {
            #expect(error.line == line, "\(text): \(error.message.en)")
            #expect(!error.message.ru.isEmpty && !error.message.en.isEmpty)
        }
    }

    private func problem(_ edit: (String) -> String, component: Component = components[0]) -> ManifestProblem? {
        let yaml = edit(Manifest.yaml(of: component, namespace: Self.namespace))
        do {
            _ = try Manifest.spec(from: yaml, kind: component.kind, name: component.name, namespace: Self.namespace)
            return nil
        } catch {
            return error
        }
    }

    private func lineNumber(of fragment: String, in component: Component = components[0]) -> Int? {
        let lines = Manifest.yaml(of: component, namespace: Self.namespace).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { $0.contains(fragment) }.map { $0 + 1 }
    }

    @Test("renaming, another kind, another namespace or apiVersion are refused at their line")
    func identity() throws {
        let renamed = try #require(problem { $0.replacingOccurrences(of: "name: inference", with: "name: other") })
        #expect(renamed.line == lineNumber(of: "name: inference"))
        #expect(renamed.message.en.contains("renaming is not an edit"))
        #expect(renamed.message.ru.contains("переименование"))
        let kind = try #require(problem { $0.replacingOccurrences(of: "kind: MLComponent", with: "kind: DataBox") })
        #expect(kind.line == 2 && kind.message.en.contains("MLComponent"))
        let namespace = try #require(problem { $0.replacingOccurrences(of: "namespace: \(Self.namespace)", with: "namespace: other") })
        #expect(namespace.line == lineNumber(of: "namespace:"))
        let version = try #require(problem { $0.replacingOccurrences(of: "/v1", with: "/v2") })
        #expect(version.line == 1)
    }

    @Test("unknown, missing and mistyped fields are refused at their line, in both languages")
    func fields() throws {
        let unknown = try #require(problem { $0.replacingOccurrences(of: "  servicePort: 8080", with: "  servicePort: 8080\n  replicas: 3") })
        #expect(unknown.line == (lineNumber(of: "servicePort") ?? 0) + 1)
        #expect(unknown.message.en == "unknown field spec.replicas")
        #expect(unknown.message.ru == "неизвестное поле spec.replicas")
        let typo = try #require(problem { $0.replacingOccurrences(of: "    cpu: 500m", with: "    cpus: 500m") })
        #expect(typo.line == lineNumber(of: "cpu: 500m") && typo.message.en == "unknown field spec.resources.cpus")
        let mistyped = try #require(problem { $0.replacingOccurrences(of: "servicePort: 8080", with: "servicePort: восемь") })
        #expect(mistyped.line == lineNumber(of: "servicePort"))
        #expect(mistyped.message.en == "spec.servicePort: expected an integer")
        let missing = try #require(problem { $0.replacingOccurrences(of: "    existingImageName: registry.hse.ru/ocr:5.3\n", with: "    {}\n") }
                                   ?? problem { $0.replacingOccurrences(of: "  image:\n    existingImageName: \"registry.hse.ru/ocr:5.3\"\n", with: "  image: {}\n") })
        #expect(missing.message.en.contains("existingImageName"), "\(missing.message.en)")
        let list = try #require(problem { $0.replacingOccurrences(of: "  connectedBoxes:\n", with: "  connectedBoxes: model\n  x:\n") })
        #expect(list.line == lineNumber(of: "connectedBoxes"))
        // A plain number where text is expected is the text (cpu: 2 is "2").
        #expect(problem { $0.replacingOccurrences(of: "cpu: 500m", with: "cpu: 2") } == nil)
    }

    @Test("the platform's field paths land on their key's line")
    func fieldLines() {
        let yaml = Manifest.yaml(of: Self.components[1], namespace: Self.namespace)
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let second = Manifest.line(of: "spec.stages[1].name", in: yaml)
        #expect(second.map { lines[$0 - 1].trimmingCharacters(in: .whitespaces) } == "name: train")
        #expect(Manifest.line(of: "name", in: yaml) == 4)
        #expect(Manifest.line(of: "spec.vars[0].name", in: yaml).map { lines[$0 - 1].trimmingCharacters(in: .whitespaces) } == "- name: INPUT")
    }
}
