import Foundation
import Model
import Testing
@testable import Cabinet

@Suite("Dates as the cabinet writes them")
struct DateTextTests {
    @Test("the same text as ICU's formatter with the web cabinet's pattern, in both languages, over several years", arguments: [Language.ru, .en])
    func sameAsICU(language: Language) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .ru ? "ru_RU" : "en_GB")
        formatter.timeZone = .current
        formatter.dateFormat = "d MMMM yyyy, HH:mm"
        let dates = DateText(language: language)
        var seconds = 1_577_836_800.0 // 2020-01-01
        while seconds < 1_893_456_000 { // 2030-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(dates.full(date) == formatter.string(from: date))
            seconds += 86_400 * 3 + 3_607.5
        }
    }

    @Test("the web cabinet's own example, and the clock with leading zeros")
    func example() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let date = try #require(calendar.date(from: DateComponents(year: 2024, month: 7, day: 8, hour: 12, minute: 13)))
        #expect(DateText(language: .ru).full(date) == "8 июля 2024, 12:13")
        #expect(DateText(language: .en).full(date) == "8 July 2024, 12:13")
        let early = try #require(calendar.date(from: DateComponents(year: 2024, month: 1, day: 31, hour: 7, minute: 5)))
        #expect(DateText(language: .en).time(early) == "07:05")
        #expect(DateText(language: .ru).full(early) == "31 января 2024, 07:05")
    }
}
