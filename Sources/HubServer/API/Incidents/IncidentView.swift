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
    }
}
