import Foundation
import HubWorkflow

/// A line of an agency's "referrals we made": what the MASH did with a referral that agency made, and nothing any
/// other agency shared about it. No subject is named (the reference identifies it to its referrer), no share request
/// or its answer, no tracker data, no other agency's action.
public struct ReferralMade: Sendable, Hashable {
    public let id: UUID
    public let reference: String
    public let form: ReferralForm
    public let receivedAt: Date
    public let status: ReferralStatus
    /// The latest threshold decision, once made.
    public let decision: Decision?
    /// The outcome of each strategy discussion that recorded one, in the order they were held.
    public let outcomes: [Outcome]
    /// The actions agreed at those discussions that the listing agency owns, soonest due first.
    public let actions: [Action]

    public struct Decision: Sendable, Hashable {
        public let kind: ThresholdDecisionKind
        public let decidedAt: Date
    }

    public struct Outcome: Sendable, Hashable {
        public let outcome: StrategyOutcome
        public let heldAt: Date
    }

    public struct Action: Sendable, Hashable {
        public let description: String
        public let dueDate: CalendarDate
        public let state: StrategyActionState
    }
}

/// Which agency's referrals made, newest received first, a page at a time (the keyset of the previous page's last line).
public struct ReferralsMadeList: Sendable {
    public let agency: String
    public let after: KeysetPosition?
    public let limit: Int

    public init(agency: String, after: KeysetPosition?, limit: Int) {
        self.agency = agency
        self.after = after
        self.limit = limit
    }
}
