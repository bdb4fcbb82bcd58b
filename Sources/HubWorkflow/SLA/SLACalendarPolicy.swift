import Foundation

/// Which time an SLA clock counts.
///
/// `continuous` counts real elapsed time, 24/7: a 24-hour target is 24 real hours, so an amber started at 12:00 GMT
/// on the Saturday before clocks go forward is due at 13:00 BST on the Sunday (and one started at 12:00 BST on the
/// Saturday before clocks go back is due at 11:00 GMT on the Sunday). We chose real time over "same wall-clock time
/// tomorrow" because the SLA promises partners a length of time, not a time of day.
///
/// `workingTime` counts only the local wall-clock windows of a `WorkingTimeSchedule`, skipping non-working days and
/// holidays; a clock change that falls outside the windows changes nothing, and one inside a window shortens or
/// lengthens that day by the hour that was skipped or repeated.
public enum SLACalendarPolicy: Sendable, Hashable {
    case continuous
    case workingTime(WorkingTimeSchedule)

    /// Identifier of `continuous`.
    public static let continuousIdentifier = "continuous"

    /// Monday–Friday 09:00–17:00 Europe/London, England and Wales bank holidays excluded: `"working-hours"`.
    public static let workingHours = SLACalendarPolicy.workingTime(.officeHours())

    /// The Cwm Taf practice: all 24 hours of Monday to Friday, weekends and England and Wales bank holidays
    /// excluded: `"working-week"`.
    public static let workingWeek = SLACalendarPolicy.workingTime(.workingWeek())

    /// The stable name stored with a clock and used in configuration: `"continuous"`, `"working-hours"`,
    /// `"working-week"`, or a configured schedule's own identifier.
    public var identifier: String {
        switch self {
        case .continuous: return SLACalendarPolicy.continuousIdentifier
        case .workingTime(let schedule): return schedule.identifier
        }
    }

    /// The counted time between `start` and `end`; zero when `end` is not after `start`.
    public func countedTime(from start: Date, to end: Date) -> TimeInterval {
        switch self {
        case .continuous: return max(0, end.timeIntervalSince(start))
        case .workingTime(let schedule): return schedule.countedTime(from: start, to: end)
        }
    }

    /// The first instant at which the counted time since `start` reaches `target` (`start` itself for a target of
    /// zero or less). Excluded periods are skipped, so a working-time target can never fall inside one.
    public func dueDate(start: Date, target: TimeInterval) -> Date {
        precondition(!target.isNaN, "an SLA target must be a number of seconds")
        switch self {
        case .continuous: return start.addingTimeInterval(max(0, target))
        case .workingTime(let schedule): return schedule.dueDate(start: start, target: target)
        }
    }

    /// Whether time counts at `instant`.
    public func isCounting(at instant: Date) -> Bool {
        switch self {
        case .continuous: return true
        case .workingTime(let schedule): return schedule.isCounting(at: instant)
        }
    }
}

/// The instant at which counted time since `start` reaches `target` under `policy`, skipping excluded periods.
public func dueDate(start: Date, target: TimeInterval, policy: SLACalendarPolicy) -> Date {
    policy.dueDate(start: start, target: target)
}

/// The time `policy` counts between `start` and `end`.
public func countedTime(from start: Date, to end: Date, policy: SLACalendarPolicy) -> TimeInterval {
    policy.countedTime(from: start, to: end)
}

extension SLACalendarPolicy: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, schedule
    }

    private static let workingTimeKind = "working-time"

    /// `{"kind": "continuous"}` or `{"kind": "working-time", "schedule": {…}}`. To store which policy a clock runs
    /// under, store `identifier` and resolve it with an `SLACalendarPolicyCatalog` instead.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case SLACalendarPolicy.continuousIdentifier:
            self = .continuous
        case SLACalendarPolicy.workingTimeKind:
            self = .workingTime(try container.decode(WorkingTimeSchedule.self, forKey: .schedule))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown SLA calendar policy kind \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .continuous:
            try container.encode(SLACalendarPolicy.continuousIdentifier, forKey: .kind)
        case .workingTime(let schedule):
            try container.encode(SLACalendarPolicy.workingTimeKind, forKey: .kind)
            try container.encode(schedule, forKey: .schedule)
        }
    }
}
