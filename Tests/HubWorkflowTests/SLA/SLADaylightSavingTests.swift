import Foundation
import HubWorkflow
import Testing
@testable import HubWorkflow

/// Europe/London changes on the last Sundays of March (01:00 GMT becomes 02:00 BST) and October (02:00 BST becomes
/// 01:00 GMT): 29 March and 25 October in 2026.
@Suite("SLA clocks across the clock changes in Europe/London")
struct SLADaylightSavingTests {
    private let hour = SLAFixtures.hour
    private func at(_ text: String) -> Date { SLAFixtures.instant(text) }
    private let london = TimeZone.london

    /// A schedule that counts every hour of every day, to see how long the changeover days are.
    private func everyDay() throws -> SLACalendarPolicy {
        .workingTime(try WorkingTimeSchedule(
            identifier: "every-hour", weekdays: Set(Weekday.allCases), opens: .midnight, closes: .endOfDay,
            holidays: .none))
    }

    @Test("continuous amber from Saturday 12:00 GMT before the March change is due Sunday 13:00 BST: real 24 hours")
    func continuousMarch() {
        let due = dueDate(start: at("2026-03-28T12:00:00Z"), target: 24 * hour, policy: .continuous)
        #expect(due == at("2026-03-29T13:00:00+01:00"))
    }

    @Test("continuous amber from Saturday 12:00 BST before the October change is due Sunday 11:00 GMT")
    func continuousOctober() {
        let due = dueDate(start: at("2026-10-24T12:00:00+01:00"), target: 24 * hour, policy: .continuous)
        #expect(due == at("2026-10-25T11:00:00Z"))
    }

    @Test("continuous green over the October change: 72 real hours from Friday 12:00 BST is Monday 11:00 GMT")
    func continuousGreenOctober() {
        let due = dueDate(start: at("2026-10-23T12:00:00+01:00"), target: 72 * hour, policy: .continuous)
        #expect(due == at("2026-10-26T11:00:00Z"))
    }

    @Test("continuous counted time over the changeover weekends is real time: 47 hours in March, 49 in October")
    func continuousCountedWeekend() {
        #expect(countedTime(from: at("2026-03-28T00:00:00Z"), to: at("2026-03-30T00:00:00+01:00"), policy: .continuous)
            == 47 * hour)
        #expect(countedTime(from: at("2026-10-24T00:00:00+01:00"), to: at("2026-10-26T00:00:00Z"), policy: .continuous)
            == 49 * hour)
    }

    @Test("the changeover Sundays last 23 and 25 hours of local day")
    func changeoverDays() throws {
        let policy = try everyDay()
        #expect(policy.countedTime(from: at("2026-03-29T00:00:00Z"), to: at("2026-03-30T00:00:00+01:00")) == 23 * hour)
        #expect(policy.countedTime(from: at("2026-10-25T00:00:00+01:00"), to: at("2026-10-26T00:00:00Z")) == 25 * hour)
    }

    @Test("working hours across March: Friday 15:00 GMT plus 24 working hours is Wednesday 15:00 BST")
    func workingHoursMarch() {
        // 2 h Friday (GMT); Monday and Tuesday 09:00–17:00 BST, 16 h; 6 h on Wednesday 1 April.
        let due = dueDate(start: at("2026-03-27T15:00:00Z"), target: 24 * hour, policy: .workingHours)
        #expect(due == at("2026-04-01T15:00:00+01:00"))
    }

    @Test("working hours across October: Friday 15:00 BST plus 24 working hours is Wednesday 15:00 GMT")
    func workingHoursOctober() {
        let due = dueDate(start: at("2026-10-23T15:00:00+01:00"), target: 24 * hour, policy: .workingHours)
        #expect(due == at("2026-10-28T15:00:00Z"))
    }

    @Test("working week across October: 12 hours on Friday BST, 12 on Monday GMT")
    func workingWeekOctober() {
        let start = at("2026-10-23T12:00:00+01:00")
        let due = dueDate(start: start, target: 24 * hour, policy: .workingWeek)
        #expect(due == at("2026-10-26T12:00:00Z"))
        #expect(countedTime(from: start, to: due, policy: .workingWeek) == 24 * hour)
    }

    @Test("working week across March: 12 hours on Friday GMT, 12 on Monday BST")
    func workingWeekMarch() {
        let due = dueDate(start: at("2026-03-27T12:00:00Z"), target: 24 * hour, policy: .workingWeek)
        #expect(due == at("2026-03-30T12:00:00+01:00"))
    }

    @Test("a Sunday window spanning the change counts the real hours inside it")
    func windowAcrossChange() throws {
        let nightShift = SLACalendarPolicy.workingTime(try WorkingTimeSchedule(
            identifier: "sunday-night", weekdays: [.sunday],
            opens: .midnight, closes: try #require(TimeOfDay(hour: 4)), holidays: .none))
        // 00:00 GMT to 04:00 BST is three real hours; 00:00 BST to 04:00 GMT is five.
        #expect(nightShift.countedTime(from: at("2026-03-29T00:00:00Z"), to: at("2026-03-29T12:00:00Z")) == 3 * hour)
        #expect(nightShift.countedTime(from: at("2026-10-24T23:00:00Z"), to: at("2026-10-25T12:00:00Z")) == 5 * hour)
    }

    @Test("a wall-clock time skipped in March reads as after the jump; one repeated in October as the first")
    func localTimeConversion() {
        let march = SLAFixtures.day("2026-03-29").daysSinceEpoch
        let october = SLAFixtures.day("2026-10-25").daysSinceEpoch
        #expect(london.instant(dayIndex: march, minutesSinceMidnight: 90) == at("2026-03-29T02:30:00+01:00"))
        #expect(london.instant(dayIndex: march, minutesSinceMidnight: 180) == at("2026-03-29T03:00:00+01:00"))
        #expect(london.instant(dayIndex: october, minutesSinceMidnight: 90) == at("2026-10-25T01:30:00+01:00"))
        #expect(london.instant(dayIndex: october, minutesSinceMidnight: 150) == at("2026-10-25T02:30:00Z"))
        #expect(london.instant(dayIndex: october, minutesSinceMidnight: 1440) == at("2026-10-26T00:00:00Z"))
        #expect(london.dayIndex(containing: at("2026-10-24T23:30:00Z")) == october)
        #expect(london.dayIndex(containing: at("2026-03-28T23:30:00Z")) == march - 1)
    }
}
