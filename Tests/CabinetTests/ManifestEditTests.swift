import Client
import Foundation
import Model
import TerminalUI
import Testing
@testable import Cabinet

/// `e` on a component's Манифест tab: the editor's result is applied, or refused with its line
/// while the user's text is kept. The editor's steps arrive as the messages the commands would send.
@Suite("Cabinet: the manifest edited in $EDITOR")
struct ManifestEditTests {
    static let now = screenTestsNow
    static let namespace = "pu-ikrupnov-pa-tesseract-ocr"
    static let inference = Component(
        name: "inference", spec: .mlComponent(MLComponentSpec(image: ImageReference(existingImageName: "tesseract:5"), modelBox: "model")),
        status: Status(phase: .deployed, time: now))
    static let manifest = Manifest.yaml(of: inference, namespace: namespace)

    /// The component page of inference on its Манифест tab.
    private func page(_ language: Language) -> CabinetApp {
        var app = listedApp(language)
        _ = app.update(.key(.enter))
        feed(&app, .components(application: "tesseract-ocr"), .components([Self.inference]))
        _ = app.update(.key(.enter))
        feed(&app, .manifest(application: "tesseract-ocr", component: "inference"), .manifest(Self.manifest))
        _ = app.update(.key(.tab))
        return app
    }

    /// What `e` hands to the editor, asked of the page itself (the command only writes it to a file).
    private func editedText(_ app: CabinetApp) -> String? {
        guard var page = app.stack.last as? ComponentScreen,
              case .editExternally(let edit) = page.handle(.char("e"), command: .edit, context: app.context) else { return nil }
        #expect(edit.fileName == "inference.yaml")
        return edit.text
    }

    private func edit(_ text: String) -> ExternalEdit {
        ExternalEdit(application: "tesseract-ocr", component: "inference", fileName: "inference.yaml", text: text)
    }

