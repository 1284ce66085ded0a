/// The rules a component must follow within its application: a valid name, values in range, and
/// references only to components that exist and are of the right kind. The platform refuses what
/// breaks them; the cabinet shows the same messages under the fields.
public enum ComponentValidation {
    /// Problems with `component` among `others` (the application's other components), most
    /// fundamental first. Fields are named by their path in the spec, e.g. `spec.servicePort`.
    public static func issues(_ component: Component, among others: [Component]) -> [FieldIssue] {
        var issues = name(component.name)
        if others.contains(where: { $0.name == component.name }) {
            issues.append(issue("name", "Имя \(component.name) уже занято в этом приложении",
                                "The name \(component.name) is already taken in this application"))
        }
        func exists(_ name: String, _ kind: ComponentKind) -> Bool {
            others.contains { $0.name == name && $0.kind == kind }
        }
        func reference(_ field: String, _ name: String, _ kind: ComponentKind) {
            if !exists(name, kind) {
                let what = kind.pluralLabel
                issues.append(issue(field, "Нет такого компонента среди «\(what.ru)»: \(name)", "No such component among \(what.en): \(name)"))
            }
        }
        switch component.spec {
        case .mlComponent(let ml):
            if ml.image.existingImageName.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(issue("spec.image.existingImageName", "Укажите образ", "Enter an image"))
            }
            if !(1...65535).contains(ml.servicePort) {
                issues.append(issue("spec.servicePort", "Порт от 1 до 65535 (сейчас \(ml.servicePort))",
                                    "A port from 1 to 65535 (now \(ml.servicePort))"))
            }
            if let box = ml.modelBox { reference("spec.modelBox", box, .dataBox) }
            for (i, box) in ml.connectedBoxes.enumerated() { reference("spec.connectedBoxes[\(i)].name", box.name, .dataBox) }
            for (i, variable) in ml.env.enumerated() where !isEnvName(variable.name) {
                issues.append(issue("spec.env[\(i)].name", "Имя переменной: латиница, цифры и _, не с цифры",
                                    "A variable name: Latin letters, digits and _, not starting with a digit"))
            }
            if let cpu = ml.resources?.cpu, !isCPU(cpu) {
                issues.append(issue("spec.resources.cpu", "Ядра как «2» или «500m»", "Cores as \"2\" or \"500m\""))
            }
            if let memory = ml.resources?.memory, Capacity(memory) == nil {
                issues.append(issue("spec.resources.memory", "Объём как «4G» или «512M»", "A size like \"4G\" or \"512M\""))
            }
            if let gpu = ml.resources?.gpu, gpu < 0 {
                issues.append(issue("spec.resources.gpu", "Не меньше 0", "At least 0"))
            }
        case .experimentPipeline(let pipeline):
            if pipeline.stages.isEmpty {
                issues.append(issue("spec.stages", "Нужен хотя бы один этап", "At least one stage is needed"))
            }
            let declared = Set(pipeline.vars.map(\.name))
            for (i, variable) in pipeline.vars.enumerated() where !isEnvName(variable.name) {
                issues.append(issue("spec.vars[\(i)].name", "Имя переменной: латиница, цифры и _, не с цифры",
                                    "A variable name: Latin letters, digits and _, not starting with a digit"))
            }
            var stageNames = Set<String>()
            for (i, stage) in pipeline.stages.enumerated() {
                issues += name(stage.name, field: "spec.stages[\(i)].name")
                if !stageNames.insert(stage.name).inserted {
                    issues.append(issue("spec.stages[\(i)].name", "Этап \(stage.name) уже есть", "Stage \(stage.name) is already defined"))
                }
                for (j, variable) in (stage.inputs + stage.outputs).enumerated() where !declared.contains(variable.name) {
                    issues.append(issue("spec.stages[\(i)].vars[\(j)]", "Переменная \(variable.name) не объявлена в vars",
                                        "Variable \(variable.name) is not declared in vars"))
                }
            }
            if let next = pipeline.continueWith { reference("spec.continueWith", next, .experimentPipeline) }
        case .dataBox(let box):
            if let text = box.s3DefaultStorage.capacity, Capacity(text) == nil {
                issues.append(issue("spec.s3DefaultStorage.capacity", "Объём как «1G» или «500M»", "A size like \"1G\" or \"500M\""))
            }
        case .apiComponent(let api):
            switch (api.mlComponent, api.experimentPipeline) {
            case (let ml?, nil): reference("spec.mlComponent.name", ml.name, .mlComponent)
            case (nil, let pipeline?):
                reference("spec.experimentPipeline.name", pipeline.name, .experimentPipeline)
                if api.apiSpec == nil {
                    issues.append(issue("spec.apiSpec", "Для пайплайна нужен apiSpec", "A pipeline needs an apiSpec"))
                }
            default:
                issues.append(issue("spec", "Укажите ровно одно: mlComponent или experimentPipeline",
                                    "Give exactly one of mlComponent and experimentPipeline"))
            }
            if !isRoutePath(api.restfulApi.path) {
                issues.append(issue("spec.restfulApi.path", "Путь: строчная латиница, цифры, -, _ и /",
                                    "A path of lowercase Latin letters, digits, -, _ and /"))
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
        let issues = Validation.slug(value, field: field)
        if value.count > Slug.maxLength && value.count <= 63 {
            return issues.filter { !$0.message.en.hasPrefix("At most") }
        }
        if value.count > 63 {
            return issues.map { $0.message.en.hasPrefix("At most") ? issue(field, "Не длиннее 63 символов (сейчас \(value.count))", "At most 63 characters (now \(value.count))") : $0 }
        }
        return issues
    }

    private static func issue(_ field: String, _ ru: String, _ en: String) -> FieldIssue {
        FieldIssue(field: field, message: LocalizedText(ru: ru, en: en))
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
