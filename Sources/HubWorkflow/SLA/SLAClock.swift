import Foundation

/// An SLA clock: started at an instant, allowed `target` seconds of counted time under a calendar policy, and
/// possibly paused, resumed, re-rated and finally stopped. A value with no clock of its own: every question and
/// change takes the instant it concerns, and changes must come in time order.
///
/// The clock keeps its running periods, each with the policy it counted under, so re-rating keeps the time already
/// counted: an amber clock re-rated red after 3 hours is due 2 counted hours after it started (already past, so it is
/// breached), and a policy change applies from the instant of the change.
public struct SLAClock: Sendable, Hashable {
    /// A stretch during which the clock counted under one policy; `end` is nil while it is still counting.
    public struct RunningPeriod: Sendable, Hashable {
        public let start: Date
        public fileprivate(set) var end: Date?
        public let policy: SLACalendarPolicy

        public init(start: Date, end: Date?, policy: SLACalendarPolicy) {
            self.start = start
            self.end = end
            self.policy = policy
        }

        /// Counted time in this period up to `instant`.
        func countedTime(until instant: Date) -> TimeInterval {
            policy.countedTime(from: start, to: end.map { min($0, instant) } ?? instant)
        }
    }

    /// The warning threshold used unless configured: 75% of the target.
    public static let defaultWarningFraction = 0.75

    public let startedAt: Date
    /// Counted time allowed, in seconds.
    public private(set) var target: TimeInterval
    /// The policy the clock counts under now (and after it resumes).
    public private(set) var policy: SLACalendarPolicy
    /// The share of the target after which the clock is in warning.
    public let warningFraction: Double
    /// Every running period, in time order; only the last can be open.
    public private(set) var runningPeriods: [RunningPeriod]
    public private(set) var stoppedAt: Date?
    /// The instant of the latest start, pause, resume, re-rating or stop; later changes must not be earlier.
    public private(set) var lastEventAt: Date

    /// A running clock. `target` is in seconds (finite, not negative); `warningFraction` is in (0, 1].
    public init(
        startedAt: Date, target: TimeInterval, policy: SLACalendarPolicy,
        warningFraction: Double = SLAClock.defaultWarningFraction
    ) {
        precondition(target.isFinite && target >= 0, "an SLA target is a finite, non-negative number of seconds")
        precondition(warningFraction > 0 && warningFraction <= 1, "the warning fraction is in (0, 1]")
        self.startedAt = startedAt
        self.target = target
        self.policy = policy
        self.warningFraction = warningFraction
        self.runningPeriods = [RunningPeriod(start: startedAt, end: nil, policy: policy)]
        self.stoppedAt = nil
        self.lastEventAt = startedAt
    }

    /// Rebuilds a clock from parts already checked (see `SLAClock(record:catalog:)`).
    init(
        startedAt: Date, target: TimeInterval, policy: SLACalendarPolicy, warningFraction: Double,
        runningPeriods: [RunningPeriod], stoppedAt: Date?, lastEventAt: Date
    ) {
        self.startedAt = startedAt
        self.target = target
        self.policy = policy
        self.warningFraction = warningFraction
        self.runningPeriods = runningPeriods
        self.stoppedAt = stoppedAt
        self.lastEventAt = lastEventAt
    }

    // MARK: Where the clock stands

    public var isStopped: Bool { stoppedAt != nil }
    public var isRunning: Bool { !isStopped && runningPeriods.last?.end == nil }
    public var isPaused: Bool { !isStopped && runningPeriods.last?.end != nil }

    /// The instant counted time reaches the target. Nil while paused (or if stopped while paused) before the target
    /// was reached, because it depends on when the clock resumes. For a clock stopped while running it is the due
    /// instant in force when it stopped.
    public var dueDate: Date? { instantWhenCounted(reaches: target) }

    /// The instant counted time reaches `warningFraction` of the target; nil in the same cases as `dueDate`.
    public var warningDate: Date? { instantWhenCounted(reaches: target * warningFraction) }

    /// Counted time from the start up to `now` (no further than the stop).
    public func countedTime(at now: Date) -> TimeInterval {
        runningPeriods.reduce(0) { $0 + $1.countedTime(until: now) }
    }

    /// Counted time left before the target at `now`; negative once counted time has overrun it.
    public func remaining(at now: Date) -> TimeInterval {
        target - countedTime(at: now)
    }

    /// Counted time at `now` as a share of the target (1 means due, above 1 overrun); 1 for a zero target.
    public func fractionElapsed(at now: Date) -> Double {
        target > 0 ? countedTime(at: now) / target : 1
    }

    /// `met` or `breached` once stopped; otherwise `breached` if past due at `now`, else `running` or `paused`.
    public func state(at now: Date) -> SLAClockState {
        if isStopped { return isPastDue(at: now) ? .breached : .met }
        if isPastDue(at: now) { return .breached }
        return isRunning ? .running : .paused
    }