    private func lineNumber(of fragment: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(fragment) } ?? -1) + 1
    }

    @Test("a bad edit shows file:line and the user's text; e reopens that text; u goes back to the platform's", arguments: Language.allCases)
    func refusedEdit(language: Language) throws {
        var app = page(language)
        #expect(render(app).contains(language == .ru ? "e править манифест" : "e edit manifest"), "the status bar offers e")
        #expect(editedText(app) == Self.manifest, "the first e opens the platform's manifest")
        let bad = Self.manifest.replacingOccurrences(of: "servicePort: 8002", with: "servicePort: восемь")
        _ = app.receive(.externalEdit(.finished(edit(Self.manifest), .edited(bad))))
        let line = lineNumber(of: "servicePort", in: bad)
        var text = render(app)
        let message = language == .ru ? "ожидался тип «целое число»" : "expected an integer"
        #expect(text.contains("inference.yaml:\(line): spec.servicePort: \(message)"), "\(text)")
        #expect(text.contains("servicePort: восемь"), "the user's text is shown, not the platform's")
        #expect(text.contains("▶\(line) │   servicePort: восемь"), "the line is marked\n\(text)")
        #expect(text.contains(language == .ru ? "Манифест не применён" : "The manifest was not applied"))
        #expect(text.contains(language == .ru ? "e — открыть его снова, u — вернуть манифест платформы" : "e opens it again, u goes back to the platform's manifest"),
                "the page says how to reopen or discard\n\(text)")
        #expect(editedText(app) == bad, "e again opens the user's edited version")

        // Leaving the page and coming back keeps it.
        _ = app.update(.key(.escape))
        _ = app.update(.key(.enter))
        #expect(render(app).contains("servicePort: восемь"), "the draft is shown again on the Манифест tab")
        #expect(editedText(app) == bad)

        // A second edit that is still wrong replaces the first, with its own line.
        let renamed = bad.replacingOccurrences(of: "name: inference", with: "name: other")
        _ = app.receive(.externalEdit(.finished(edit(bad), .edited(renamed))))
        text = render(app)
        #expect(text.contains("inference.yaml:\(lineNumber(of: "name: other", in: renamed)): "), "\(text)")
        #expect(text.contains(language == .ru ? "переименование — не правка" : "renaming is not an edit"))

        _ = app.update(.key(.char("u")))
        text = render(app)
        #expect(!text.contains("name: other") && text.contains("servicePort: 8002"), "u shows the platform's manifest again\n\(text)")
        #expect(editedText(app) == Self.manifest)
    }

    @Test("a good edit is sent as the new spec; the platform's field error lands on its key's line; success clears the draft")
    func appliedEdit() throws {
        var app = page(.en)
        let good = Self.manifest.replacingOccurrences(of: "servicePort: 8002", with: "servicePort: 70000")
        _ = app.receive(.externalEdit(.finished(edit(Self.manifest), .edited(good))))
        #expect(render(app).contains("Applying…"))
        var expected = MLComponentSpec(image: ImageReference(existingImageName: "tesseract:5"), modelBox: "model")
        expected.servicePort = 70000
        let action = PlatformAction.replaceComponent(application: "tesseract-ocr", name: "inference", .mlComponent(expected))
        _ = app.receive(.actionFinished(action, .failure(.rejected(status: 400, title: "Bad Request", detail: nil,
                                                                    fields: ["spec.servicePort": "Port from 1 to 65535 (now 70000)"]))))
        var text = render(app)
        #expect(text.contains("inference.yaml:\(lineNumber(of: "servicePort", in: good)): spec.servicePort: Port from 1 to 65535 (now 70000)"), "\(text)")
        #expect(editedText(app) == good)

        let fixed = good.replacingOccurrences(of: "70000", with: "8080")
        _ = app.receive(.externalEdit(.finished(edit(good), .edited(fixed))))
        expected.servicePort = 8080
        var applied = Self.inference
        applied.spec = .mlComponent(expected)
        _ = app.receive(.actionFinished(.replaceComponent(application: "tesseract-ocr", name: "inference", .mlComponent(expected)),
                                        .success(.component(applied))))
        text = render(app)
        #expect(text.contains("The manifest was applied"))
        #expect(!text.contains("inference.yaml:"), "no error is left\n\(text)")
        #expect(editedText(app) == Self.manifest, "back to the platform's manifest (fetched again)")
    }

    @Test("an unchanged file, a failing editor and offline are said in the status bar, and nothing is sent")
    func nothingToApply() {
        var app = page(.en)
        _ = app.receive(.externalEdit(.finished(edit(Self.manifest), .unchanged)))
        #expect(render(app).contains("The manifest is unchanged: nothing to apply"))
        // Only a comment changed: the same spec, nothing to apply either.
        _ = app.receive(.externalEdit(.finished(edit(Self.manifest), .edited("# note\n" + Self.manifest))))
        #expect(render(app).contains("The manifest is unchanged"))
        _ = app.receive(.externalEdit(.finished(edit(Self.manifest), .failed(Catalog.editorNotStarted("exit 127")))))
        #expect(render(app).contains("The editor did not start (exit 127); set VISUAL or EDITOR"))
        _ = app.receive(.heartbeat(.unreachable("connection refused")))
        _ = app.update(.key(.char("e")))
        #expect(render(app).contains("Platform unreachable: not sent"), "\(render(app))")
        #expect(editedText(app) == nil, "offline, e hands nothing to the editor")
        // The platform went away while the editor was open: the edit is kept, not lost.
        let edited = Self.manifest.replacingOccurrences(of: "servicePort: 8002", with: "servicePort: 8080")
        _ = app.receive(.externalEdit(.finished(edit(Self.manifest), .edited(edited))))
        let text = render(app)
        #expect(text.contains("inference.yaml: Platform unreachable") && text.contains("servicePort: 8080"), "\(text)")
        // Back online, the draft saved unchanged is tried again.
        _ = app.receive(.heartbeat(nil))
        _ = app.receive(.applicationsFetched(.success(sampleApplications()), at: Self.now))
        _ = app.receive(.externalEdit(.finished(edit(edited), .unchanged)))
        #expect(render(app).contains("Applying…"))
    }

    @Test("a refused edit matches its golden frame, from 80×24 down to 20×6 and smaller", arguments: [(80, 24), (20, 6), (30, 4), (1, 1)])
    func smallSizes(width: Int, height: Int) {
        for language in Language.allCases {
            var app = page(language)
            _ = app.update(.resize(width: width, height: height))
            _ = app.receive(.externalEdit(.finished(edit(Self.manifest), .edited("kind: [\n"))))
            var buffer = Buffer(width: width, height: height)
            app.view(into: &buffer)
            GoldenFrames.check(buffer, named: "manifest-refused.\(language.rawValue).\(width)x\(height)")
        }
    }
}
