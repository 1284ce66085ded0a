import Foundation
import Model
import Testing

/// What developers write that the hand-written reader misread or refused: CRLF files, flow style,
/// anchors, aliases and merge keys, several documents; and bad input, which is refused at its line
/// and never traps.
@Suite("YAML read by Yams: CRLF, flow style, anchors and merge keys, documents, bad input")
struct YAMLThroughYamsTests {
    static let namespace = "pu-ikrupnov-pa-tesseract-ocr"

    private func spec(_ text: String, kind: ComponentKind = .mlComponent, name: String = "inference") throws(ManifestProblem) -> ComponentSpec {
        try Manifest.spec(from: text, kind: kind, name: name, namespace: Self.namespace)
    }

    private func problem(_ text: String, kind: ComponentKind = .mlComponent, name: String = "inference") -> ManifestProblem? {
        do {
            _ = try spec(text, kind: kind, name: name)
            return nil
        } catch {
            return error
        }
    }

    // MARK: CRLF

    @Test("CRLF line ends: keys, nesting and lines as with LF")
    func crlf() throws {
        let root = try YAMLDocument.parse("spec:\r\n  image: x\r\n  port: 8080\r\n")
        #expect(root["spec"]?.value["image"]?.value.value == .scalar("x", quoted: false))
        #expect(root["spec"]?.value["port"]?.line == 3)
        #expect(root["spec"].map { if case .mapping(let entries) = $0.value.value { entries.map(\.key) } else { [] } } == ["image", "port"])
        let block = try YAMLDocument.parse("command: |\r\n  python3 serve.py\r\n  --port 8080\r\n")
        #expect(block["command"]?.value.value == .scalar("python3 serve.py\n--port 8080\n", quoted: true), "no CR in a block scalar")
    }

    /// A manifest as Windows editors (and `git config core.autocrlf true`) save it.
    static let crlfManifest = """
    apiVersion: unified-platform.cs.hse.ru/v1
    kind: MLComponent
    metadata:
      name: inference
      namespace: pu-ikrupnov-pa-tesseract-ocr
    spec:
      image:
        existingImageName: registry.hse.ru/ocr:5.3
      servicePort: 8080
      env:
        - name: LANG
          value: "ru_RU.UTF-8"
      resources:
        cpu: 500m
        memory: 4G
    """.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"

