import Foundation
import Testing
@testable import HubWorkflow

@Suite("SLA clocks: pause, re-rating, warning and outcome")
struct SLAClockTests {
    private let hour = SLAFixtures.hour
    private let targets = SLAPolicySet.standard
    private func at(_ text: String) -> Date { SLAFixtures.instant(text) }

    // MARK: Starting

    @Test("a new clock is running, due at start plus target, with nothing counted")
    func fresh() {
        let clock = targets.startClock(for: .red, at: at("2026-01-12T09:00:00Z"))
        #expect(clock.isRunning)
        #expect(clock.state(at: at("2026-01-12T09:00:00Z")) == .running)
        #expect(clock.dueDate == at("2026-01-12T11:00:00Z"))
        #expect(clock.countedTime(at: at("2026-01-12T09:00:00Z")) == 0)
        #expect(clock.remaining(at: at("2026-01-12T10:15:00Z")) == 0.75 * hour)
        #expect(clock.fractionElapsed(at: at("2026-01-12T10:00:00Z")) == 0.5)
        #expect(clock.policy.identifier == "continuous")
    }

    @Test("a strategy discussion decided at 14:00 is due by 14:00 the next day")
    func strategyDiscussion() {
        let clock = targets.startStrategyDiscussionClock(decidedAt: at("2026-01-12T14:00:00Z"))
        #expect(clock.dueDate == at("2026-01-13T14:00:00Z"))
    }

    // MARK: Pause and resume

    @Test("paused time does not count (continuous amber)")
    func pauseContinuous() throws {
        var clock = targets.startClock(for: .amber, at: at("2026-01-12T09:00:00Z"))
        try clock.pause(at: at("2026-01-12T10:00:00Z"))
        #expect(clock.isPaused)
        #expect(clock.state(at: at("2026-01-12T11:00:00Z")) == .paused)
        #expect(clock.countedTime(at: at("2026-01-12T12:00:00Z")) == 1 * hour)
        #expect(clock.remaining(at: at("2026-01-12T12:00:00Z")) == 23 * hour)
        #expect(clock.dueDate == nil)

        try clock.resume(at: at("2026-01-12T13:00:00Z"))
        #expect(clock.state(at: at("2026-01-12T13:00:00Z")) == .running)
        #expect(clock.countedTime(at: at("2026-01-12T14:00:00Z")) == 2 * hour)
        #expect(clock.dueDate == at("2026-01-13T12:00:00Z"))
        #expect(clock.state(at: at("2026-01-13T12:00:01Z")) == .breached)
    }

    @Test("pause and resume under working hours")
    func pauseWorkingHours() throws {
        var clock = SLAClock(startedAt: at("2026-01-12T09:00:00Z"), target: 24 * hour, policy: .workingHours)
        try clock.pause(at: at("2026-01-12T16:00:00Z"))  // 7 h counted
        try clock.resume(at: at("2026-01-14T10:00:00Z"))  // Wednesday: 7 h (14), Thursday 8 h (22), Friday 2 h
        #expect(clock.dueDate == at("2026-01-16T11:00:00Z"))
        #expect(clock.countedTime(at: at("2026-01-15T09:00:00Z")) == 14 * hour)
    }

