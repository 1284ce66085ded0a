import Model
import Testing

@Suite("Slug and description validation")
struct ValidationTests {
    @Test("a DNS label of up to 40 characters is a valid slug", arguments: ["a", "tesseract-ocr", "app2", "a-b-c", String(repeating: "x", count: 40)])
    func validSlugs(slug: String) {
        #expect(Validation.slug(slug).isEmpty)
    }

    @Test("each kind of bad slug gets its own message in both languages")
    func invalidSlugs() throws {
        let cases: [(String, String, String)] = [
            ("", "Укажите идентификатор (slug)", "Enter an identifier (slug)"),
            (String(repeating: "a", count: 41), "Не длиннее 40 символов (сейчас 41)", "At most 40 characters (now 41)"),
            ("1app", "Должен начинаться со строчной латинской буквы", "Must start with a lowercase Latin letter"),
            ("Tesseract", "Должен начинаться со строчной латинской буквы", "Must start with a lowercase Latin letter"),
            ("my_app", "Только строчные латинские буквы, цифры и дефис", "Only lowercase Latin letters, digits and hyphens"),
            ("распознавание", "Должен начинаться со строчной латинской буквы", "Must start with a lowercase Latin letter"),
            ("app-", "Не может заканчиваться дефисом", "Must not end with a hyphen"),
        ]
        for (slug, ru, en) in cases {
            let issues = Validation.slug(slug)
            let first = try #require(issues.first, "\(slug) should be refused")
            #expect(first.field == "slug")
            #expect(first.message.text(in: .ru) == ru, "\(slug)")
            #expect(first.message.text(in: .en) == en, "\(slug)")
        }
    }

    @Test("a description may have 1000 characters, Cyrillic counted as the user counts them")
    func descriptionLength() throws {
        #expect(Validation.description(String(repeating: "я", count: 1000)).isEmpty)
        let issue = try #require(Validation.description(String(repeating: "я", count: 1001)).first)
        #expect(issue.field == "description")
        #expect(issue.message.text(in: .ru) == "Описание не длиннее 1000 символов (сейчас 1001)")
        #expect(issue.message.text(in: .en) == "The description is at most 1000 characters (now 1001)")
    }

    @Test("a display name is required and is one line")
    func displayName() {
        #expect(Validation.displayName("Tesseract OCR").isEmpty)
        #expect(Validation.displayName("   ").first?.message.text(in: .en) == "Enter a name")
        #expect(!Validation.displayName("two\nlines").isEmpty)
    }

    @Test("a slug is suggested from the display name, transliterating Russian")
    func derivedSlugs() {
        #expect(Slug.derive(from: "Tesseract OCR") == "tesseract-ocr")
        #expect(Slug.derive(from: "Распознавание речи") == "raspoznavanie-rechi")
        #expect(Slug.derive(from: "  42 Qwen — VL!! ") == "qwen-vl")
        #expect(Slug.derive(from: "Щука и ёж") == "shchuka-i-ezh")
        let long = Slug.derive(from: String(repeating: "слово ", count: 20))
        #expect(long.count <= 40)
        #expect(Validation.slug(long).isEmpty)
    }

    @Test("the language comes from LC_ALL, then LC_MESSAGES, then LANG")
    func languageFromLocale() {
        #expect(Language.from(environment: ["LANG": "ru_RU.UTF-8"]) == .ru)
        #expect(Language.from(environment: ["LANG": "ru_RU.UTF-8", "LC_ALL": "C.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"]) == .ru)
        #expect(Language.from(environment: [:]) == .en)
    }
}
