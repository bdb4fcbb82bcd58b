import Foundation
import HubData
import HubWorkflow

/// An incident as the API shows it.
struct IncidentView: Codable, Sendable {
    let id: UUID
    let reference: String
    let referralId: UUID
    let referralReference: String
    let form: ReferralForm
    let service: SafeguardingService
    let localAuthority: String
    let rag: RAGRating
    let state: IncidentState
    let allowedActions: [IncidentAction]
    let openedAt: Date
    let closedAt: Date?
    let version: Int
    let breached: Bool
    let outcomeRecorded: Bool
    let ratings: [StoredIncident.RatingEntry]
    let shareRequests: [StoredShareRequest]
    let strategyDiscussions: [StoredStrategyDiscussion]
    /// The actions its discussions agreed, as they stand at the moment of the response (overdue or not).
    let actions: [ActionView]
    let strategyDiscussionDueAt: Date?
    /// The calendar policy the running strategy discussion clock counts under; absent when none is running.
    let strategyDiscussionClockPolicy: String?
    /// What closing recorded; absent while the incident is open.
    let closure: ClosureView?

    /// What closing an incident recorded.
    struct ClosureView: Codable, Sendable {
        /// Why it closed without a strategy discussion's outcome; absent when a discussion's outcome stands.
        let outcome: ClosureOutcome?
        let reason: String?
        /// For an adult at risk: whether the risk was reduced, removed or remains.
        let adultRisk: AdultRiskAtClosure?
        /// Who closed it (absent for incidents closed before Hub kept it).
        let closedBy: String?
    }

    /// The MARAC referral the incident's `marac_referral` outcome stands for; absent when no discussion decided on MARAC.
    let maracReferral: MARACReferral?

    /// A MARAC referral as an incident names it: which, how the outcome came to stand for it, by which discussion.
    struct MARACReferral: Codable, Sendable {
        let id: UUID
        let reference: String
        let how: MARACLinkKind
        let discussionId: UUID
        let linkedAt: Date
    }

    init(_ stored: StoredIncident, now: Date) {
        id = stored.id
        reference = stored.reference
        referralId = stored.referralId
        referralReference = stored.referralReference
        form = stored.incident.form
        service = stored.incident.service
        localAuthority = stored.localAuthority
        rag = stored.incident.rating
        state = stored.incident.state
        allowedActions = stored.incident.state.allowedActions
        openedAt = stored.incident.openedAt
        closedAt = stored.closedAt
        version = stored.version
        breached = stored.breached
        outcomeRecorded = stored.strategyDiscussions.contains { $0.discussion.outcome != nil }
        ratings = stored.ratings
        shareRequests = stored.shareRequests
        strategyDiscussions = stored.strategyDiscussions
        actions = stored.actions.map { ActionView($0, now: now) }
        strategyDiscussionDueAt = stored.strategyDiscussionDueAt
        strategyDiscussionClockPolicy = stored.strategyDiscussionClockPolicy
        closure = stored.closure.map {
            ClosureView(outcome: $0.closure.outcome, reason: $0.closure.reason, adultRisk: $0.closure.adultRisk, closedBy: $0.closedBy)
        }
        maracReferral = stored.maracReferral.map {
            MARACReferral(id: $0.referralId, reference: $0.referralReference, how: $0.how, discussionId: $0.discussionId, linkedAt: $0.linkedAt)
        }
    }
}
