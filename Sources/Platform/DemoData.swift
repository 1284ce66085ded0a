import Foundation
import Model

/// Demo content for `--demo`: two HSE teams and applications like those the platform hosts, with
/// components in every phase and the events that led there.
package enum DemoData {
    package static let users: [User] = [
        User(login: "ikrupnov", name: "Иван Крупнов", email: "ikrupnov@hse.ru"),
        User(login: "hsalekh", name: "Салех Хади Мухаммед", email: "hsalekh@hse.ru", isAdmin: true),
        User(login: "avolkova", name: "Анна Волкова", email: "avolkova@hse.ru"),
        User(login: "dpetrov", name: "Дмитрий Петров", email: "dpetrov@hse.ru"),
    ]

    package static let teams: [Team] = [
        Team(slug: "cii", name: "ЦИИ", members: [
            TeamMember(login: "ikrupnov", role: .owner),
            TeamMember(login: "avolkova", role: .developer),
            TeamMember(login: "hsalekh", role: .maintainer),
        ]),
        Team(slug: "sp4", name: "СП4 · Лаборатория анализа текстов", members: [
            TeamMember(login: "dpetrov", role: .owner),
            TeamMember(login: "avolkova", role: .viewer),
        ]),
    ]

    private static let gib: Int64 = 1 << 30

    package static func quota(for team: String) -> [QuotaResource: Int64] {
        [.cpu: 16_000, .memory: 64 * gib, .gpu: team == "cii" ? 2 : 1, .storage: 200 * 1_000_000_000, .apps: 20, .components: 60]
    }

    /// Seeds once: an existing platform with applications is left as it is.
    package static func seedIfEmpty(_ store: PlatformStore, localUser: User, now: Date) async throws {
        guard try await store.applicationCount() == 0 else { return }
        for user in users + [localUser] { try await store.ensureUser(user) }
        for team in teams {
            var team = team
            if !team.members.contains(where: { $0.login == localUser.login }) {
                team.members.append(TeamMember(login: localUser.login, role: team.slug == "cii" ? .owner : .developer))
            }
            try await store.insert(team: team, quota: quota(for: team.slug))
        }
        for app in applications(now: now) {
            try await store.insert(application: app.application, components: app.components, history: app.history, actor: app.application.author)
        }
    }

    private struct Seeded {
        var application: Application
        var components: [Component]
        var history: [StatusChange]
    }

    private static func applications(now: Date) -> [Seeded] {
        func ago(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }
        func ml(_ name: String, image: String, box: String? = nil) -> Component {
            Component(name: name, spec: .mlComponent(MLComponentSpec(
                image: ImageReference(existingImageName: image), modelPath: box == nil ? nil : "/weights", modelBox: box)))
        }
        func box(_ name: String, _ capacity: String? = nil) -> Component {
            Component(name: name, spec: .dataBox(DataBoxSpec(s3DefaultStorage: S3DefaultStorage(capacity: capacity))))
        }
        func api(_ name: String, target: String, path: String) -> Component {
            Component(name: name, spec: .apiComponent(APIComponentSpec(
                published: true, mlComponent: NameReference(name: target), restfulApi: RestfulAPI(path: path))))
        }
        /// A component's life up to `final`, with the events a user would read on its События tab.
        func lived(_ component: Component, from start: Date, to final: Phase, message: String? = nil) -> (Component, [StatusChange]) {
            var component = component
            var changes = [
                StatusChange(component: component.name, phase: .pending, type: .normal, reason: "Created", message: .text("Компонент создан"), time: start),
                StatusChange(component: component.name, phase: .deploying, type: .normal, reason: "Deploying", message: .text("Развертывание начато"), time: start.addingTimeInterval(20)),
            ]
            let end = start.addingTimeInterval(95)
            switch final {
            case .deployed:
                changes.append(StatusChange(component: component.name, phase: .deployed, type: .normal, reason: "Ready", message: .text("Проверка готовности пройдена"), time: end))
            case .failed:
                changes.append(StatusChange(component: component.name, phase: .failed, type: .warning, reason: "CrashLoopBackOff", message: .text(message ?? "Процесс завершился с кодом 1"), time: end))
            case .stopped:
                changes.append(StatusChange(component: component.name, phase: .deployed, type: .normal, reason: "Ready", message: .text("Проверка готовности пройдена"), time: end))
                changes.append(StatusChange(component: component.name, phase: .stopped, type: .normal, reason: "Stopped", message: .text("Остановлен пользователем"), time: end.addingTimeInterval(3600)))
            default:
                changes.removeLast(final == .pending ? 1 : 0)
            }
            let last = changes[changes.count - 1]
            component.status = Status(phase: last.phase, reason: last.reason, message: last.message.message.ru, time: last.time)
            return (component, changes)
        }
        func app(_ slug: String, _ name: String, _ description: String, team: String, template: String, author: String,
                 created: Date, _ parts: [(Component, Phase, String?)]) -> Seeded {
            var components: [Component] = []
            var history: [StatusChange] = []
            for (index, (component, phase, message)) in parts.enumerated() {
                let (lived, changes) = lived(component, from: created.addingTimeInterval(Double(index) * 30), to: phase, message: message)
                components.append(lived)
                history += changes
            }
            let updated = history.map(\.time).max() ?? created
            let status = Status(phase: .deployed, time: updated)
            return Seeded(
                application: Application(slug: slug, name: name, description: description, team: team, template: template,
                                         author: author, createdAt: created, updatedAt: updated, status: status, components: ComponentCounts()),
                components: components, history: history)
        }

        return [
            app("tesseract-ocr", "Tesseract OCR", "Распознавание текста на сканах документов (Tesseract 5, русский и английский).",
                team: "cii", template: "ml-component-box", author: "ikrupnov", created: ago(24 * 40), [
                    (box("model", "2G"), .deployed, nil),
                    (ml("inference", image: "platform-reg.stratpro.hse.ru/cii/tesseract-ocr:3f9c2a1", box: "model"), .deployed, nil),
                    (api("ocr", target: "inference", path: "ocr"), .deployed, nil),
                ]),
            app("qwen-vl", "Qwen VL OCR", "Извлечение полей из сканов с помощью Qwen2-VL; ответы в JSON.",
                team: "cii", template: "ml-component-box", author: "avolkova", created: ago(30), [
                    (box("weights", "40G"), .deployed, nil),
                    (box("users"), .deployed, nil),
                    (ml("qwen", image: "platform-reg.stratpro.hse.ru/cii/qwen-vl:a17e0d4", box: "weights"), .deploying, nil),
                    (api("qwen-api", target: "qwen", path: "qwen"), .pending, nil),
                ]),
            app("appeals-classifier", "Классификатор обращений", "Тематическая классификация обращений студентов в единый деканат.",
                team: "sp4", template: "ml-component-box", author: "dpetrov", created: ago(24 * 6), [
                    (box("model"), .deployed, nil),
                    (ml("classifier", image: "platform-reg.stratpro.hse.ru/sp4/classifier:9b0c311", box: "model"), .failed,
                     "ModuleNotFoundError: No module named 'sklearn' (код выхода 1)"),
                ]),
            app("speech-to-text", "Распознавание речи", "Whisper small для расшифровки записей семинаров.",
                team: "sp4", template: "ml-component-box", author: "dpetrov", created: ago(24 * 15), [
                    (box("model", "5G"), .deployed, nil),
                    (ml("whisper", image: "platform-reg.stratpro.hse.ru/sp4/whisper:c4d2e90", box: "model"), .stopped, nil),
                ]),
            app("charisma-features", "Признаки для CHARISMa", "Пайплайн извлечения признаков из корпуса текстов перед обучением на суперкомпьютере.",
                team: "cii", template: "empty", author: "hsalekh", created: ago(24 * 3), [
                    (box("corpus", "50G"), .deployed, nil),
                    (box("features", "10G"), .deployed, nil),
                    (Component(name: "extract", spec: .experimentPipeline(ExperimentPipelineSpec(
                        vars: [PipelineVar(name: "input"), PipelineVar(name: "output")],
                        stages: [PipelineStage(
                            name: "extract", image: ImageReference(existingImageName: "platform-reg.stratpro.hse.ru/cii/features:51aa0e2"),
                            inputs: [PipelineVar(name: "input")], outputs: [PipelineVar(name: "output")])]))), .deployed, nil),
                ]),
            app("essay-checker", "Проверка эссе", "Черновик сервиса оценки студенческих эссе: компоненты ещё не добавлены.",
                team: "sp4", template: "empty", author: "avolkova", created: ago(2), []),
        ]
    }
}