    @Test("a CRLF manifest reads to the same spec as its LF copy, and its mistakes are at their lines")
    func crlfManifest() throws {
        let expected = ComponentSpec.mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "registry.hse.ru/ocr:5.3"), servicePort: 8080,
            env: [EnvVar(name: "LANG", value: "ru_RU.UTF-8")], resources: Resources(cpu: "500m", memory: "4G")))
        #expect(try spec(Self.crlfManifest) == expected)
        #expect(try spec(Self.crlfManifest.replacingOccurrences(of: "\r\n", with: "\n")) == expected)
        let wrong = try #require(problem(Self.crlfManifest.replacingOccurrences(of: "servicePort: 8080", with: "servicePort: eighty")))
        #expect(wrong.line == 9 && wrong.message.en == "spec.servicePort: expected an integer")
        #expect(Manifest.line(of: "spec.resources.memory", in: Self.crlfManifest) == 15)
    }

    // MARK: Flow style

    @Test("flow collections: lists in [ ], mappings in { }, nested, over several lines")
    func flow() throws {
        let root = try YAMLDocument.parse("""
        args: ["--port", "8080", plain]
        resources: {cpu: 1, memory: "2G"}
        nested: [{name: a, value: "1"}, {name: b}]
        spread: [
          one,
          two,
        ]
        """)
        #expect(root["args"]?.value.value == .sequence([
            YAMLNode(.scalar("--port", quoted: true), line: 1), YAMLNode(.scalar("8080", quoted: true), line: 1),
            YAMLNode(.scalar("plain", quoted: false), line: 1),
        ]))
        #expect(root["resources"]?.value["cpu"]?.value.value == .scalar("1", quoted: false))
        #expect(root["resources"]?.value["memory"]?.value.value == .scalar("2G", quoted: true))
        guard case .sequence(let nested)? = root["nested"]?.value.value, case .sequence(let spread)? = root["spread"]?.value.value else {
            Issue.record("not lists"); return
        }
        #expect(nested.count == 2 && nested[0]["value"]?.value.value == .scalar("1", quoted: true))
        #expect(spread.map(\.line) == [5, 6], "items of a flow list keep their own lines")
    }

    @Test("a flow-style manifest reads to its spec")
    func flowManifest() throws {
        let text = """
        apiVersion: "unified-platform.cs.hse.ru/v1"
        kind: MLComponent
        metadata: {name: inference, namespace: pu-ikrupnov-pa-tesseract-ocr}
        spec:
          image: {existingImageName: "registry.hse.ru/ocr:5.3"}
          servicePort: 8080
          env: [{name: MODE, value: prod}, {name: WORKERS, value: "4"}]
          envFrom: [{secretRef: {name: s3-keys}}]
          connectedBoxes: [{name: model, mountPath: /data}, {name: scratch}]
          resources: {cpu: 1, memory: 4G, gpu: 1}
        """
        #expect(try spec(text) == .mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "registry.hse.ru/ocr:5.3"), servicePort: 8080,
            env: [EnvVar(name: "MODE", value: "prod"), EnvVar(name: "WORKERS", value: "4")],
            envFrom: [EnvFromSource(secretRef: NameReference(name: "s3-keys"))],
            connectedBoxes: [ConnectedBox(name: "model", mountPath: "/data"), ConnectedBox(name: "scratch")],
            resources: Resources(cpu: "1", memory: "4G", gpu: 1))), "cpu: 1 where text is expected is the text 1")
        let unknown = try #require(problem(text.replacingOccurrences(of: "{name: scratch}", with: "{name: scratch, size: 2G}")))
        #expect(unknown.line == 9 && unknown.message.en == "unknown field spec.connectedBoxes[1].size")
        let mistyped = try #require(problem(text.replacingOccurrences(of: "gpu: 1}", with: "gpu: one}")))
        #expect(mistyped.line == 10 && mistyped.message.en == "spec.resources.gpu: expected an integer")
    }

    // MARK: Anchors, aliases, merge keys

    @Test("anchors and aliases repeat a value; merge keys merge mappings, the mapping's own keys winning")
    func anchorsAndMerge() throws {
        let root = try YAMLDocument.parse("""
        defaults: &defaults
          cpu: 500m
          memory: 1G
        image: &python python:3.11-slim
        small:
          <<: *defaults
          memory: 2G
        other:
          image: *python
        both:
          <<: [*defaults, {memory: 8G, gpu: 1}]
        """)
        let small = try #require(root["small"]?.value)
        #expect(small["cpu"]?.value.value == .scalar("500m", quoted: false))
        #expect(small["memory"]?.value.value == .scalar("2G", quoted: false), "the mapping's own key wins")
        #expect(small["cpu"]?.line == 2, "a merged key is where its text is: under the anchor")
        #expect(small["<<"] == nil)
        #expect(root["other"]?.value["image"]?.value.value == .scalar("python:3.11-slim", quoted: false))
        let both = try #require(root["both"]?.value)
        #expect(both["memory"]?.value.value == .scalar("1G", quoted: false), "the first merged mapping wins")
        #expect(both["gpu"]?.value.value == .scalar("1", quoted: false))
        #expect(try YAMLDocument.parse("\"<<\": quoted")["<<"] != nil, "a quoted << is an ordinary key")
    }

    /// Pipelines repeat themselves: stages share an image, and a stage is another's with changes.
    @Test("a pipeline whose stages share an anchored image and merge another stage reads to its spec")
    func pipelineWithAnchors() throws {
        let text = """
        apiVersion: unified-platform.cs.hse.ru/v1
        kind: ExperimentPipeline
        metadata:
          name: train
          namespace: pu-ikrupnov-pa-tesseract-ocr
        spec:
          vars: [{name: INPUT}, {name: MODEL}, {name: REPORT}]
          stages:
            - &prepare
              name: prepare
              image: &python {existingImageName: "python:3.11-slim"}
              inputs: [{name: INPUT}]
              outputs: [{name: MODEL}]
            - <<: *prepare
              name: train
              inputs: [{name: MODEL}]
            - name: report
              image: *python
              inputs: [{name: MODEL}]
              outputs: [{name: REPORT}]
          continueWith: report
        """
        let python = ImageReference(existingImageName: "python:3.11-slim")
        #expect(try spec(text, kind: .experimentPipeline, name: "train") == .experimentPipeline(ExperimentPipelineSpec(
            vars: [PipelineVar(name: "INPUT"), PipelineVar(name: "MODEL"), PipelineVar(name: "REPORT")],
            stages: [
                PipelineStage(name: "prepare", image: python, inputs: [PipelineVar(name: "INPUT")], outputs: [PipelineVar(name: "MODEL")]),
                PipelineStage(name: "train", image: python, inputs: [PipelineVar(name: "MODEL")], outputs: [PipelineVar(name: "MODEL")]),
                PipelineStage(name: "report", image: python, inputs: [PipelineVar(name: "MODEL")], outputs: [PipelineVar(name: "REPORT")]),
            ], continueWith: "report")))
        #expect(Manifest.line(of: "spec.stages[1].name", in: text) == 15, "the merging stage's own key")
        #expect(Manifest.line(of: "spec.stages[1].outputs", in: text) == 13, "a merged key: where its text is")

        // An anchor kept outside spec is no field of the component: refused like any unknown key.
        let outside = text.replacingOccurrences(of: "spec:\n", with: "x-python: &python {existingImageName: python}\nspec:\n")
            .replacingOccurrences(of: "image: &python {existingImageName: \"python:3.11-slim\"}", with: "image: *python")
        let refused = try #require(problem(outside, kind: .experimentPipeline, name: "train"))
        #expect(refused.line == 6 && refused.message.en == "unknown field x-python")
    }

    @Test("env shared by merge keys between an ML component's run and its own settings")
    func mergedResources() throws {
        let text = """
        apiVersion: unified-platform.cs.hse.ru/v1
        kind: MLComponent
        metadata:
          name: inference
          namespace: pu-ikrupnov-pa-tesseract-ocr
        spec:
          image:
            existingImageName: registry.hse.ru/ocr:5.3
          env: &env
            - name: MODEL_DIR
              value: /data/model
          resources: &small
            cpu: 500m
            memory: 2G
          run:
            command: python3 -m serve
            env: *env
        """
        let read = try spec(text)
        guard case .mlComponent(let ml) = read else { Issue.record("\(read)"); return }
        #expect(ml.env == [EnvVar(name: "MODEL_DIR", value: "/data/model")])
        #expect(ml.run?.env == ml.env)
        let merged = text.replacingOccurrences(of: "  resources: &small\n    cpu: 500m\n    memory: 2G\n",
                                               with: "  resources:\n    <<: {cpu: 500m, memory: 2G}\n    memory: 8G\n")
        guard case .mlComponent(let bigger) = try spec(merged) else { Issue.record("kind"); return }
        #expect(bigger.resources == Resources(cpu: "500m", memory: "8G"))
        // A mistake in merged text is reported where the text is.
        let wrong = try #require(problem(text.replacingOccurrences(of: "value: /data/model", with: "value: [a]")))
        #expect(wrong.line == 11, "\(wrong)")
    }

    // MARK: Several documents

    @Test("several documents: each is read with its own lines; empty ones are left out")
    func documents() throws {
        let text = """
        # first
        ---
        a: 1
        ---
        b: 2
        ...
        ---
        # nothing but a comment
        ---
        c: [3]
        """
        let documents = try YAMLDocument.parseAll(text)
        #expect(documents.map(\.line) == [2, 4, 9])
        #expect(documents.map(\.root.line) == [3, 5, 10])
        #expect(documents[1].root["b"]?.line == 5)
        #expect(try YAMLDocument.parseAll("").isEmpty && YAMLDocument.parseAll("# only\n").isEmpty)
        #expect(try YAMLDocument.parse("---\na: 1\n---\n")["a"] != nil, "a leading and a trailing --- is one document")
    }

    @Test("a manifest with a second document is refused at its ---, naming the component edited")
    func secondDocument() throws {
        let one = Manifest.yaml(of: Component(name: "inference", spec: .mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "registry.hse.ru/ocr:5.3")))), namespace: Self.namespace)
        let box = Manifest.yaml(of: Component(name: "model", spec: .dataBox(DataBoxSpec())), namespace: Self.namespace)
        let both = try #require(problem(one + "---\n" + box))
        #expect(both.line == one.textLines.count, "the line of the ---")
        #expect(both.message.en.contains("a second document") && both.message.en.contains("inference"))
        #expect(!both.message.ru.isEmpty)
        #expect(problem("---\n" + one + "---\n") == nil, "markers around one document are fine")
        #expect(problem("---\n" + one + "...\n") == nil)
    }

    // MARK: Bad input

    @Test("what YAML means but a manifest cannot hold is refused at its line", arguments: [
        ("a: !!binary aGVsbG8=\n", 1, "!!binary"),
        ("a:\n  ? [x, y]\n  : z\n", 2, "a key must be text"),
        ("a:\n  <<: [*x]\n", 2, "*x"),
        ("a: &x 1\nb:\n  <<: *x\n", 3, "<<: expected a mapping"),
        ("a: \"\\q\"\n", 1, "escape"),
        ("a: @x\n", 1, "quote it"),
        ("a: \u{7}\n", 1, "control character"),
    ])
    func refused(text: String, line: Int, words: String) {
        do {
            let root = try YAMLDocument.parse(text)
            Issue.record("read as \(root)")
        } catch {
            #expect(error.line == line, "\(text.debugDescription): \(error.message.en)")
            #expect(error.message.en.contains(words), "\(error.message.en)")
            #expect(!error.message.ru.isEmpty)
        }
    }

    @Test("an alias bomb is refused, quickly and with a line, rather than expanded")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let start = ContinuousClock.now
        #expect(throws: YAMLError.self) { try YAMLDocument.parse(text) }
        #expect(ContinuousClock.now - start < .seconds(10))
        let problem = problem("apiVersion: unified-platform.cs.hse.ru/v1\n" + text)
        #expect(problem?.message.en.contains("more than \(YAMLDocument.valueLimit) values") == true, "\(String(describing: problem))")
    }

    @Test("deep nesting is refused with a message, not a stack overflow")
    func deepNesting() {
        for text in [String(repeating: "[", count: 100_000), String(repeating: "{a: ", count: 50_000), String(repeating: "- ", count: 20_000) + "x"] {
            do {
                _ = try YAMLDocument.parse(text)
                Issue.record("read")
            } catch {
                #expect(!error.message.en.isEmpty && error.line >= 1)
            }
        }
    }

    /// Every prefix and many mutilations of real manifests: each is read or refused with a line,
    /// and the process is still here to check the next.
    @Test("no cut or mangled manifest traps")
    func neverTraps() {
        let texts = [Self.crlfManifest, Manifest.yaml(of: Component(name: "inference", spec: .mlComponent(MLComponentSpec(
            image: ImageReference(existingImageName: "registry.hse.ru/ocr:5.3"), env: [EnvVar(name: "A", value: "б: в # г")],
            resources: Resources(cpu: "1")))), namespace: Self.namespace)]
        let noise: [String] = ["\t", "\"", "'", "[", "]", "{", "}", ":", "- ", "&a ", "*a", "<<: ", "!", "|", ">", "#", "---\n", "\r\n", "\u{0}", "\u{FEFF}", "%", "@", "?", "\\"]
        var random = SystemRandomNumberGenerator()
        var read = 0
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            for cut in stride(from: 0, to: scalars.count, by: 3) {
                let prefix = String(String.UnicodeScalarView(scalars[..<cut]))
                if (try? YAMLDocument.parse(prefix)) != nil { read += 1 }
                _ = problem(prefix)
            }
            for _ in 0..<400 {
                var mangled = scalars
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let at = Int.random(in: 0...mangled.count, using: &random)
                    mangled.insert(contentsOf: noise.randomElement(using: &random)!.unicodeScalars, at: at)
                }
                let text = String(String.UnicodeScalarView(mangled))
                if let problem = problem(text), let line = problem.line {
                    #expect(line >= 1 && line <= text.textLines.count + 1, "\(text.debugDescription): \(problem)")
                }
            }
        }
        #expect(read > 0)
    }
}
