import Model
import Testing

@Suite("Event messages: the codes of what events say")
struct EventMessageTests {
    /// Every sample is listed in this switch, which does not compile when a case is added and not listed.
    static func listed(_ message: EventMessage) -> Bool {
        switch message {
        case .applicationCreated, .applicationUpdated, .applicationDeleted, .componentCreated, .componentReplaced, .componentDeleted,
             .accessGranted, .accessRevoked, .memberAdded, .memberRoleChanged, .memberRemoved, .memberAddedByGroup, .memberLeftGroup,
             .readyToRun, .stoppedOnRequest, .starting, .serving, .exited, .healthCheckFailed, .didNotStart, .notPublished, .published,
             .targetFailed, .targetStopped, .waitingForTarget, .runStarted, .runFailed, .runSucceeded:
            EventMessage.samples.contains { $0.code == message.code }
        case .text: false
        }
    }

    @Test("every message with a code comes back the same from its code and parameters, and every code is distinct")
    func roundTrip() {
        for message in EventMessage.samples {
            #expect(Self.listed(message), "\(message)")
            let code = message.code
            #expect(code != nil)
            #expect(EventMessage(code: code, parameters: message.parameters, message: "ignored") == message, "\(message)")
        }
        let codes = Set(EventMessage.samples.compactMap(\.code))
        #expect(codes.count == 28, "one sample or more per code: \(codes.count)")
    }

    @Test("the Russian words are Russian: not the English ones, no English words of the platform left in them")
    func russian() {
        for message in EventMessage.samples where message != .published(route: "/ocr", target: "inference") {
            let words = message.message
            #expect(words.ru != words.en, "\(message)")
            // A process's own output (`detail`) is shown as it is, in whatever language it wrote.
            let own = words.ru.replacingOccurrences(of: message.parameters["detail"] ?? "\u{0}", with: "")
            for english in ["created", "deleted", "granted", "removed", "Serving", "Starting", "Exited", "Run ", "Changed", "Waiting"] {
                #expect(!own.contains(english), "\(english) in \(words.ru)")
            }
        }
        #expect(EventMessage.applicationUpdated(fields: ["name", "team"]).message.ru == "Изменено: название, команда")
        #expect(EventMessage.accessGranted(subject: .user("dpetrov"), role: .viewer).message.ru == "Пользователь dpetrov получает роль «Наблюдатель»")
    }

    @Test("a code this build does not know, or parameters that do not fit it, keep the platform's words")
    func unknown() {
        #expect(EventMessage(code: "quota_raised", parameters: ["team": "cii"], message: "Quota raised") == .text("Quota raised"))
        #expect(EventMessage(code: "serving", parameters: ["port": "eighty"], message: "Serving on 127.0.0.1:80") == .text("Serving on 127.0.0.1:80"))
        #expect(EventMessage(code: "access_granted", parameters: ["subject_kind": "robot", "subject": "x", "role": "viewer"], message: "m") == .text("m"))
        #expect(EventMessage(code: nil, parameters: [:], message: "Компонент создан").message.en == "Компонент создан")
    }
}
