import Yams

/// What Yams (libyaml) says is wrong, at the line where the mistake is, in words a person editing
/// a manifest acts on. libyaml's own wording stays in the message when there is no better one.
enum YamsProblem {
    static func describe(_ error: any Error, in text: String, lines: [Substring]) -> YAMLError {
        guard let error = error as? YamlError else {
            return YAMLError(line: 1, message: LocalizedText(ru: "YAML не прочитан: \(error)", en: "the YAML could not be read: \(error)"))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // Where the file ends, or a line ends, before what was begun (a quote, a bracket, a
            // key's colon), the mistake is where it began.
            let lastLine = lines.lastIndex { !$0.allSatisfy { $0 == " " || $0 == "\t" } }.map { $0 + 1 } ?? 1
            let atStart = problem.contains("end of stream") || problem == "could not find expected ':'" || mark.line > lastLine
            let line = atStart ? context?.mark.line ?? mark.line : mark.line
            return YAMLError(line: max(1, line), message: message(problem, context: context, at: mark, lines: lines))
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in 1 + text.prefix(offset).reduce(0) { $0 + ($1.isNewline ? 1 : 0) } } ?? 1
            if problem.contains("control characters") {
                return YAMLError(line: line, message: LocalizedText(ru: "управляющий символ в тексте: YAML их не допускает",
                                                                    en: "a control character in the text: YAML does not allow them"))
            }
            return YAMLError(line: line, message: fallback(problem, context: nil))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            return YAMLError(line: repeatedKeyLine(key, after: context.mark, in: lines),
                             message: LocalizedText(ru: "ключ \(key) повторяется", en: "the key \(key) is repeated"))
        case .memory:
            // libyaml's stacks are capped (1,000 levels): deeper nesting ends here.
            return YAMLError(line: 1, message: LocalizedText(ru: "слишком глубокая вложенность", en: "nested too deeply"))
        default:
            return YAMLError(line: 1, message: fallback(String(describing: error), context: nil))
        }
    }

    private static func message(_ problem: String, context: YamlError.Context?, at mark: Mark, lines: [Substring]) -> LocalizedText {
        let opened = context.map { $0.mark.line } ?? mark.line
        let context = context?.text
        switch problem {
        case "found character that cannot start any token", "found a tab character that violates indentation",
             "found a tab character where an indentation space is expected":
            if character(at: mark, in: lines) == "\t" || problem.contains("tab") {
                return LocalizedText(ru: "табуляция в отступе: в YAML отступы делаются пробелами", en: "a tab in the indentation: YAML indents with spaces")
            }
            let shown = character(at: mark, in: lines).map { " (\($0))" } ?? ""
            return LocalizedText(ru: "значение не может начинаться с этого символа\(shown): возьмите его в кавычки",
                                 en: "a value cannot start with this character\(shown): quote it")
        case "mapping values are not allowed in this context":
            return LocalizedText(ru: "двоеточие с пробелом внутри значения: возьмите значение в кавычки или проверьте отступ",
                                 en: "a colon and a space inside a value: quote the value, or check the indentation")
        case "could not find expected ':'":
            return LocalizedText(ru: "ожидалось «ключ: значение»", en: "expected \"key: value\"")
        case "did not find expected key":
            return LocalizedText(ru: "неожиданный отступ: здесь ожидался ключ того же уровня", en: "unexpected indentation: a key of the same level was expected here")
        case "did not find expected '-' indicator":
            return LocalizedText(ru: "ожидался элемент списка «- »: не хватает отступа или «- »", en: "expected a list item \"- \": missing indentation or \"- \"")
        case "block sequence entries are not allowed in this context":
            return LocalizedText(ru: "элемент списка «- » там, где ожидалось значение: проверьте отступ",
                                 en: "a list item \"- \" where a value was expected: check the indentation")
        case "did not find expected node content":
            return LocalizedText(ru: "здесь ожидалось значение", en: "a value was expected here")
        case "did not find expected ',' or ']'":
            return LocalizedText(ru: "список [ из строки \(opened) не закрыт, или перед этим местом не хватает запятой",
                                 en: "the list [ of line \(opened) is not closed, or a comma is missing before this")
        case "did not find expected ',' or '}'":
            return LocalizedText(ru: "словарь { из строки \(opened) не закрыт, или перед этим местом не хватает запятой",
                                 en: "the mapping { of line \(opened) is not closed, or a comma is missing before this")
        case "found undefined alias":
            let name = alias(at: mark, in: lines)
            return LocalizedText(ru: "ссылка *\(name) ни на что не указывает: якорь &\(name) должен быть выше",
                                 en: "the alias *\(name) names nothing: the anchor &\(name) must come before it")
        case "found unknown escape character", "found unknown escape character while parsing a quoted scalar":
            return LocalizedText(ru: "неизвестная escape-последовательность в кавычках", en: "an unknown escape sequence in quotes")
        case "found unexpected end of stream":
            if context == "while scanning a quoted scalar" {
                return LocalizedText(ru: "кавычка, открытая здесь, не закрыта", en: "the quote opened here is not closed")
            }
            return fallback(problem, context: context)
        default:
            if problem.hasPrefix("Maximum nesting level") || context?.contains("Maximum nesting level") == true {
                return LocalizedText(ru: "слишком глубокая вложенность", en: "nested too deeply")
            }
            return fallback(problem, context: context)
        }
    }

    private static func fallback(_ problem: String, context: String?) -> LocalizedText {
        let said = [context, problem].compactMap { $0 }.joined(separator: ": ")
        return LocalizedText(ru: "ошибка YAML: \(said)", en: "not valid YAML: \(said)")
    }

    /// The character at a mark (1-based line, column in Unicode scalars).
    private static func character(at mark: Mark, in lines: [Substring]) -> Unicode.Scalar? {
        guard lines.indices.contains(mark.line - 1), mark.column >= 1 else { return nil }
        return lines[mark.line - 1].unicodeScalars.dropFirst(mark.column - 1).first
    }

    /// The name of the alias at a mark (`*name`).
    private static func alias(at mark: Mark, in lines: [Substring]) -> String {
        guard lines.indices.contains(mark.line - 1), mark.column >= 1 else { return "" }
        let rest = lines[mark.line - 1].unicodeScalars.dropFirst(mark.column - 1).drop { $0 == "*" }
        return String(String.UnicodeScalarView(rest.prefix { !" ,[]{}\t".unicodeScalars.contains($0) }))
    }

    /// Yams names the first of two equal keys; the mistake is the second, which in a block mapping
    /// starts in the same column on a later line (in a flow mapping, it is likely the same line).
    private static func repeatedKeyLine(_ key: String, after mark: Mark, in lines: [Substring]) -> Int {
        let column = max(mark.column - 1, 0)
        for index in min(mark.line, lines.count)..<lines.count {
            let scalars = lines[index].unicodeScalars
            guard scalars.count > column, scalars.prefix(column).allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = Substring(scalars.dropFirst(column))
            for form in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(form) {
                if rest.dropFirst(form.count).drop(while: { $0 == " " }).hasPrefix(":") { return index + 1 }
            }
        }
        return max(mark.line, 1)
    }
}
