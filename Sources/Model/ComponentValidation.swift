/// The rules a component must follow within its application: a valid name, values in range, and
/// references only to components that exist and are of the right kind. The platform refuses what
/// breaks them; the cabinet shows the same messages under the fields.
public enum ComponentValidation {
    /// Problems with `component` among `others` (the application's other components), most
    /// fundamental first. Fields are named by their path in the spec, e.g. `spec.servicePort`.
    public static func issues(_ component: Component, among others: [Component]) -> [FieldIssue] {
        var issues = name(component.name)
        if others.contains(where: { $0.name == component.name }) {
            issues.append(FieldIssue(field: "name", .nameTaken(component.name)))
        }
        func exists(_ name: String, _ kind: ComponentKind) -> Bool {
            others.contains { $0.name == name && $0.kind == kind }
        }
        func reference(_ field: String, _ name: String, _ kind: ComponentKind) {
            if !exists(name, kind) { issues.append(FieldIssue(field: field, .noSuchComponent(kind: kind, name: name))) }
        }
        switch component.spec {
        case .mlComponent(let ml):
            if ml.image.existingImageName.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(FieldIssue(field: "spec.image.existingImageName", .imageRequired))
            }
            if !(1...65535).contains(ml.servicePort) {
                issues.append(FieldIssue(field: "spec.servicePort", .portRange(now: ml.servicePort)))
            }
            if let box = ml.modelBox { reference("spec.modelBox", box, .dataBox) }
            for (i, box) in ml.connectedBoxes.enumerated() { reference("spec.connectedBoxes[\(i)].name", box.name, .dataBox) }
            for (i, variable) in ml.env.enumerated() where !isEnvName(variable.name) {
                issues.append(FieldIssue(field: "spec.env[\(i)].name", .envName))
            }
            if let cpu = ml.resources?.cpu, !isCPU(cpu) {
                issues.append(FieldIssue(field: "spec.resources.cpu", .cpuFormat))
            }
            if let memory = ml.resources?.memory, Capacity(memory) == nil {
                issues.append(FieldIssue(field: "spec.resources.memory", .memoryFormat))
            }
            if let gpu = ml.resources?.gpu, gpu < 0 {
                issues.append(FieldIssue(field: "spec.resources.gpu", .atLeastZero))
            }
        case .experimentPipeline(let pipeline):
            if pipeline.stages.isEmpty {
                issues.append(FieldIssue(field: "spec.stages", .stagesRequired))
            }
            let declared = Set(pipeline.vars.map(\.name))
            for (i, variable) in pipeline.vars.enumerated() where !isEnvName(variable.name) {
                issues.append(FieldIssue(field: "spec.vars[\(i)].name", .envName))
            }
            var stageNames = Set<String>()
            for (i, stage) in pipeline.stages.enumerated() {
                issues += name(stage.name, field: "spec.stages[\(i)].name")
                if !stageNames.insert(stage.name).inserted {
                    issues.append(FieldIssue(field: "spec.stages[\(i)].name", .stageTaken(stage.name)))
                }
                for (j, variable) in (stage.inputs + stage.outputs).enumerated() where !declared.contains(variable.name) {
                    issues.append(FieldIssue(field: "spec.stages[\(i)].vars[\(j)]", .undeclaredVariable(variable.name)))
                }
            }
            if let next = pipeline.continueWith { reference("spec.continueWith", next, .experimentPipeline) }
        case .dataBox(let box):
            if let text = box.s3DefaultStorage.capacity, Capacity(text) == nil {
                issues.append(FieldIssue(field: "spec.s3DefaultStorage.capacity", .capacityFormat))
            }
        case .apiComponent(let api):
            switch (api.mlComponent, api.experimentPipeline) {
            case (let ml?, nil): reference("spec.mlComponent.name", ml.name, .mlComponent)
            case (nil, let pipeline?):
                reference("spec.experimentPipeline.name", pipeline.name, .experimentPipeline)
                if api.apiSpec == nil {
                    issues.append(FieldIssue(field: "spec.apiSpec", .apiSpecRequired))
                }
            default:
                issues.append(FieldIssue(field: "spec", .oneTarget))
            }
            if !isRoutePath(api.restfulApi.path) {
                issues.append(FieldIssue(field: "spec.restfulApi.path", .routePath))
            }
        }
        return issues
    }

    /// Components that refer to `name`: they would break if it were deleted.
    public static func referrers(of name: String, among components: [Component]) -> [String] {
        components.filter { component in
            switch component.spec {
            case .mlComponent(let ml): ml.modelBox == name || ml.connectedBoxes.contains { $0.name == name }
            case .experimentPipeline(let pipeline): pipeline.continueWith == name
            case .apiComponent(let api): api.mlComponent?.name == name || api.experimentPipeline?.name == name
            case .dataBox: false
            }
        }.map(\.name)
    }

    /// Kubernetes object names: DNS labels of at most 63 characters.
    public static func name(_ value: String, field: String = "name") -> [FieldIssue] {
        Validation.slugRules(value, maxLength: 63).map { FieldIssue(field: field, $0) }
    }

    private static func isEnvName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func isCPU(_ text: String) -> Bool {
        let digits = text.hasSuffix("m") ? text.dropLast() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber } && (Int(digits) ?? 0) > 0
    }

    private static func isRoutePath(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && segments.allSatisfy { segment in
            !segment.isEmpty && segment.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        }
    }
}