    @Test("pause, resume and stop refuse the wrong state or an earlier instant")
    func transitionErrors() throws {
        var clock = targets.startClock(for: .amber, at: at("2026-01-12T09:00:00Z"))
        #expect(throws: SLAClockError.notPaused) { try clock.resume(at: at("2026-01-12T10:00:00Z")) }
        try clock.pause(at: at("2026-01-12T10:00:00Z"))
        #expect(throws: SLAClockError.alreadyPaused) { try clock.pause(at: at("2026-01-12T11:00:00Z")) }
        #expect(throws: SLAClockError.outOfOrder(instant: at("2026-01-12T09:30:00Z"), lastEventAt: at("2026-01-12T10:00:00Z"))) {
            try clock.resume(at: at("2026-01-12T09:30:00Z"))
        }
        try clock.stop(at: at("2026-01-12T12:00:00Z"))
        #expect(throws: SLAClockError.alreadyStopped) { try clock.stop(at: at("2026-01-12T13:00:00Z")) }
        #expect(throws: SLAClockError.alreadyStopped) { try clock.resume(at: at("2026-01-12T13:00:00Z")) }
        #expect(throws: SLAClockError.alreadyStopped) { try clock.retarget(to: targets.red, at: at("2026-01-12T13:00:00Z")) }
    }

    // MARK: Re-rating

    @Test("amber re-rated red after one hour keeps the hour: due two hours after the start")
    func amberToRed() throws {
        var clock = targets.startClock(for: .amber, at: at("2026-01-12T09:00:00Z"))
        #expect(clock.dueDate == at("2026-01-13T09:00:00Z"))
        try clock.retarget(to: targets.red, at: at("2026-01-12T10:00:00Z"))
        #expect(clock.target == 2 * hour)
        #expect(clock.dueDate == at("2026-01-12T11:00:00Z"))
        #expect(clock.countedTime(at: at("2026-01-12T10:30:00Z")) == 1.5 * hour)
        #expect(clock.state(at: at("2026-01-12T10:30:00Z")) == .running)
        #expect(clock.state(at: at("2026-01-12T11:00:00Z")) == .running)
        #expect(clock.state(at: at("2026-01-12T11:00:01Z")) == .breached)
    }

    @Test("amber re-rated red after three hours is already past due")
    func amberToRedLate() throws {
        var clock = targets.startClock(for: .amber, at: at("2026-01-12T09:00:00Z"))
        try clock.retarget(to: targets.red, at: at("2026-01-12T12:00:00Z"))
        #expect(clock.dueDate == at("2026-01-12T11:00:00Z"))
        #expect(clock.state(at: at("2026-01-12T12:00:00Z")) == .breached)
        #expect(clock.remaining(at: at("2026-01-12T12:00:00Z")) == -1 * hour)
        #expect(clock.fractionElapsed(at: at("2026-01-12T12:00:00Z")) == 1.5)
    }

    @Test("re-rating after a pause finds the due instant inside an earlier running period")
    func retargetAfterPause() throws {
        var clock = targets.startClock(for: .amber, at: at("2026-01-12T09:00:00Z"))
        try clock.pause(at: at("2026-01-12T12:00:00Z"))
        try clock.resume(at: at("2026-01-12T13:00:00Z"))
        try clock.retarget(to: targets.red, at: at("2026-01-12T13:30:00Z"))
        #expect(clock.dueDate == at("2026-01-12T11:00:00Z"))
        #expect(clock.state(at: at("2026-01-12T13:30:00Z")) == .breached)
        // Four hours would be due 30 minutes after the re-rating (3.5 h counted by then).
        try clock.retarget(to: 4 * hour, at: at("2026-01-12T13:30:00Z"))
        #expect(clock.dueDate == at("2026-01-12T14:00:00Z"))
        #expect(clock.state(at: at("2026-01-12T13:45:00Z")) == .running)
    }

    @Test("green re-rated amber under the working week keeps the counted hours")
    func greenToAmberWorkingWeek() throws {
        let workingWeek = SLAPolicySet.standard(amberAndGreenCountedUnder: .workingWeek)
        var clock = workingWeek.startClock(for: .green, at: at("2026-01-12T09:00:00Z"))
        // 15 h Monday, 24 h Tuesday, 24 h Wednesday, 9 h Thursday.
        #expect(clock.dueDate == at("2026-01-15T09:00:00Z"))
        try clock.retarget(to: workingWeek.amber, at: at("2026-01-12T21:00:00Z"))  // 12 h counted
        #expect(clock.dueDate == at("2026-01-13T09:00:00Z"))
        #expect(clock.runningPeriods.count == 1)
    }

    @Test("green under working hours re-rated amber under continuous: the new policy counts from the re-rating")
    func greenToAmberPolicyChange() throws {
        let policies = SLAPolicySet(green: .hours(72, policy: .workingHours))
        var clock = policies.startClock(for: .green, at: at("2026-01-16T15:00:00Z"))  // Friday
        // Friday 2 h and Monday 1 h of working time, then 21 continuous hours.
        try clock.retarget(to: policies.amber, at: at("2026-01-19T10:00:00Z"))
        #expect(clock.policy == .continuous)
        #expect(clock.runningPeriods.count == 2)
        #expect(clock.countedTime(at: at("2026-01-19T10:00:00Z")) == 3 * hour)
        #expect(clock.dueDate == at("2026-01-20T07:00:00Z"))
        #expect(clock.countedTime(at: at("2026-01-20T06:00:00Z")) == 23 * hour)
    }

    @Test("a paused clock re-rated to a new policy resumes under it")
    func retargetWhilePaused() throws {
        var clock = SLAClock(startedAt: at("2026-01-16T15:00:00Z"), target: 24 * hour, policy: .workingHours)
        try clock.pause(at: at("2026-01-16T16:00:00Z"))  // 1 h
        try clock.retarget(to: targets.red, at: at("2026-01-17T09:00:00Z"))  // red, continuous
        #expect(clock.isPaused)
        #expect(clock.dueDate == nil)
        try clock.resume(at: at("2026-01-17T10:00:00Z"))
        #expect(clock.dueDate == at("2026-01-17T11:00:00Z"))
    }

    @Test("a policy change at the instant a period starts replaces that period's policy")
    func retargetAtStart() throws {
        var clock = SLAClock(startedAt: at("2026-01-17T09:00:00Z"), target: 24 * hour, policy: .workingHours)
        try clock.retarget(to: 2 * hour, policy: .continuous, at: at("2026-01-17T09:00:00Z"))
        #expect(clock.runningPeriods == [SLAClock.RunningPeriod(start: at("2026-01-17T09:00:00Z"), end: nil, policy: .continuous)])
        #expect(clock.dueDate == at("2026-01-17T11:00:00Z"))
    }

    // MARK: Warning at 75%

    @Test("red warns at 90 minutes")
    func warningRed() {
        let clock = targets.startClock(for: .red, at: at("2026-01-12T09:00:00Z"))
        #expect(clock.warningDate == at("2026-01-12T10:30:00Z"))
        #expect(!clock.isInWarning(at: at("2026-01-12T10:29:59Z")))
        #expect(clock.isInWarning(at: at("2026-01-12T10:30:00Z")))
        #expect(clock.isInWarning(at: at("2026-01-12T11:00:00Z")))
        #expect(!clock.isInWarning(at: at("2026-01-12T11:00:01Z")))  // breached instead
    }

    @Test("working-hours amber from Friday 15:00 warns at Tuesday's close, due Wednesday 15:00")
    func warningWorkingHours() {
        let clock = SLAClock(startedAt: at("2026-01-16T15:00:00Z"), target: 24 * hour, policy: .workingHours)
        #expect(clock.warningDate == at("2026-01-20T17:00:00Z"))
        #expect(clock.dueDate == at("2026-01-21T15:00:00Z"))
        #expect(clock.isInWarning(at: at("2026-01-21T08:00:00Z")))
    }

    @Test("the warning fraction is configurable")
    func warningFraction() {
        let halfway = SLAPolicySet(warningFraction: 0.5)
        let clock = halfway.startClock(for: .amber, at: at("2026-01-12T09:00:00Z"))
        #expect(clock.warningDate == at("2026-01-12T21:00:00Z"))
    }

    // MARK: Met or breached

    @Test("stopped before or at the due instant is met; after it, breached")
    func metOrBreached() throws {
        let start = at("2026-01-12T09:00:00Z")
        for (stop, outcome) in [("10:59:00", SLAClockState.met), ("11:00:00", .met), ("11:00:01", .breached)] {
            var clock = targets.startClock(for: .red, at: start)
            let result = try clock.stop(at: at("2026-01-12T\(stop)Z"))
            #expect(result == outcome, "stopped at \(stop)")
            #expect(clock.outcome == outcome)
            #expect(clock.state(at: at("2026-01-20T00:00:00Z")) == outcome)
            #expect(clock.isStopped)
            #expect(clock.dueDate == at("2026-01-12T11:00:00Z"))
        }
    }

    @Test("an open clock past its due instant is breached, and stays breached when stopped")
    func openBreach() throws {
        var clock = targets.startClock(for: .red, at: at("2026-01-12T09:00:00Z"))
        #expect(clock.state(at: at("2026-01-12T12:00:00Z")) == .breached)
        #expect(clock.outcome == nil)
        #expect(try clock.stop(at: at("2026-01-12T12:00:00Z")) == .breached)
    }

    @Test("under working hours, stopping on Saturday after a Friday 17:00 due instant is breached")
    func breachedOutsideHours() throws {
        // Thursday 09:00 plus 16 working hours is due Friday 17:00; no working time passes overnight.
        var late = SLAClock(startedAt: at("2026-01-15T09:00:00Z"), target: 16 * hour, policy: .workingHours)
        #expect(late.dueDate == at("2026-01-16T17:00:00Z"))
        #expect(late.state(at: at("2026-01-17T10:00:00Z")) == .breached)
        #expect(late.remaining(at: at("2026-01-17T10:00:00Z")) == 0)
        #expect(try late.stop(at: at("2026-01-17T10:00:00Z")) == .breached)

        var onTime = SLAClock(startedAt: at("2026-01-15T09:00:00Z"), target: 16 * hour, policy: .workingHours)
        #expect(try onTime.stop(at: at("2026-01-16T16:59:00Z")) == .met)
    }

    @Test("a clock paused before its due instant and stopped later is met; paused after it, breached")
    func stoppedWhilePaused() throws {
        var early = targets.startClock(for: .red, at: at("2026-01-12T09:00:00Z"))
        try early.pause(at: at("2026-01-12T10:00:00Z"))
        #expect(try early.stop(at: at("2026-01-12T15:00:00Z")) == .met)
        #expect(early.dueDate == nil)
        #expect(early.countedTime(at: at("2026-01-12T15:00:00Z")) == 1 * hour)

        var late = targets.startClock(for: .red, at: at("2026-01-12T09:00:00Z"))
        try late.pause(at: at("2026-01-12T11:30:00Z"))
        #expect(late.state(at: at("2026-01-12T11:45:00Z")) == .breached)
        #expect(try late.stop(at: at("2026-01-12T12:00:00Z")) == .breached)
        #expect(late.dueDate == at("2026-01-12T11:00:00Z"))
    }
}
