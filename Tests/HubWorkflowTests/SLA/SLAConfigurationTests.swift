import Foundation
import Testing
@testable import HubWorkflow

@Suite("SLA targets, policies and their configuration")
struct SLAConfigurationTests {
    private let hour = SLAFixtures.hour

    @Test("default targets: red 2 h, amber 24 h, green 72 h, strategy discussion 24 h, all continuous; warning at 75%")
    func defaults() {
        let standard = SLAPolicySet.standard
        #expect(standard.target(for: .red) == SLATarget(duration: 2 * hour, policy: .continuous))
        #expect(standard.target(for: .amber) == SLATarget(duration: 24 * hour, policy: .continuous))
        #expect(standard.target(for: .green) == SLATarget(duration: 72 * hour, policy: .continuous))
        #expect(standard.strategyDiscussion == SLATarget(duration: 24 * hour, policy: .continuous))
        #expect(standard.warningFraction == 0.75)
    }

    @Test("amber and green can count under the working week while red stays continuous")
    func workingWeekSet() {
        let cwmTaf = SLAPolicySet.standard(amberAndGreenCountedUnder: .workingWeek)
        #expect(cwmTaf.red.policy == .continuous)
        #expect(cwmTaf.amber.policy.identifier == "working-week")
        #expect(cwmTaf.green.policy.identifier == "working-week")
        #expect(cwmTaf.green.duration == 72 * hour)
    }

    @Test("built-in policies have stable identifiers and the catalog resolves them")
    func identifiers() {
        #expect(SLACalendarPolicy.continuous.identifier == "continuous")
        #expect(SLACalendarPolicy.workingHours.identifier == "working-hours")
        #expect(SLACalendarPolicy.workingWeek.identifier == "working-week")
        let catalog = SLACalendarPolicyCatalog.standard()
        #expect(catalog.identifiers == ["continuous", "working-hours", "working-week"])
        #expect(catalog.policy(identifier: "working-week") == .workingWeek)
        #expect(catalog.policy(identifier: "working-hours") == .workingHours)
        #expect(catalog.policy(identifier: "weekends") == nil)
    }

    @Test("the built-in schedules: office hours Monday–Friday 09:00–17:00 and the whole working week, in Europe/London")
    func builtInSchedules() {
        let office = WorkingTimeSchedule.officeHours()
        #expect(office.weekdays == Weekday.mondayToFriday)
        #expect(office.opens.description == "09:00")
        #expect(office.closes.description == "17:00")
        #expect(office.timeZone.identifier == "Europe/London")
        #expect(office.holidays == .englandAndWales)
        let week = WorkingTimeSchedule.workingWeek()
        #expect(week.opens == .midnight && week.closes == .endOfDay)
        #expect(!week.isWorkingDay(SLAFixtures.day("2026-01-17")))  // Saturday
        #expect(!week.isWorkingDay(SLAFixtures.day("2026-12-28")))  // Boxing Day substitute
        #expect(week.isWorkingDay(SLAFixtures.day("2026-12-29")))
        #expect(office.workingInterval(on: SLAFixtures.day("2026-06-15"))
            == DateInterval(start: SLAFixtures.instant("2026-06-15T08:00:00Z"), end: SLAFixtures.instant("2026-06-15T16:00:00Z")))
    }

    @Test("a configured schedule: Monday–Saturday 08:00–18:00 with its own identifier")
    func customSchedule() throws {
        let extended = try WorkingTimeSchedule(
            identifier: "extended-hours", weekdays: Weekday.mondayToFriday.union([.saturday]),
            opens: try #require(TimeOfDay("08:00")), closes: try #require(TimeOfDay("18:00")))
        let policy = SLACalendarPolicy.workingTime(extended)
        #expect(policy.identifier == "extended-hours")
        // Friday 16:30: 90 minutes on Friday, 30 on Saturday from 08:00.
        #expect(policy.dueDate(start: SLAFixtures.instant("2026-01-16T16:30:00Z"), target: 2 * hour)
            == SLAFixtures.instant("2026-01-17T08:30:00Z"))
        let catalog = SLACalendarPolicyCatalog.standard().adding(policy)
        #expect(catalog.policy(identifier: "extended-hours") == policy)
    }

    @Test("a schedule refuses no weekdays, an empty or reserved identifier, or closing before opening")
    func scheduleValidation() throws {
        let nine = try #require(TimeOfDay(hour: 9))
        let five = try #require(TimeOfDay(hour: 17))
        #expect(throws: WorkingTimeScheduleError.noWorkingDays) {
            try WorkingTimeSchedule(identifier: "none", weekdays: [], opens: nine, closes: five)
        }
        #expect(throws: WorkingTimeScheduleError.emptyIdentifier) {
            try WorkingTimeSchedule(identifier: " ", opens: nine, closes: five)
        }
        #expect(throws: WorkingTimeScheduleError.reservedIdentifier("continuous")) {
            try WorkingTimeSchedule(identifier: "continuous", opens: nine, closes: five)
        }
        #expect(throws: WorkingTimeScheduleError.closesBeforeOpening(opens: five, closes: nine)) {
            try WorkingTimeSchedule(identifier: "backwards", opens: five, closes: nine)
        }
    }

    @Test("times of day parse HH:mm up to 24:00")
    func timesOfDay() {
        #expect(TimeOfDay("09:30")?.minutesSinceMidnight == 570)
        #expect(TimeOfDay("24:00") == .endOfDay)
        #expect(TimeOfDay("00:00") == .midnight)
        #expect(TimeOfDay("24:01") == nil)
        #expect(TimeOfDay("9:30") == nil)
        #expect(TimeOfDay("12:60") == nil)
        #expect(TimeOfDay(hour: 17, minute: 5)?.description == "17:05")
    }

    @Test("weekdays from dates and names")
    func weekdays() {
        #expect(Weekday(SLAFixtures.day("1970-01-01")) == .thursday)
        #expect(Weekday(SLAFixtures.day("2026-01-16")) == .friday)
        #expect(Weekday(SLAFixtures.day("2026-03-29")) == .sunday)
        #expect(Weekday(SLAFixtures.day("1969-12-31")) == .wednesday)
        #expect(Weekday(name: "Mon") == .monday)
        #expect(Weekday(name: "saturday") == .saturday)
        #expect(Weekday(name: "someday") == nil)
    }

    @Test("policies and policy sets encode to JSON and back")
    func codable() throws {
        let set = SLAPolicySet.standard(amberAndGreenCountedUnder: .workingHours)
        let data = try JSONEncoder().encode(set)
        #expect(try JSONDecoder().decode(SLAPolicySet.self, from: data) == set)
        let continuous = try JSONEncoder().encode(SLACalendarPolicy.continuous)
        #expect(String(decoding: continuous, as: UTF8.self) == #"{"kind":"continuous"}"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SLACalendarPolicy.self, from: Data(#"{"kind":"weekends"}"#.utf8))
        }
    }

    @Test("a configured policy set may give only what differs from the defaults, and is checked")
    func partialConfiguration() throws {
        let json = #"{"red": {"duration": 3600, "policy": {"kind": "continuous"}}, "warningFraction": 0.8}"#
        let set = try JSONDecoder().decode(SLAPolicySet.self, from: Data(json.utf8))
        #expect(set.red.duration == 1 * hour)
        #expect(set.amber == SLAPolicySet.standard.amber)
        #expect(set.warningFraction == 0.8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SLAPolicySet.self, from: Data(#"{"warningFraction": 1.5}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SLATarget.self, from: Data(#"{"duration": -60, "policy": {"kind": "continuous"}}"#.utf8))
        }
    }
}
