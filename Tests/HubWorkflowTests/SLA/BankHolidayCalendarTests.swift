import Foundation
import HubWorkflow
import Testing
@testable import HubWorkflow

@Suite("England and Wales bank holidays")
struct BankHolidayCalendarTests {
    let calendar = BankHolidayCalendar.englandAndWales

    private func isHoliday(_ text: String) -> Bool {
        calendar.contains(SLAFixtures.day(text))
    }

    private func name(_ text: String) -> String? {
        calendar.holiday(on: SLAFixtures.day(text))?.name
    }

    @Test("eight a year, ten in 2022 and nine in 2023")
    func countsPerYear() {
        for year in BankHolidayCalendar.englandAndWalesYears {
            let expected = year == 2022 ? 10 : (year == 2023 ? 9 : 8)
            #expect(calendar.holidays(in: year).count == expected, "year \(year)")
        }
        #expect(calendar.holidays.count == 131)
        #expect(calendar.holidays(in: 2014).isEmpty)
        #expect(calendar.holidays(in: 2031).isEmpty)
    }

    @Test("every holiday falls on a weekday")
    func weekdaysOnly() {
        for holiday in calendar.holidays {
            #expect(Weekday(holiday.date) != .saturday && Weekday(holiday.date) != .sunday, "\(holiday)")
        }
    }

    @Test("2020: early May moved to Friday 8 May for VE day")
    func veDay2020() {
        #expect(isHoliday("2020-05-08"))
        #expect(name("2020-05-08") == "Early May bank holiday (VE day)")
        #expect(!isHoliday("2020-05-04"))
        #expect(isHoliday("2020-04-10"))  // Good Friday
        #expect(isHoliday("2020-04-13"))  // Easter Monday
        #expect(isHoliday("2020-05-25"))
        #expect(isHoliday("2020-08-31"))
        #expect(isHoliday("2020-12-25"))
        #expect(isHoliday("2020-12-28"))
        #expect(name("2020-12-28") == "Boxing Day (substitute day)")
        #expect(!isHoliday("2020-12-26"))
    }

    @Test("2022: jubilee, moved spring holiday, state funeral, weekend New Year and Christmas")
    func specialDays2022() {
        #expect(name("2022-01-03") == "New Year's Day (substitute day)")
        #expect(isHoliday("2022-06-02"))
        #expect(name("2022-06-02") == "Spring bank holiday")
        #expect(name("2022-06-03") == "Platinum Jubilee bank holiday")
        #expect(!isHoliday("2022-05-30"))
        #expect(name("2022-09-19") == "Bank holiday for the State Funeral of Queen Elizabeth II")
        #expect(name("2022-12-26") == "Boxing Day")
        #expect(name("2022-12-27") == "Christmas Day (substitute day)")
        #expect(isHoliday("2022-04-15"))
        #expect(isHoliday("2022-04-18"))
        #expect(isHoliday("2022-05-02"))
        #expect(isHoliday("2022-08-29"))
    }

    @Test("2023: coronation on Monday 8 May as well as early May on 1 May")
    func coronation2023() {
        #expect(name("2023-05-01") == "Early May bank holiday")
        #expect(name("2023-05-08") == "Bank holiday for the coronation of King Charles III")
        #expect(name("2023-01-02") == "New Year's Day (substitute day)")
        #expect(isHoliday("2023-04-07"))
        #expect(isHoliday("2023-04-10"))
        #expect(isHoliday("2023-05-29"))
        #expect(isHoliday("2023-08-28"))
        #expect(isHoliday("2023-12-25"))
        #expect(isHoliday("2023-12-26"))
    }

    @Test("substitute days when Christmas, Boxing Day or New Year's Day fall at a weekend")
    func substituteDays() {
        // Christmas on a Friday: Boxing Day moves to Monday 28th.
        #expect(name("2015-12-28") == "Boxing Day (substitute day)")
        #expect(name("2026-12-28") == "Boxing Day (substitute day)")
        // Christmas on a Saturday: Monday 27th and Tuesday 28th.
        #expect(name("2021-12-27") == "Christmas Day (substitute day)")
        #expect(name("2021-12-28") == "Boxing Day (substitute day)")
        #expect(!isHoliday("2021-12-25"))
        #expect(name("2027-12-27") == "Christmas Day (substitute day)")
        #expect(name("2027-12-28") == "Boxing Day (substitute day)")
        // Christmas on a Sunday: Boxing Day on Monday, Christmas substitute on Tuesday 27th.
        #expect(name("2016-12-26") == "Boxing Day")
        #expect(name("2016-12-27") == "Christmas Day (substitute day)")
        // New Year's Day at a weekend.
        #expect(name("2017-01-02") == "New Year's Day (substitute day)")
        #expect(name("2028-01-03") == "New Year's Day (substitute day)")
        #expect(!isHoliday("2028-01-01"))
    }

    @Test("Easter dates across the range")
    func easter() {
        for good in ["2015-04-03", "2016-03-25", "2019-04-19", "2024-03-29", "2025-04-18", "2027-03-26", "2030-04-19"] {
            #expect(name(good) == "Good Friday", "\(good)")
        }
        for monday in ["2015-04-06", "2016-03-28", "2019-04-22", "2024-04-01", "2025-04-21", "2027-03-29", "2030-04-22"] {
            #expect(name(monday) == "Easter Monday", "\(monday)")
        }
    }

