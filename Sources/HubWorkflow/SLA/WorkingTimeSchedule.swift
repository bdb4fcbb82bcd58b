import Foundation

/// When a working-time SLA clock counts: the same local wall-clock window on each chosen weekday, except holidays.
/// Hours are local to `timeZone`, so 09:00–17:00 in Europe/London means 09:00 GMT in winter and 09:00 BST in summer.
public struct WorkingTimeSchedule: Sendable, Hashable, Codable {
    /// The stable name stored with a clock and used in configuration, e.g. `"working-hours"`.
    public let identifier: String
    /// The days on which the clock counts (before holidays are removed).
    public let weekdays: Set<Weekday>
    /// Local time at which counting starts each working day.
    public let opens: TimeOfDay
    /// Local time at which counting stops each working day (24:00 for the whole day).
    public let closes: TimeOfDay
    public let timeZone: TimeZone
    /// Days excluded even when their weekday is a working day.
    public let holidays: BankHolidayCalendar

    /// Refuses an empty or reserved identifier, no weekdays, or a window that does not close after it opens.
    public init(
        identifier: String,
        weekdays: Set<Weekday> = Weekday.mondayToFriday,
        opens: TimeOfDay,
        closes: TimeOfDay,
        timeZone: TimeZone = TimeZone.london,
        holidays: BankHolidayCalendar = .englandAndWales
    ) throws(WorkingTimeScheduleError) {
        guard !identifier.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyIdentifier }
        guard identifier != SLACalendarPolicy.continuousIdentifier else { throw .reservedIdentifier(identifier) }
        guard !weekdays.isEmpty else { throw .noWorkingDays }
        guard opens < closes else { throw .closesBeforeOpening(opens: opens, closes: closes) }
        self.identifier = identifier
        self.weekdays = weekdays
        self.opens = opens
        self.closes = closes
        self.timeZone = timeZone
        self.holidays = holidays
    }

    /// Identifier of `officeHours`.
    public static let officeHoursIdentifier = "working-hours"
    /// Identifier of `workingWeek`.
    public static let workingWeekIdentifier = "working-week"

    /// Office hours: Monday to Friday 09:00–17:00 Europe/London, bank holidays excluded. Identifier `"working-hours"`.
    public static func officeHours(holidays: BankHolidayCalendar = .englandAndWales) -> WorkingTimeSchedule {
        WorkingTimeSchedule(
            valid: officeHoursIdentifier, weekdays: Weekday.mondayToFriday,
            opens: officeOpening, closes: officeClosing, timeZone: TimeZone.london, holidays: holidays)
    }

    /// The Cwm Taf MASH practice in 2015/16: the clock counts every hour of Monday to Friday (Europe/London days) and
    /// stops over weekends and bank holidays. Identifier `"working-week"`.
    public static func workingWeek(holidays: BankHolidayCalendar = .englandAndWales) -> WorkingTimeSchedule {
        WorkingTimeSchedule(
            valid: workingWeekIdentifier, weekdays: Weekday.mondayToFriday,
            opens: .midnight, closes: .endOfDay, timeZone: TimeZone.london, holidays: holidays)
    }

    private static let officeOpening = TimeOfDay(minutesSinceMidnight: 9 * 60) ?? .midnight
    private static let officeClosing = TimeOfDay(minutesSinceMidnight: 17 * 60) ?? .endOfDay

    /// For the built-in schedules, whose parameters are known to be valid.
    private init(
        valid identifier: String, weekdays: Set<Weekday>, opens: TimeOfDay, closes: TimeOfDay,
        timeZone: TimeZone, holidays: BankHolidayCalendar
    ) {
        self.identifier = identifier
        self.weekdays = weekdays
        self.opens = opens
        self.closes = closes
        self.timeZone = timeZone
        self.holidays = holidays
    }

    /// Whether the clock counts at all on `date`.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        isWorkingDay(dayIndex: date.daysSinceEpoch)
    }

    /// The counting window on `date` as real instants, or nil on a non-working day.
    public func workingInterval(on date: CalendarDate) -> DateInterval? {
        workingInterval(dayIndex: date.daysSinceEpoch)
    }

    func isWorkingDay(dayIndex: Int) -> Bool {
        weekdays.contains(Weekday(daysSinceEpoch: dayIndex)) && !holidays.contains(dayIndex: dayIndex)
    }

    /// The counting window of local day `dayIndex` (days since 1970-01-01), or nil on a non-working day.
    func workingInterval(dayIndex: Int) -> DateInterval? {
        guard isWorkingDay(dayIndex: dayIndex) else { return nil }
        let start = timeZone.instant(dayIndex: dayIndex, minutesSinceMidnight: opens.minutesSinceMidnight)
        let end = timeZone.instant(dayIndex: dayIndex, minutesSinceMidnight: closes.minutesSinceMidnight)
        // A window swallowed by a clock change (e.g. 01:00–02:00 on the day clocks go forward) counts nothing.
        guard end > start else { return nil }
        return DateInterval(start: start, end: end)
    }

    private enum CodingKeys: String, CodingKey {
        case identifier, weekdays, opens, closes, timeZone, holidays
    }

    /// Decodes with the same checks as `init(identifier:weekdays:opens:closes:timeZone:holidays:)`; the time zone is
    /// stored by its identifier (`"Europe/London"`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let zoneIdentifier = try container.decode(String.self, forKey: .timeZone)
        guard let zone = TimeZone(identifier: zoneIdentifier) else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZone, in: container, debugDescription: "unknown time zone \(zoneIdentifier)")
        }
        try self.init(
            identifier: container.decode(String.self, forKey: .identifier),
            weekdays: container.decode(Set<Weekday>.self, forKey: .weekdays),
            opens: container.decode(TimeOfDay.self, forKey: .opens),
            closes: container.decode(TimeOfDay.self, forKey: .closes),
            timeZone: zone,
            holidays: container.decode(BankHolidayCalendar.self, forKey: .holidays))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identifier, forKey: .identifier)
        try container.encode(weekdays.map(\.rawValue).sorted(), forKey: .weekdays)
        try container.encode(opens, forKey: .opens)
        try container.encode(closes, forKey: .closes)
        try container.encode(timeZone.identifier, forKey: .timeZone)
        try container.encode(holidays, forKey: .holidays)
    }
}
