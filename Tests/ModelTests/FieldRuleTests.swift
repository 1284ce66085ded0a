import Model
import Testing

@Suite("Field rules: the codes of field errors")
struct FieldRuleTests {
    /// One of every rule. The switch below does not compile when a rule is added and not listed.
    static let samples: [FieldRule] = [
        .slugRequired, .tooLong(max: 40, now: 41), .mustStartWithLetter, .slugCharacters, .endsWithHyphen,
        .nameRequired, .oneLine(max: 100), .descriptionTooLong(max: 1000, now: 1001), .tokenName, .expiryInPast,
        .nameTaken("ocr"), .noSuchComponent(kind: .dataBox, name: "weights"), .imageRequired, .portRange(now: 0), .envName,
        .cpuFormat, .memoryFormat, .capacityFormat, .atLeastZero, .stagesRequired, .stageTaken("train"),
        .undeclaredVariable("DATA"), .apiSpecRequired, .oneTarget, .routePath, .kindFixed(.mlComponent), .runNotSet,
        .noSuchUser, .noSuchTeam, .noSuchTemplate, .slugTaken("ocr"), .namespaceTaken("pu-a-pa-ocr"),
        .inUse("ocr", by: ["public", "api"]), .builtInTemplate("empty"), .templateTaken("mine"),
        .alreadyGranted(subject: "user dana", application: "ocr"), .alreadyMember(login: "dana", team: "cii"),
        .lastOwner(team: "cii"), .quotaExceeded(team: "cii", resource: "apps", hard: "10", used: "10", requested: "11"),
        .bodyTooLarge(limit: 1_048_576), .outOfRange(min: 1, max: 200), .badCursor, .missing, .wrongType(expected: "a number"),
        .invalid("is not an event id"),
    ]

    static func listed(_ rule: FieldRule) -> Bool {
        switch rule {
        case .slugRequired, .tooLong, .mustStartWithLetter, .slugCharacters, .endsWithHyphen, .nameRequired, .oneLine,
             .descriptionTooLong, .tokenName, .expiryInPast, .nameTaken, .noSuchComponent, .imageRequired, .portRange, .envName,
             .cpuFormat, .memoryFormat, .capacityFormat, .atLeastZero, .stagesRequired, .stageTaken, .undeclaredVariable,
             .apiSpecRequired, .oneTarget, .routePath, .kindFixed, .runNotSet, .noSuchUser, .noSuchTeam, .noSuchTemplate,
             .slugTaken, .namespaceTaken, .inUse, .builtInTemplate, .templateTaken, .alreadyGranted, .alreadyMember,
             .lastOwner, .quotaExceeded, .bodyTooLarge, .outOfRange, .badCursor, .missing, .wrongType, .invalid:
            samples.contains { $0.code == rule.code }
        case .unrecognized: false
        }
    }

    @Test("every rule comes back from its code, params and English words, with a code of its own")
    func roundTrip() {
        for rule in Self.samples {
            #expect(Self.listed(rule))
            #expect(FieldRule(code: rule.code, parameters: rule.parameters, message: rule.message.en) == rule, "\(rule.code)")
            #expect(rule.code.allSatisfy { $0.isLowercase || $0 == "_" }, "\(rule.code) is snake_case")
        }
        #expect(Set(Self.samples.map(\.code)).count == Self.samples.count, "no two rules share a code")
    }

    @Test("a rule's words are in Russian, with its values in them; only the platform's free text stays as it is")
    func russian() {
        for rule in Self.samples {
            if case .invalid = rule { continue }
            #expect(rule.message.ru.contains { ("а"..."я").contains($0.lowercased()) }, "\(rule.code): \(rule.message.ru)")
            // Kinds are named by their label («Ящики»), the expected JSON type in Russian.
            for (key, value) in rule.parameters where !value.contains(",") && !(rule.code == "no_such_component" && key == "kind") {
                #expect(rule.message.ru.contains(value) || rule.code == "wrong_type", "\(rule.code) names \(value): \(rule.message.ru)")
            }
        }
        #expect(FieldRule.wrongType(expected: "a number").message.ru == "Ожидается число")
        #expect(FieldRule.inUse("ocr", by: ["public", "api"]).message.ru == "ocr используют: public, api")
    }

    @Test("an unknown code, or a known one with its params missing or malformed, keeps the platform's words")
    func unknownCodes() {
        #expect(FieldRule(code: "gpu_rationed", parameters: ["left": "0"], message: "GPUs are rationed")
            == .unrecognized(code: "gpu_rationed", message: "GPUs are rationed"))
        #expect(FieldRule(code: "too_long", parameters: ["max": "40"], message: "At most 40").message.ru == "At most 40")
        #expect(FieldRule(code: "port_range", parameters: ["now": "zero"], message: "bad port").message == LocalizedText(ru: "bad port", en: "bad port"))
        #expect(FieldRule(code: "no_such_component", parameters: ["kind": "Robot", "name": "x"], message: "m").code == "no_such_component")
        #expect(FieldRule(code: "", parameters: [:], message: "old platform").message.en == "old platform", "a platform without codes")
    }
}
