import Foundation
import Testing
@testable import HubWorkflow

@Suite("SLA due dates and counted time")
struct SLADueDateTests {
    private let hour = SLAFixtures.hour
    private func at(_ text: String) -> Date { SLAFixtures.instant(text) }

    // MARK: A red received on Friday at 16:30

    @Test("red at Friday 16:30, continuous: due 18:30 the same evening")
    func redFridayContinuous() {
        let due = dueDate(start: at("2026-01-16T16:30:00Z"), target: 2 * hour, policy: .continuous)
        #expect(due == at("2026-01-16T18:30:00Z"))
    }

    @Test("red at Friday 16:30, working week: Friday counts all day, so also 18:30")
    func redFridayWorkingWeek() {
        let due = dueDate(start: at("2026-01-16T16:30:00Z"), target: 2 * hour, policy: .workingWeek)
        #expect(due == at("2026-01-16T18:30:00Z"))
    }

    @Test("red at Friday 23:00, working week: one hour on Friday, one after Monday midnight")
    func redLateFridayWorkingWeek() {
        let due = dueDate(start: at("2026-01-16T23:00:00Z"), target: 2 * hour, policy: .workingWeek)
        #expect(due == at("2026-01-19T01:00:00Z"))
    }

    @Test("red at Friday 16:30, working hours: 30 minutes on Friday, 90 on Monday, due Monday 10:30")
    func redFridayWorkingHours() {
        let due = dueDate(start: at("2026-01-16T16:30:00Z"), target: 2 * hour, policy: .workingHours)
        #expect(due == at("2026-01-19T10:30:00Z"))
        #expect(countedTime(from: at("2026-01-16T16:30:00Z"), to: due, policy: .workingHours) == 2 * hour)
    }

    @Test("red at Friday 16:30 BST, working hours are local: due Monday 10:30 BST")
    func redFridaySummerWorkingHours() {
        let due = dueDate(start: at("2026-06-12T16:30:00+01:00"), target: 2 * hour, policy: .workingHours)
        #expect(due == at("2026-06-15T10:30:00+01:00"))
    }

    @Test("amber at Friday 16:30, working week: due Monday 16:30")
    func amberFridayWorkingWeek() {
        let due = dueDate(start: at("2026-01-16T16:30:00Z"), target: 24 * hour, policy: .workingWeek)
        #expect(due == at("2026-01-19T16:30:00Z"))
    }

    @Test("a target used up exactly at closing time is due at the close, not the next opening")
    func dueAtClose() {
        // Thursday 09:00 plus 16 working hours: all of Thursday and Friday.
        let due = dueDate(start: at("2026-01-15T09:00:00Z"), target: 16 * hour, policy: .workingHours)
        #expect(due == at("2026-01-16T17:00:00Z"))
    }

