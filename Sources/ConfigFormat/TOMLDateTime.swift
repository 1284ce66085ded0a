/// A TOML date-time as written: an offset date-time (`1979-05-27T07:32:00-07:00`), a local
/// date-time (`1979-05-27T07:32:00`), a local date (`1979-05-27`) or a local time (`07:32:00.5`).
/// Kept as its fields rather than a `Date`, because three of the four name no instant.
public struct TOMLDateTime: Equatable, Sendable, CustomStringConvertible {
    public struct LocalDate: Equatable, Sendable {
        public var year: Int, month: Int, day: Int
    }

    public struct LocalTime: Equatable, Sendable {
        public var hour: Int, minute: Int, second: Int
        /// The fraction of the second, in nanoseconds (digits past the ninth are dropped).
        public var nanosecond: Int
    }

    public var date: LocalDate?
    public var time: LocalTime?
    /// Minutes east of UTC (`Z` is 0); nil unless the value is an offset date-time.
    public var offset: Int?

    /// RFC 3339, as TOML writes it: `T` between date and time, `Z` for a zero offset.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var parts: [String] = []
        if let date {
            let year = String(date.year)
            parts.append(String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(date.month) + "-" + two(date.day))
        }
        if let time {
            var text = two(time.hour) + ":" + two(time.minute) + ":" + two(time.second)
            if time.nanosecond > 0 {
                var fraction = String(time.nanosecond)
                fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
                while fraction.hasSuffix("0") { fraction.removeLast() }
                text += "." + fraction
            }
            parts.append(text)
        }
        var text = parts.joined(separator: "T")
        if let offset {
            if offset == 0 {
                text += "Z"
            } else {
                let size = abs(offset)
                text += (offset < 0 ? "-" : "+") + two(size / 60) + ":" + two(size % 60)
            }
        }
        return text
    }

    /// Reads one of the four forms (the date and time joined by `T`, `t` or a space); nil when the
    /// text is none of them or names no real date or time (February 30th, 24:00, a 60th second).
    static func parse(_ text: String) -> TOMLDateTime? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= scalars.count else { return nil }
            var value = 0
            for scalar in scalars[index..<index + count] {
                guard ("0"..."9").contains(scalar) else { return nil }
                value = value * 10 + Int(scalar.value - 48)
            }
            index += count
            return value
        }
        func take(_ expected: Unicode.Scalar...) -> Bool {
            guard index < scalars.count, expected.contains(scalars[index]) else { return false }
            index += 1
            return true
        }
        var result = TOMLDateTime()
        if scalars.count >= 10, scalars[4] == "-" {
            guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2),
                  (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
            result.date = LocalDate(year: year, month: month, day: day)
            if index == scalars.count { return result }
            guard take("T", "t", " ") else { return nil }
        }
        guard let hour = number(2), take(":"), let minute = number(2), take(":"), let second = number(2),
              hour < 24, minute < 60, second < 60 else { return nil }
        var nanosecond = 0
        if take(".") {
            var digits = 0
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                if digits < 9 { nanosecond = nanosecond * 10 + Int(scalars[index].value - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanosecond *= 10 }
        }
        result.time = LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        if index == scalars.count { return result }
        guard result.date != nil else { return nil }  // a time alone has no offset
        if take("Z", "z") {
            result.offset = 0
        } else {
            guard index < scalars.count, scalars[index] == "+" || scalars[index] == "-" else { return nil }
            let sign = scalars[index] == "-" ? -1 : 1
            index += 1
            guard let hours = number(2), take(":"), let minutes = number(2), hours < 24, minutes < 60 else { return nil }
            result.offset = sign * (hours * 60 + minutes)
        }
        return index == scalars.count ? result : nil
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
