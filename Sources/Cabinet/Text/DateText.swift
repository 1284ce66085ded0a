import Foundation
import Model

/// Dates as the web cabinet writes them: "8 июля 2024, 12:13" / "8 July 2024, 12:13", in the
/// local time of the machine (`TZ`, else /etc/localtime).
///
/// Written by hand over `localtime_r` rather than with `DateFormatter`: ICU's date formatting and
/// time-zone data cost the cabinet about 2.5 MB of memory and some milliseconds at start, for two
/// fixed patterns.
struct DateText: Sendable {
    private let months: [String]

    init(language: Language) {
        months = language == .ru
            ? ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    }

    func full(_ date: Date) -> String {
        let local = Self.local(date)
        return "\(local.tm_mday) \(months[Int(local.tm_mon)]) \(Int(local.tm_year) + 1900), \(Self.clock(local))"
    }

    func time(_ date: Date) -> String { Self.clock(Self.local(date)) }

    private static func clock(_ local: tm) -> String {
        (local.tm_hour < 10 ? "0" : "") + "\(local.tm_hour):" + (local.tm_min < 10 ? "0" : "") + "\(local.tm_min)"
    }

    private static func local(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var broken = tm()
        localtime_r(&seconds, &broken)
        return broken
    }
}
