/// A set of holidays excluded from working-time SLA clocks. A value: extend the shipped England and Wales list with
/// local days (`BankHolidayCalendar.englandAndWales.adding(...)`) or merge two calendars.
public struct BankHolidayCalendar: Sendable, Hashable, Codable {
    /// One name per date; when two sources name the same date, the later one wins.
    private var namesByDay: [Int: BankHoliday]

    /// A calendar of exactly `holidays`.
    public init(_ holidays: [BankHoliday] = []) {
        namesByDay = [:]
        for holiday in holidays { namesByDay[holiday.date.daysSinceEpoch] = holiday }
    }

    /// A calendar with no holidays.
    public static let none = BankHolidayCalendar()

    /// Every holiday, earliest first.
    public var holidays: [BankHoliday] {
        namesByDay.keys.sorted().compactMap { namesByDay[$0] }
    }

    /// Whether `date` is a holiday.
    public func contains(_ date: CalendarDate) -> Bool {
        namesByDay[date.daysSinceEpoch] != nil
    }

    /// The holiday on `date`, if there is one.
    public func holiday(on date: CalendarDate) -> BankHoliday? {
        namesByDay[date.daysSinceEpoch]
    }

    /// The holidays in `year`, earliest first.
    public func holidays(in year: Int) -> [BankHoliday] {
        holidays.filter { $0.date.year == year }
    }

    /// This calendar plus `extra` (a local holiday, say); an extra day on an existing date renames it.
    public func adding(_ extra: BankHoliday...) -> BankHolidayCalendar {
        adding(contentsOf: extra)
    }

    /// This calendar plus every day in `extra`.
    public func adding(contentsOf extra: [BankHoliday]) -> BankHolidayCalendar {
        var copy = self
        for holiday in extra { copy.namesByDay[holiday.date.daysSinceEpoch] = holiday }
        return copy
    }

    /// Every day in either calendar; on a shared date the name from `other` wins.
    public func merging(_ other: BankHolidayCalendar) -> BankHolidayCalendar {
        adding(contentsOf: other.holidays)
    }

    /// This calendar without `date` (for a holiday that was moved).
    public func removing(_ date: CalendarDate) -> BankHolidayCalendar {
        var copy = self
        copy.namesByDay[date.daysSinceEpoch] = nil
        return copy
    }

    /// Whether the local day `dayIndex` (days since 1970-01-01) is a holiday; the form the clock walks use.
    func contains(dayIndex: Int) -> Bool {
        namesByDay[dayIndex] != nil
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([BankHoliday].self))
    }

    /// Encodes as the list of holidays, earliest first.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(holidays)
    }
}