    /// Whether the clock is still open, not breached, and has counted at least `warningFraction` of its target.
    public func isInWarning(at now: Date) -> Bool {
        guard !isStopped, !isPastDue(at: now) else { return false }
        return countedTime(at: now) >= target * warningFraction
    }

    /// Whether the clock ran past its due instant: at `now` if running, or before it paused or stopped. A clock that
    /// paused or stopped exactly at its due instant is not past due.
    public func isPastDue(at now: Date) -> Bool {
        guard let due = dueDate else { return false }
        let lastCounting = isRunning ? now : (runningPeriods.last?.end ?? now)
        return lastCounting > due
    }

    /// The outcome of a stopped clock: `met` if it stopped on or before its due instant, `breached` after;
    /// nil while the clock is open.
    public var outcome: SLAClockState? {
        guard let stoppedAt else { return nil }
        return state(at: stoppedAt)
    }

    // MARK: Changes

    /// Stops counting at `instant` until `resume`.
    public mutating func pause(at instant: Date) throws(SLAClockError) {
        guard !isStopped else { throw .alreadyStopped }
        guard isRunning else { throw .alreadyPaused }
        try checkOrder(instant)
        closeRunningPeriod(at: instant)
        lastEventAt = instant
    }

    /// Counts again from `instant`, under the current policy.
    public mutating func resume(at instant: Date) throws(SLAClockError) {
        guard !isStopped else { throw .alreadyStopped }
        guard isPaused else { throw .notPaused }
        try checkOrder(instant)
        runningPeriods.append(RunningPeriod(start: instant, end: nil, policy: policy))
        lastEventAt = instant
    }

    /// Stops the clock for good at `instant` (the answer arrived, the discussion was held) and returns the outcome:
    /// `met` if stopped on or before the due instant, else `breached`. A paused clock is judged at its pause.
    @discardableResult
    public mutating func stop(at instant: Date) throws(SLAClockError) -> SLAClockState {
        guard !isStopped else { throw .alreadyStopped }
        try checkOrder(instant)
        if isRunning { closeRunningPeriod(at: instant) }
        stoppedAt = instant
        lastEventAt = instant
        return state(at: instant)
    }

    /// Re-rates the clock at `instant`: the counted time so far is kept, `target` replaces the old target, and
    /// `policy` (when given) counts from `instant` on. The due instant is recomputed and may already be past.
    public mutating func retarget(
        to target: TimeInterval, policy newPolicy: SLACalendarPolicy? = nil, at instant: Date
    ) throws(SLAClockError) {
        precondition(target.isFinite && target >= 0, "an SLA target is a finite, non-negative number of seconds")
        guard !isStopped else { throw .alreadyStopped }
        try checkOrder(instant)
        if let newPolicy, newPolicy != policy {
            policy = newPolicy
            if isRunning, let current = runningPeriods.last {
                if current.start == instant {
                    runningPeriods[runningPeriods.count - 1] = RunningPeriod(start: instant, end: nil, policy: newPolicy)
                } else {
                    closeRunningPeriod(at: instant)
                    runningPeriods.append(RunningPeriod(start: instant, end: nil, policy: newPolicy))
                }
            }
        }
        self.target = target
        lastEventAt = instant
    }

    /// Re-rates the clock to `newTarget`'s duration and policy at `instant` (e.g. amber to red).
    public mutating func retarget(to newTarget: SLATarget, at instant: Date) throws(SLAClockError) {
        try retarget(to: newTarget.duration, policy: newTarget.policy, at: instant)
    }

    // MARK: Internals

    private func checkOrder(_ instant: Date) throws(SLAClockError) {
        guard instant >= lastEventAt else { throw .outOfOrder(instant: instant, lastEventAt: lastEventAt) }
    }

    private mutating func closeRunningPeriod(at instant: Date) {
        runningPeriods[runningPeriods.count - 1].end = instant
    }

    /// Whether the clock was stopped while it was counting, so its last period's policy says when it would have
    /// been due.
    private var stoppedWhileRunning: Bool {
        guard let stoppedAt, let lastEnd = runningPeriods.last?.end else { return false }
        return lastEnd == stoppedAt
    }

    /// The first instant at which counted time reaches `amount`: inside a closed period if it got there, else by
    /// extending the open period (or the period the clock stopped in); nil if paused before getting there.
    private func instantWhenCounted(reaches amount: TimeInterval) -> Date? {
        var counted: TimeInterval = 0
        for (index, period) in runningPeriods.enumerated() {
            let isLast = index == runningPeriods.count - 1
            guard let end = period.end, !(isLast && stoppedWhileRunning) else {
                return period.policy.dueDate(start: period.start, target: amount - counted)
            }
            let inPeriod = period.policy.countedTime(from: period.start, to: end)
            if counted + inPeriod >= amount {
                return period.policy.dueDate(start: period.start, target: amount - counted)
            }
            counted += inPeriod
        }
        return nil
    }
}
