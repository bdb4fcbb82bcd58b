import Foundation

/// How much counted time a clock allows, and which calendar counts it: red is 2 hours of continuous time.
public struct SLATarget: Sendable, Hashable, Codable {
    /// Counted time allowed, in seconds.
    public var duration: TimeInterval
    public var policy: SLACalendarPolicy

    /// `duration` is in seconds and must be finite and not negative.
    public init(duration: TimeInterval, policy: SLACalendarPolicy = .continuous) {
        precondition(duration.isFinite && duration >= 0, "an SLA target is a finite, non-negative number of seconds")
        self.duration = duration
        self.policy = policy
    }

    /// A target of `hours` hours of counted time.
    public static func hours(_ hours: Double, policy: SLACalendarPolicy = .continuous) -> SLATarget {
        SLATarget(duration: hours * 3600, policy: policy)
    }

    private enum CodingKeys: String, CodingKey {
        case duration, policy
    }

    /// Refuses a negative or non-finite duration.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let duration = try container.decode(TimeInterval.self, forKey: .duration)
        guard duration.isFinite, duration >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .duration, in: container, debugDescription: "an SLA target is a non-negative number of seconds")
        }
        self.init(duration: duration, policy: try container.decode(SLACalendarPolicy.self, forKey: .policy))
    }

    /// When a clock started at `start` and never paused is due.
    public func dueDate(start: Date) -> Date {
        policy.dueDate(start: start, target: duration)
    }

    /// A running clock for this target, started at `start`.
    public func startClock(at start: Date, warningFraction: Double = SLAClock.defaultWarningFraction) -> SLAClock {
        SLAClock(startedAt: start, target: duration, policy: policy, warningFraction: warningFraction)
    }
}