    @Test("the shipped list matches the rules plus the one-off changes, year by year")
    func matchesRules() {
        for year in BankHolidayCalendar.englandAndWalesYears {
            let shipped = Set(calendar.holidays(in: year).map(\.date))
            #expect(shipped == RuleBook.holidays(in: year), "year \(year)")
        }
    }

    @Test("a calendar extends with a local holiday and merges with another")
    func extending() {
        let stDavid = BankHoliday(date: SLAFixtures.day("2027-03-01"), name: "St David's Day (local)")
        let welsh = calendar.adding(stDavid)
        #expect(welsh.contains(stDavid.date))
        #expect(!calendar.contains(stDavid.date))
        #expect(welsh.holidays.count == 132)

        let local = BankHolidayCalendar([
            BankHoliday(date: SLAFixtures.day("2026-07-15"), name: "County show"),
            BankHoliday(date: SLAFixtures.day("2026-12-25"), name: "Christmas"),
        ])
        let merged = calendar.merging(local)
        #expect(merged.holidays.count == 132)
        #expect(merged.holiday(on: SLAFixtures.day("2026-12-25"))?.name == "Christmas")
        #expect(merged.contains(SLAFixtures.day("2026-07-15")))
        #expect(!merged.removing(SLAFixtures.day("2026-07-15")).contains(SLAFixtures.day("2026-07-15")))
    }

    @Test("a working-week clock skips an added local holiday")
    func localHolidayInClock() throws {
        let stDavid = BankHoliday(date: SLAFixtures.day("2027-03-01"), name: "St David's Day (local)")
        let plain = SLACalendarPolicy.workingWeek
        let welsh = SLACalendarPolicy.workingTime(.workingWeek(holidays: calendar.adding(stDavid)))
        // Amber on Friday 26 February 2027 at noon: 12 hours on Friday, the other 12 on the next working day.
        let start = SLAFixtures.instant("2027-02-26T12:00:00Z")
        #expect(plain.dueDate(start: start, target: 24 * SLAFixtures.hour) == SLAFixtures.instant("2027-03-01T12:00:00Z"))
        #expect(welsh.dueDate(start: start, target: 24 * SLAFixtures.hour) == SLAFixtures.instant("2027-03-02T12:00:00Z"))
    }

    @Test("encodes as a list of dated holidays and decodes back")
    func codable() throws {
        let small = BankHolidayCalendar([BankHoliday(date: SLAFixtures.day("2026-12-25"), name: "Christmas Day")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(small)
        #expect(String(decoding: data, as: UTF8.self) == #"[{"date":"2026-12-25","name":"Christmas Day"}]"#)
        #expect(try JSONDecoder().decode(BankHolidayCalendar.self, from: data) == small)
    }
}

/// An independent statement of the England and Wales rules, to check the shipped table against.
private enum RuleBook {
    static func holidays(in year: Int) -> Set<CalendarDate> {
        var days: Set<CalendarDate> = []
        days.insert(onWeekday(date(year, 1, 1)))
        let easter = easterSunday(year)
        days.insert(add(easter, -2))
        days.insert(add(easter, 1))
        switch year {
        case 2020: days.insert(date(2020, 5, 8))
        default: days.insert(firstMonday(year, 5))
        }
        if year == 2023 { days.insert(date(2023, 5, 8)) }
        switch year {
        case 2022: days.formUnion([date(2022, 6, 2), date(2022, 6, 3)])
        default: days.insert(lastMonday(year, 5))
        }
        days.insert(lastMonday(year, 8))
        if year == 2022 { days.insert(date(2022, 9, 19)) }
        let christmas = date(year, 12, 25)
        switch Weekday(christmas) {
        case .friday: days.formUnion([christmas, date(year, 12, 28)])
        case .saturday: days.formUnion([date(year, 12, 27), date(year, 12, 28)])
        case .sunday: days.formUnion([date(year, 12, 26), date(year, 12, 27)])
        default: days.formUnion([christmas, date(year, 12, 26)])
        }
        return days
    }

    /// The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return date(year, month, day)
    }

    static func onWeekday(_ day: CalendarDate) -> CalendarDate {
        switch Weekday(day) {
        case .saturday: return add(day, 2)
        case .sunday: return add(day, 1)
        default: return day
        }
    }

    static func firstMonday(_ year: Int, _ month: Int) -> CalendarDate {
        var day = date(year, month, 1)
        while Weekday(day) != .monday { day = add(day, 1) }
        return day
    }

    static func lastMonday(_ year: Int, _ month: Int) -> CalendarDate {
        var day = add(date(year, month + 1, 1), -1)
        while Weekday(day) != .monday { day = add(day, -1) }
        return day
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        guard let value = CalendarDate(year: year, month: month, day: day) else { preconditionFailure("no such day") }
        return value
    }

    static func add(_ day: CalendarDate, _ days: Int) -> CalendarDate {
        guard let value = day.adding(days: days) else { preconditionFailure("out of range") }
        return value
    }
}
