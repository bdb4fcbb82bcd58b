import Foundation
import HubData
import HubWorkflow

/// A line of `GET /api/v1/referrals-made`: what became of a referral the caller's agency made. No subject, share
/// request, tracker data or other agency's action (see `ReferralMade`).
struct ReferralMadeView: Codable, Sendable {
    let id: UUID
    let reference: String
    let form: ReferralForm
    let receivedAt: Date
    let status: ReferralStatus
    /// Absent until the threshold decision is made.
    let decision: Decision?
    let outcomes: [Outcome]
    /// The actions the caller's agency owns.
    let actions: [Action]

    struct Decision: Codable, Sendable {
        let kind: ThresholdDecisionKind
        let decidedAt: Date
    }

    struct Outcome: Codable, Sendable {
        let outcome: StrategyOutcome
        let heldAt: Date
    }

    struct Action: Codable, Sendable {
        let description: String
        let dueDate: String
        let state: StrategyActionState
    }

    init(_ made: ReferralMade) {
        id = made.id
        reference = made.reference
        form = made.form
        receivedAt = made.receivedAt
        status = made.status
        decision = made.decision.map { Decision(kind: $0.kind, decidedAt: $0.decidedAt) }
        outcomes = made.outcomes.map { Outcome(outcome: $0.outcome, heldAt: $0.heldAt) }
        actions = made.actions.map { Action(description: $0.description, dueDate: $0.dueDate.iso8601, state: $0.state) }
    }
}
