import Model
import TerminalUI

/// The add/edit form of one component, fitted to its kind: the fields a person sets by hand (the
/// rest of an edited spec is kept as it was). Field ids are the spec paths the platform and
/// `ComponentValidation` name in their messages, so errors land under the right field.
struct ComponentEditor: PlatformForm, Sendable {
    let kind: ComponentKind
    /// The component being edited; nil when adding one.
    let original: Component?
    private(set) var form: FormState
    /// A problem that belongs to no field of the form.
    var formError: String?
    var submitting = false

    init(kind: ComponentKind, editing original: Component? = nil, language: Language) {
        self.kind = kind
        self.original = original
        func text(_ id: String, _ label: LocalizedText, _ value: String?, placeholder: String = "") -> FormField {
            FormField(id: id, label: label.text(in: language), kind: .text(TextFieldState(text: value ?? "", maxLength: 200), placeholder: placeholder))
        }
        var fields: [FormField] = []
        if original == nil { fields.append(text("name", Catalog.componentName, nil, placeholder: "model")) }
        switch original?.spec ?? Self.blank(kind) {
        case .mlComponent(let ml):
            fields += [
                text("spec.image.existingImageName", Catalog.image, ml.image.existingImageName, placeholder: "python:3.11-slim"),
                text("spec.servicePort", Catalog.servicePort, String(ml.servicePort)),
                text("spec.modelBox", Catalog.modelBox, ml.modelBox),
                text("spec.modelPath", Catalog.modelPath, ml.modelPath, placeholder: "/"),
                text("spec.resources.cpu", Catalog.cpu, ml.resources?.cpu, placeholder: "500m"),
                text("spec.resources.memory", Catalog.memory, ml.resources?.memory, placeholder: "4G"),
                text("spec.run.command", Catalog.runCommand, ml.run?.command, placeholder: "python3 service.py"),
                text("spec.run.workdir", Catalog.runWorkdir, ml.run?.workdir, placeholder: "/home/me/service"),
            ]
        case .experimentPipeline(let pipeline):
            let stage = pipeline.stages.first
            fields += [
                text("spec.vars", Catalog.pipelineVars, pipeline.vars.map(\.name).joined(separator: ", "), placeholder: "INPUT, OUTPUT"),
                text("spec.stages[0].name", Catalog.stageName, stage?.name, placeholder: "train"),
                text("spec.stages[0].image.existingImageName", Catalog.stageImage, stage?.image.existingImageName, placeholder: "python:3.11-slim"),
                text("spec.stages[0].inputs", Catalog.stageInputs, stage?.inputs.map(\.name).joined(separator: ", "), placeholder: "INPUT"),
                text("spec.stages[0].outputs", Catalog.stageOutputs, stage?.outputs.map(\.name).joined(separator: ", "), placeholder: "OUTPUT"),
                text("spec.stages[0].run.command", Catalog.runCommand, stage?.run?.command, placeholder: "python3 train.py"),
                text("spec.stages[0].run.workdir", Catalog.runWorkdir, stage?.run?.workdir, placeholder: "/home/me/pipeline"),
            ]
        case .dataBox(let box):
            fields.append(text("spec.s3DefaultStorage.capacity", Catalog.capacity, box.s3DefaultStorage.capacity, placeholder: "1G"))
        case .apiComponent(let api):
            let targetsPipeline = api.experimentPipeline != nil
            fields += [
                FormField(id: "target", label: Catalog.publishes.text(in: language), kind: .select(SelectState(
                    options: [Catalog.singular(.mlComponent).text(in: language), Catalog.singular(.experimentPipeline).text(in: language)],
                    selected: targetsPipeline ? 1 : 0))),
                text("target.name", Catalog.targetName, api.mlComponent?.name ?? api.experimentPipeline?.name),
                text("spec.restfulApi.path", Catalog.routePath, api.restfulApi.path, placeholder: "predict"),
                FormField(id: "published", label: Catalog.published.text(in: language), kind: .select(SelectState(
                    options: [Catalog.yes.text(in: language), Catalog.no.text(in: language)], selected: api.published ? 0 : 1))),
            ]
        }
        fields.append(FormField(id: "buttons", label: "", kind: .buttons([
            (original == nil ? Catalog.add : Catalog.save).text(in: language), Catalog.cancel.text(in: language)])))
        form = FormState(fields: fields)
    }

    /// `:lang`: the form's words in `language`, what was typed kept.
    mutating func relabel(language: Language) {
        form.relabel(from: ComponentEditor(kind: kind, editing: original, language: language).form)
    }

    /// What a new component of the kind starts from (the CRD's defaults).
    private static func blank(_ kind: ComponentKind) -> ComponentSpec {
        let image = ImageReference(existingImageName: "")
        switch kind {
        case .mlComponent: return .mlComponent(MLComponentSpec(image: image))
        case .experimentPipeline: return .experimentPipeline(ExperimentPipelineSpec(vars: [], stages: []))
        case .dataBox: return .dataBox(DataBoxSpec())
        case .apiComponent: return .apiComponent(APIComponentSpec(published: true, restfulApi: RestfulAPI(path: "")))
        }
    }

    enum Outcome: Equatable, Sendable {
        case editing
        case cancelled
        /// The form holds a component that passes the rules; the caller sends it.
        case submit(Component)
    }

