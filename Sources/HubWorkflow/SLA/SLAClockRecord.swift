import Foundation

/// The stored form of an `SLAClock`: plain values, with policies by identifier (resolved through an
/// `SLACalendarPolicyCatalog`, so that extending the holiday list later also applies to stored clocks).
/// Store `dueDate` and `state(at:)` next to it when queries need them; they can always be recomputed.
public struct SLAClockRecord: Sendable, Hashable, Codable {
    /// One running period of the clock.
    public struct RunningPeriod: Sendable, Hashable, Codable {
        public var start: Date
        /// Nil while the clock is counting in this period.
        public var end: Date?
        public var policyIdentifier: String

        public init(start: Date, end: Date?, policyIdentifier: String) {
            self.start = start
            self.end = end
            self.policyIdentifier = policyIdentifier
        }
    }

    public var startedAt: Date
    public var targetSeconds: Double
    /// The policy the clock counts under now.
    public var policyIdentifier: String
    public var warningFraction: Double
    public var runningPeriods: [RunningPeriod]
    public var stoppedAt: Date?
    public var lastEventAt: Date

    public init(
        startedAt: Date, targetSeconds: Double, policyIdentifier: String, warningFraction: Double,
        runningPeriods: [RunningPeriod], stoppedAt: Date?, lastEventAt: Date
    ) {
        self.startedAt = startedAt
        self.targetSeconds = targetSeconds
        self.policyIdentifier = policyIdentifier
        self.warningFraction = warningFraction
        self.runningPeriods = runningPeriods
        self.stoppedAt = stoppedAt
        self.lastEventAt = lastEventAt
    }
}

extension SLAClock {
    /// This clock as plain stored values.
    public var record: SLAClockRecord {
        SLAClockRecord(
            startedAt: startedAt, targetSeconds: target, policyIdentifier: policy.identifier,
            warningFraction: warningFraction,
            runningPeriods: runningPeriods.map {
                SLAClockRecord.RunningPeriod(start: $0.start, end: $0.end, policyIdentifier: $0.policy.identifier)
            },
            stoppedAt: stoppedAt, lastEventAt: lastEventAt)
    }

    /// Rebuilds a stored clock, resolving policy identifiers through `catalog` and checking that the periods are in
    /// time order, only the last is open, a stopped clock has none open, and no event is after `lastEventAt`.
    public init(record: SLAClockRecord, catalog: SLACalendarPolicyCatalog) throws(SLAClockError) {
        func resolve(_ identifier: String) throws(SLAClockError) -> SLACalendarPolicy {
            guard let policy = catalog.policy(identifier: identifier) else { throw .unknownPolicy(identifier) }
            return policy
        }
        guard record.targetSeconds.isFinite, record.targetSeconds >= 0 else {
            throw .invalidRecord("target must be a finite, non-negative number of seconds")
        }
        guard record.warningFraction > 0, record.warningFraction <= 1 else {
            throw .invalidRecord("warning fraction must be in (0, 1]")
        }
        guard let first = record.runningPeriods.first, first.start == record.startedAt else {
            throw .invalidRecord("the first running period must begin when the clock started")
        }
        var periods: [RunningPeriod] = []
        var previousEnd = record.startedAt
        for (index, stored) in record.runningPeriods.enumerated() {
            let isLast = index == record.runningPeriods.count - 1
            guard stored.start >= previousEnd else { throw .invalidRecord("running periods overlap or are out of order") }
            if let end = stored.end {
                guard end >= stored.start else { throw .invalidRecord("a running period ends before it starts") }
                previousEnd = end
            } else {
                guard isLast else { throw .invalidRecord("only the last running period can be open") }
                guard record.stoppedAt == nil else { throw .invalidRecord("a stopped clock has an open running period") }
                previousEnd = stored.start
            }
            periods.append(RunningPeriod(start: stored.start, end: stored.end, policy: try resolve(stored.policyIdentifier)))
        }
        if let stoppedAt = record.stoppedAt, stoppedAt < previousEnd {
            throw .invalidRecord("the clock stopped before its last running period ended")
        }
        guard record.lastEventAt >= max(previousEnd, record.stoppedAt ?? previousEnd) else {
            throw .invalidRecord("the last event is earlier than the clock's periods")
        }
        self.init(
            startedAt: record.startedAt, target: record.targetSeconds, policy: try resolve(record.policyIdentifier),
            warningFraction: record.warningFraction, runningPeriods: periods,
            stoppedAt: record.stoppedAt, lastEventAt: record.lastEventAt)
    }
}
