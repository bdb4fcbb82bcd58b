import Foundation

/// Which calendar policy each SLA clock counts under, as the partnership chose it: a share request's clock by its
/// incident's RAG rating (red, amber, green), and the strategy discussion clock. The durations (red 2 hours, amber
/// 24, green 72, a strategy discussion within 24) stay those of the `SLAPolicySet`; this choice only says which
/// time counts. The default counts continuous time for every clock (24/7); the Cwm Taf practice ("the RAG clock ran
/// Monday to Friday only") is `working-week` for red, amber and green.
public struct SLAClockPolicies: Sendable, Hashable {
    public var red: SLACalendarPolicy
    public var amber: SLACalendarPolicy
    public var green: SLACalendarPolicy
    /// From the decision to hold a strategy discussion to the discussion itself.
    public var strategyDiscussion: SLACalendarPolicy
    /// From the threshold decision to feedback given to a referrer not on Hub (issue #20). Working-week by default:
    /// "one working day".
    public var feedback: SLACalendarPolicy

    public init(
        red: SLACalendarPolicy = .continuous, amber: SLACalendarPolicy = .continuous, green: SLACalendarPolicy = .continuous,
        strategyDiscussion: SLACalendarPolicy = .continuous, feedback: SLACalendarPolicy = .workingWeek
    ) {
        self.red = red
        self.amber = amber
        self.green = green
        self.strategyDiscussion = strategyDiscussion
        self.feedback = feedback
    }

    /// Every SLA clock counts continuous time, 24/7 (the feedback clock the working week): the default until the
    /// partnership chooses otherwise.
    public static let continuous = SLAClockPolicies()

    /// The policy of a share request clock for an incident rated `rating`.
    public func policy(for rating: RAGRating) -> SLACalendarPolicy {
        switch rating {
        case .red: return red
        case .amber: return amber
        case .green: return green
        }
    }

    /// `targets` with each clock counted under the policy chosen here (durations and warning fraction kept).
    public func applied(to targets: SLAPolicySet) -> SLAPolicySet {
        var set = targets
        set.red.policy = red
        set.amber.policy = amber
        set.green.policy = green
        set.strategyDiscussion.policy = strategyDiscussion
        set.feedback.policy = feedback
        return set
    }

    /// The same choice by policy identifier, as stored and shown.
    public var choice: SLAClockPolicyChoice {
        SLAClockPolicyChoice(
            red: red.identifier, amber: amber.identifier, green: green.identifier,
            strategyDiscussion: strategyDiscussion.identifier, feedback: feedback.identifier)
    }
}