    @Test("a clock started outside working hours begins counting at the next opening")
    func startOutsideHours() {
        let due = dueDate(start: at("2026-01-17T10:00:00Z"), target: 2 * hour, policy: .workingHours)  // Saturday
        #expect(due == at("2026-01-19T11:00:00Z"))
        #expect(dueDate(start: at("2026-01-19T07:00:00Z"), target: 1 * hour, policy: .workingHours)
            == at("2026-01-19T10:00:00Z"))
    }

    @Test("a zero target is due at once")
    func zeroTarget() {
        let start = at("2026-01-17T10:00:00Z")
        #expect(dueDate(start: start, target: 0, policy: .workingHours) == start)
        #expect(dueDate(start: start, target: 0, policy: .continuous) == start)
    }

    // MARK: Across bank holidays

    @Test("amber on the Thursday before Good Friday 2026 under each policy")
    func amberBeforeEaster() {
        let start = at("2026-04-02T14:00:00+01:00")
        // Continuous: the holiday makes no difference.
        #expect(dueDate(start: start, target: 24 * hour, policy: .continuous) == at("2026-04-03T14:00:00+01:00"))
        // Working week: 10 hours on Thursday; Good Friday, the weekend and Easter Monday skipped; 14 on Tuesday.
        #expect(dueDate(start: start, target: 24 * hour, policy: .workingWeek) == at("2026-04-07T14:00:00+01:00"))
        // Working hours: 3 on Thursday, 8 on Tuesday, 8 on Wednesday, 5 on Thursday 9 April.
        #expect(dueDate(start: start, target: 24 * hour, policy: .workingHours) == at("2026-04-09T14:00:00+01:00"))
    }

    @Test("amber on Christmas Eve 2026, working week: Christmas, the weekend and Boxing Day's substitute skipped")
    func amberChristmasWorkingWeek() {
        let due = dueDate(start: at("2026-12-24T10:00:00Z"), target: 24 * hour, policy: .workingWeek)
        #expect(due == at("2026-12-29T10:00:00Z"))
    }

    @Test("green on Christmas Eve 2026, working hours: 72 working hours land on Monday 11 January 2027")
    func greenChristmasWorkingHours() {
        // 7 h Thu 24th; Tue 29th–Thu 31st 24 h (31); New Year's Day skipped; 4th–8th Jan 40 h (71); 1 h on Mon 11th.
        let start = at("2026-12-24T10:00:00Z")
        let due = dueDate(start: start, target: 72 * hour, policy: .workingHours)
        #expect(due == at("2027-01-11T10:00:00Z"))
        #expect(countedTime(from: start, to: due, policy: .workingHours) == 72 * hour)
    }

    @Test("VE day 2020 and the jubilee 2022 are skipped")
    func specialHolidays() {
        #expect(dueDate(start: at("2020-05-07T12:00:00+01:00"), target: 24 * hour, policy: .workingWeek)
            == at("2020-05-11T12:00:00+01:00"))
        // Wednesday 1 June 2022 09:00: 8 h; Thursday and Friday holidays; 8 h Monday; 8 h Tuesday to 17:00.
        #expect(dueDate(start: at("2022-06-01T09:00:00+01:00"), target: 24 * hour, policy: .workingHours)
            == at("2022-06-07T17:00:00+01:00"))
    }

    // MARK: Counted time

    @Test("counted time skips nights, weekends and holidays")
    func countedTimeSkips() {
        #expect(countedTime(from: at("2026-01-16T16:30:00Z"), to: at("2026-01-19T10:30:00Z"), policy: .workingHours)
            == 2 * hour)
        #expect(countedTime(from: at("2026-01-16T16:30:00Z"), to: at("2026-01-19T10:30:00Z"), policy: .workingWeek)
            == 7.5 * hour + 10.5 * hour)
        #expect(countedTime(from: at("2026-01-16T16:30:00Z"), to: at("2026-01-19T10:30:00Z"), policy: .continuous)
            == 66 * hour)
        // Good Friday to Easter Monday 2026 counts nothing.
        #expect(countedTime(from: at("2026-04-03T00:00:00+01:00"), to: at("2026-04-07T00:00:00+01:00"),
                            policy: .workingWeek) == 0)
        #expect(countedTime(from: at("2026-01-19T12:00:00Z"), to: at("2026-01-19T11:00:00Z"), policy: .continuous) == 0)
    }

    @Test("whether a policy counts at an instant")
    func isCounting() {
        #expect(SLACalendarPolicy.workingHours.isCounting(at: at("2026-01-16T16:59:59Z")))
        #expect(!SLACalendarPolicy.workingHours.isCounting(at: at("2026-01-16T17:00:00Z")))
        #expect(SLACalendarPolicy.workingWeek.isCounting(at: at("2026-01-16T23:59:00Z")))
        #expect(!SLACalendarPolicy.workingWeek.isCounting(at: at("2026-01-17T00:00:00Z")))
        #expect(!SLACalendarPolicy.workingWeek.isCounting(at: at("2026-12-28T12:00:00Z")))
        #expect(SLACalendarPolicy.continuous.isCounting(at: at("2026-12-25T12:00:00Z")))
    }

    // MARK: Walking day by day

    @Test("a long working-hours target is found by walking days, and counts back to itself")
    func longTarget() {
        // 2,000 working hours is 250 working days: 252 remain in 2026 after 5 January, so Tuesday 29 December.
        let start = at("2026-01-05T09:00:00Z")
        let due = dueDate(start: start, target: 2_000 * hour, policy: .workingHours)
        #expect(countedTime(from: start, to: due, policy: .workingHours) == 2_000 * hour)
        #expect(due == at("2026-12-29T17:00:00Z"))
    }

    @Test("for starts across 2026, counted time up to the due date equals the target")
    func roundTrip() {
        let policies: [SLACalendarPolicy] = [.continuous, .workingHours, .workingWeek]
        let targets: [TimeInterval] = [2 * hour, 24 * hour, 72 * hour]
        var start = at("2026-01-01T00:00:00Z")
        let end = at("2027-01-01T00:00:00Z")
        while start < end {
            for policy in policies {
                for target in targets {
                    let due = policy.dueDate(start: start, target: target)
                    #expect(policy.countedTime(from: start, to: due) == target, "\(policy.identifier) \(start)")
                    // Just before the due instant the target is not yet reached.
                    #expect(policy.countedTime(from: start, to: due.addingTimeInterval(-1)) < target)
                }
            }
            start = start.addingTimeInterval(7 * hour + 13 * SLAFixtures.minute)
        }
    }
}
