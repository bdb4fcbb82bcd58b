import Foundation
import HubWorkflow
import Testing
@testable import HubWorkflow

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("real days are accepted")
    func realDays() throws {
        let date = try #require(CalendarDate("2024-02-29"))
        #expect(date.year == 2024 && date.month == 2 && date.day == 29)
        #expect(CalendarDate("2000-02-29") == CalendarDate(year: 2000, month: 2, day: 29))
        #expect(CalendarDate("2023-12-31") == CalendarDate(year: 2023, month: 12, day: 31))
        #expect(CalendarDate("2000-02-29")?.description == "2000-02-29")
    }

    @Test("impossible days are refused", arguments: [
        "2023-02-30", "2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32",
    ])
    func impossibleDays(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test("only the YYYY-MM-DD shape is read", arguments: [
        "23-02-01", "2023-2-01", "2023-02-1", "2023/02/01", "20230201", "2023-02-01T00:00:00Z", "", "yyyy-mm-dd", " 2023-02-01",
    ])
    func shape(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test("JSON is a YYYY-MM-DD string and Feb 30 fails to decode")
    func json() throws {
        let date = try #require(CalendarDate(year: 2015, month: 5, day: 7))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2015-05-07"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2023-02-30"]"#.utf8))
        }
    }

    @Test("age counts completed years; a 29 February birthday completes on 1 March")
    func age() throws {
        let birth = try #require(CalendarDate("2007-06-10"))
        #expect(birth.age(on: try #require(CalendarDate("2025-06-09"))) == 17)
        #expect(birth.age(on: try #require(CalendarDate("2025-06-10"))) == 18)
        let leapling = try #require(CalendarDate("2008-02-29"))
        #expect(leapling.age(on: try #require(CalendarDate("2026-02-28"))) == 17)
        #expect(leapling.age(on: try #require(CalendarDate("2026-03-01"))) == 18)
        #expect(leapling.age(on: try #require(CalendarDate("2028-02-29"))) == 20)
    }

    @Test("day arithmetic crosses months, years and leap days")
    func arithmetic() throws {
        let date = try #require(CalendarDate("2024-02-28"))
        #expect(date.adding(days: 1) == CalendarDate("2024-02-29"))
        #expect(date.adding(days: 2) == CalendarDate("2024-03-01"))
        #expect(date.adding(days: 366) == CalendarDate("2025-02-28"))
        #expect(date.adding(days: -59) == CalendarDate("2023-12-31"))
        #expect(CalendarDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(date.days(until: try #require(CalendarDate("2024-03-01"))) == 2)
    }

    @Test("the calendar day of an instant depends on the time zone")
    func dayOfInstant() {
        let lateEvening = DomainFixtures.instant("2025-06-09T23:30:00Z")
        #expect(CalendarDate(lateEvening, in: DomainFixtures.gmt) == CalendarDate("2025-06-09"))
        #expect(CalendarDate(lateEvening, in: TimeZone.london) == CalendarDate("2025-06-10"))
    }

    @Test("dates order by year, month, day")
    func ordering() {
        #expect(CalendarDate("2024-12-31")! < CalendarDate("2025-01-01")!)
        #expect(CalendarDate("2025-01-02")! > CalendarDate("2025-01-01")!)
    }
}
