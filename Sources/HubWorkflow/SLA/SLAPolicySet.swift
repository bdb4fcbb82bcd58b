import Foundation

/// Every SLA target a hub uses, configurable as a whole. The defaults follow the MASH RAG practice: red 2 hours,
/// amber 24 hours, green 72 hours, a strategy discussion within 24 hours of the decision to hold one, all counted
/// continuously, with a warning at 75% of the target. Use `.workingWeek` for the Cwm Taf practice or
/// `.workingHours` for office hours.
public struct SLAPolicySet: Sendable, Hashable, Codable {
    public var red: SLATarget
    public var amber: SLATarget
    public var green: SLATarget
    /// From the decision to hold a strategy discussion to the discussion itself.
    public var strategyDiscussion: SLATarget
    /// From the threshold decision to feedback given to a referrer who is not on Hub (issue #20): one working day by
    /// default (24 counted hours; the partnership's `feedback` clock policy, working-week unless chosen otherwise,
    /// says which hours count).
    public var feedback: SLATarget
    /// The share of a target after which a clock is in warning, 0 < fraction ≤ 1.
    public var warningFraction: Double

    public init(
        red: SLATarget = .hours(2),
        amber: SLATarget = .hours(24),
        green: SLATarget = .hours(72),
        strategyDiscussion: SLATarget = .hours(24),
        feedback: SLATarget = .hours(24, policy: .workingWeek),
        warningFraction: Double = SLAClock.defaultWarningFraction
    ) {
        precondition(warningFraction > 0 && warningFraction <= 1, "the warning fraction is in (0, 1]")
        self.red = red
        self.amber = amber
        self.green = green
        self.strategyDiscussion = strategyDiscussion
        self.feedback = feedback
        self.warningFraction = warningFraction
    }

    private enum CodingKeys: String, CodingKey {
        case red, amber, green, strategyDiscussion, feedback, warningFraction
    }

    /// Missing keys take their defaults; a warning fraction outside (0, 1] is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SLAPolicySet()
        let fraction = try container.decodeIfPresent(Double.self, forKey: .warningFraction) ?? defaults.warningFraction
        guard fraction > 0, fraction <= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .warningFraction, in: container, debugDescription: "the warning fraction is in (0, 1]")
        }
        self.init(
            red: try container.decodeIfPresent(SLATarget.self, forKey: .red) ?? defaults.red,
            amber: try container.decodeIfPresent(SLATarget.self, forKey: .amber) ?? defaults.amber,
            green: try container.decodeIfPresent(SLATarget.self, forKey: .green) ?? defaults.green,
            strategyDiscussion: try container.decodeIfPresent(SLATarget.self, forKey: .strategyDiscussion)
                ?? defaults.strategyDiscussion,
            feedback: try container.decodeIfPresent(SLATarget.self, forKey: .feedback) ?? defaults.feedback,
            warningFraction: fraction)
    }

    /// The defaults: red 2 h, amber 24 h, green 72 h, strategy discussion 24 h, all continuous; feedback to a referrer
    /// one working day (24 h of the working week); warning at 75%.
    public static let standard = SLAPolicySet()

    /// The defaults with amber and green (not red) counted under `policy`, e.g. `.workingWeek`.
    public static func standard(amberAndGreenCountedUnder policy: SLACalendarPolicy) -> SLAPolicySet {
        SLAPolicySet(amber: .hours(24, policy: policy), green: .hours(72, policy: policy))
    }

    /// The target for an incident rated `rating`.
    public func target(for rating: RAGRating) -> SLATarget {
        switch rating {
        case .red: return red
        case .amber: return amber
        case .green: return green
        }
    }

    /// A running clock for a share request (or incident) rated `rating`, started at `start`.
    public func startClock(for rating: RAGRating, at start: Date) -> SLAClock {
        target(for: rating).startClock(at: start, warningFraction: warningFraction)
    }

    /// A running clock for feedback to a referrer not on Hub, started by the threshold decision at `decision`.
    public func startFeedbackClock(decidedAt decision: Date) -> SLAClock {
        feedback.startClock(at: decision, warningFraction: warningFraction)
    }

    /// A running clock for a strategy discussion decided on at `decision`.
    public func startStrategyDiscussionClock(decidedAt decision: Date) -> SLAClock {
        strategyDiscussion.startClock(at: decision, warningFraction: warningFraction)
    }
}
