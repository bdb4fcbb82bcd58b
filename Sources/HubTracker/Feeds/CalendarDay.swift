import Foundation

/// A calendar date without a time, as the extract writes it (`YYYY-MM-DD`).
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date known to exist; nil for `2025-02-30` and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.days(inMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// How a `YYYY-MM-DD` text reads: a real date, the right form but no such date, or not that form at all.
    public enum Parsed: Sendable, Equatable {
        case day(CalendarDay)
        case impossible
        case unparseable
    }

    /// Reads exactly `YYYY-MM-DD` (ISO 8601 calendar date, nothing else).
    public static func parse(_ text: String) -> Parsed {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return .unparseable }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return .unparseable }
        guard let date = CalendarDay(year: year, month: month, day: day) else { return .impossible }
        return .day(date)
    }

    /// The day in UTC of an instant.
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    /// The same calendar day `months` months earlier; a day the earlier month lacks becomes its last day
    /// (29 February counts back to 28 February).
    public func months(before months: Int) -> CalendarDay {
        let total = year * 12 + (month - 1) - months
        let year = total / 12
        let month = total % 12 + 1
        return CalendarDay(year: year, month: month, day: min(day, CalendarDay.days(inMonth: month, year: year)))!
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2026-11-01`.
    public var description: String {
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        let digit = { (value: Int) in UInt8(ascii: "0") + UInt8(value) }
        let bytes: [UInt8] = [digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10), UInt8(ascii: "-"),
                              digit(month / 10), digit(month % 10), UInt8(ascii: "-"), digit(day / 10), digit(day % 10)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// As a PartialDate, for cleansing.
    public var partialDate: PartialDate { PartialDate(year: year, month: month, day: day) }
}
