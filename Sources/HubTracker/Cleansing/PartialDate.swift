import HubWorkflow
/// A date of birth that may be known only in part: the year alone, the year and month, or all three.
/// Components out of range are dropped rather than rejected, so `31/02/2010` keeps its year and month.
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public let year: Int?
    public let month: Int?
    public let day: Int?

    public init(year: Int?, month: Int? = nil, day: Int? = nil) {
        let year = year.flatMap { (1800...2200).contains($0) ? $0 : nil }
        let month = month.flatMap { (1...12).contains($0) ? $0 : nil }
        var day = day.flatMap { (1...31).contains($0) ? $0 : nil }
        if let d = day, let m = month, d > PartialDate.maximumDay(month: m, year: year) { day = nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2010-01-08`, `08/01/2010` or `8.1.2010` (day first, as in the UK), `01/2010`, `2010-01`
    /// and `2010`; nil when no year can be read.
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).compactMap { Int($0) }
        let lengths = text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).map(\.count)
        switch parts.count {
        case 1 where lengths[0] == 4:
            self.init(year: parts[0])
        case 1 where lengths[0] == 8:
            // 20100108 (ISO basic) or 08012010.
            let value = parts[0]
            if value / 10_000 >= 1800 {
                self.init(year: value / 10_000, month: value / 100 % 100, day: value % 100)
            } else {
                self.init(year: value % 10_000, month: value / 10_000 % 100, day: value / 1_000_000)
            }
        case 2 where lengths[0] == 4:
            self.init(year: parts[0], month: parts[1])
        case 2 where lengths[1] == 4:
            self.init(year: parts[1], month: parts[0])
        case 3 where lengths[0] == 4:
            self.init(year: parts[0], month: parts[1], day: parts[2])
        case 3 where lengths[2] == 4:
            self.init(year: parts[2], month: parts[1], day: parts[0])
        default:
            return nil
        }
        if year == nil { return nil }
    }

    /// True when year, month and day are all known.
    public var isComplete: Bool { year != nil && month != nil && day != nil }

    /// `2010-01-08`, `2010-01` or `2010`; `?` for an unknown year.
    public var description: String {
        guard let year else { return "?" }
        var text = String(year)
        if let month { text += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day, month != nil { text += "-" + (day < 10 ? "0" : "") + String(day) }
        return text
    }

    static func maximumDay(month: Int, year: Int?) -> Int {
        switch month {
        case 2:
            guard let year else { return 29 }
            return CalendarDate.daysIn(month: 2, year: year)
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CalendarDate {
    /// As a partial date, for cleansing.
    public var partialDate: PartialDate { PartialDate(year: year, month: month, day: day) }
}
