import Foundation
import Model

/// Dates as the web cabinet writes them: "8 июля 2024, 12:13" / "8 July 2024, 12:13".
struct DateText: Sendable {
    private let full: DateFormatter
    private let time: DateFormatter

    init(language: Language, timeZone: TimeZone = .current) {
        let locale = Locale(identifier: language == .ru ? "ru_RU" : "en_GB")
        full = DateFormatter()
        full.locale = locale
        full.timeZone = timeZone
        full.dateFormat = "d MMMM yyyy, HH:mm"
        time = DateFormatter()
        time.locale = locale
        time.timeZone = timeZone
        time.dateFormat = "HH:mm"
    }

    func full(_ date: Date) -> String { full.string(from: date) }
    func time(_ date: Date) -> String { time.string(from: date) }
}
