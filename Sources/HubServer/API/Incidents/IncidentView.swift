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
    let strategyDiscussionDueAt: Date?
    /// The calendar policy the running strategy discussion clock counts under; absent when none is running.
    let strategyDiscussionClockPolicy: String?
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

    init(_ stored: StoredIncident) {
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
        strategyDiscussionDueAt = stored.strategyDiscussionDueAt
        strategyDiscussionClockPolicy = stored.strategyDiscussionClockPolicy
        maracReferral = stored.maracReferral.map {
            MARACReferral(id: $0.referralId, reference: $0.referralReference, how: $0.how, discussionId: $0.discussionId, linkedAt: $0.linkedAt)
        }
    }
}