    /// Keys go to the form; Создать/Сохранить checks the component against its application's others.
    mutating func handle(_ key: Key, command: KeyAction? = nil, others: [Component], language: Language) -> Outcome {
        guard !submitting else { return key == .escape ? .cancelled : .editing }
        switch form.handle(key, command: command, language: language) {
        case .cancelled, .submitted(1): return .cancelled
        case .submitted:
            let component = build(others: others)
            let issues = ComponentValidation.issues(component, among: others.filter { $0.name != original?.name })
            show(issues.map { ($0.field, $0.message.text(in: language)) })
            return issues.isEmpty ? .submit(component) : .editing
        case .none:
            formError = nil
            return .editing
        }
    }

    /// Shows messages under the fields they name (by spec path, or the nearest field above it).
    mutating func show(_ messages: [(field: String, message: String)]) {
        form.clearErrors()
        var unplaced: [String] = []
        var first: String?
        for (field, message) in messages {
            let target = form.fields.map(\.id)
                .filter { field == $0 || field.hasPrefix($0 + ".") || field.hasPrefix($0 + "[") || Self.aliases[field] == $0 }
                .max { $0.count < $1.count }
            if let target {
                if form[target]?.error == nil { form.setError(message, for: target) }
                first = first ?? target
            } else {
                unplaced.append(field == "spec" ? message : "\(field): \(message)")
            }
        }
        formError = unplaced.isEmpty ? nil : unplaced.joined(separator: "; ")
        if let first { form.focus(first) }
    }

    private static let aliases = ["spec.mlComponent.name": "target.name", "spec.experimentPipeline.name": "target.name", "spec.apiSpec": "target.name"]

    private func value(_ id: String) -> String {
        (form.value(of: id) ?? "").trimmingCharacters(in: .whitespaces)
    }

    private func optional(_ id: String) -> String? {
        let text = value(id)
        return text.isEmpty ? nil : text
    }

    private func variables(_ id: String) -> [PipelineVar] {
        value(id).split(separator: ",").map { PipelineVar(name: $0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.name.isEmpty }
    }

    /// The component the form describes, on top of the edited one's spec.
    func build(others: [Component]) -> Component {
        let name = original?.name ?? value("name")
        switch original?.spec ?? Self.blank(kind) {
        case .mlComponent(var ml):
            ml.image = ImageReference(existingImageName: value("spec.image.existingImageName"))
            ml.servicePort = Int(value("spec.servicePort")) ?? (value("spec.servicePort").isEmpty ? MLComponentSpec.defaultServicePort : -1)
            ml.modelBox = optional("spec.modelBox")
            ml.modelPath = optional("spec.modelPath") ?? (ml.modelBox == nil ? nil : "/")
            var resources = ml.resources ?? Resources()
            resources.cpu = optional("spec.resources.cpu")
            resources.memory = optional("spec.resources.memory")
            ml.resources = resources == Resources() ? nil : resources
            ml.run = Self.run(optional("spec.run.command"), workdir: optional("spec.run.workdir"), keeping: ml.run)
            return Component(name: name, spec: .mlComponent(ml))
        case .experimentPipeline(var pipeline):
            let stage = PipelineStage(
                name: value("spec.stages[0].name"), image: ImageReference(existingImageName: value("spec.stages[0].image.existingImageName")),
                inputs: variables("spec.stages[0].inputs"), outputs: variables("spec.stages[0].outputs"),
                run: Self.run(optional("spec.stages[0].run.command"), workdir: optional("spec.stages[0].run.workdir"), keeping: pipeline.stages.first?.run))
            pipeline.vars = variables("spec.vars")
            if pipeline.stages.isEmpty { pipeline.stages = [stage] } else { pipeline.stages[0] = stage }
            return Component(name: name, spec: .experimentPipeline(pipeline))
        case .dataBox(var box):
            box.s3DefaultStorage.capacity = optional("spec.s3DefaultStorage.capacity")
            return Component(name: name, spec: .dataBox(box))
        case .apiComponent(var api):
            let target = NameReference(name: value("target.name"))
            if form.value(of: "target") == form["target"].flatMap(Self.secondOption) {
                api.experimentPipeline = target
                api.mlComponent = nil
                if api.apiSpec == nil, case .experimentPipeline(let pipeline)? = others.first(where: { $0.name == target.name })?.spec {
                    api.apiSpec = APISpec(inputs: Array(pipeline.vars.prefix(1)), outputs: Array(pipeline.vars.suffix(1)))
                }
            } else {
                api.mlComponent = target
                api.experimentPipeline = nil
                api.apiSpec = nil
            }
            api.restfulApi.path = value("spec.restfulApi.path")
            api.published = form.value(of: "published") == form["published"].flatMap(Self.firstOption)
            return Component(name: name, spec: .apiComponent(api))
        }
    }

    /// How the local platform runs it: a command (none: not run here), keeping what the form does
    /// not show (environment, health check).
    private static func run(_ command: String?, workdir: String?, keeping old: LocalRun?) -> LocalRun? {
        guard let command else { return nil }
        var run = old ?? LocalRun(command: command)
        run.command = command
        run.workdir = workdir
        return run
    }

    private static func firstOption(_ field: FormField) -> String? {
        if case .select(let state, _) = field.kind { state.options.first } else { nil }
    }

    private static func secondOption(_ field: FormField) -> String? {
        if case .select(let state, _) = field.kind, state.options.count > 1 { state.options[1] } else { nil }
    }

    func title(language: Language) -> String {
        if let original { return "\(Catalog.editComponent.text(in: language)) \(original.name)" }
        return Catalog.addComponent(kind).text(in: language)
    }

    func render(in area: Rect, buffer: inout Buffer, palette: Palette, language: Language) {
        ScreenDrawing.form(form, title: title(language: language), status: submitting ? Catalog.saving.text(in: language) : formError,
                           isError: !submitting, in: area, palette: palette, buffer: &buffer)
    }
}
