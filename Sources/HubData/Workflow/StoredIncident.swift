import Foundation
import HubWorkflow

/// An incident as stored, with its rating history, share requests, strategy discussions and the actions they agreed.
public struct StoredIncident: Sendable, Codable, Hashable {
    public let id: UUID
    public let reference: String
    public let referralId: UUID
    public let referralReference: String
    public let incident: Incident
    public let localAuthority: String
    public let version: Int
    public let closedAt: Date?
    public let ratings: [RatingEntry]
    public let shareRequests: [StoredShareRequest]
    public let strategyDiscussions: [StoredStrategyDiscussion]
    /// The actions its discussions agreed, as they stand: by discussion as held, each discussion's in its order.
    public let actions: [StoredStrategyAction]
    public let strategyDiscussionDueAt: Date?
    /// The calendar policy the running strategy discussion clock counts under (`continuous`, `working-week`, …); nil
    /// when none is running.
    public let strategyDiscussionClockPolicy: String?
    /// Whether any of its clocks has breached.
    public let breached: Bool
    /// What closing recorded; nil while open.
    public let closure: Closure?

    /// What closing recorded and who closed it.
    public struct Closure: Sendable, Codable, Hashable {
        public let closure: IncidentClosure
        /// Absent for an incident closed before Hub kept who closed it.
        public let closedBy: String?
    }
    /// The MARAC referral its `marac_referral` outcome stands for; nil when no discussion decided on MARAC.
    public let maracReferral: MARACReferralLink?

    public struct RatingEntry: Sendable, Codable, Hashable {
        public let rating: RAGRating
        public let rationale: String
        public let ratedBy: String
        public let ratedAt: Date
    }
}

/// A share request as the MASH sees it.
public struct StoredShareRequest: Sendable, Codable, Hashable {
    public let id: UUID
    public let incidentId: UUID
    public let agency: String
    public let request: ShareRequest
    public let answeredBy: String?
    public let answeredOnTime: Bool?
    public let breached: Bool
    /// The calendar policy the request's SLA clock counts under (`continuous`, `working-week`, …).
    public let clockPolicy: String?
}

public struct StoredStrategyDiscussion: Sendable, Codable, Hashable {
    public let id: UUID
    public let discussion: StrategyDiscussion
    public let recordedBy: String
    public let recordedAt: Date
}

/// A line of the MASH board.
public struct IncidentSummary: Sendable, Codable, Hashable {
    public let id: UUID
    public let reference: String
    public let referralReference: String
    public let form: ReferralForm
    public let service: SafeguardingService
    public let rating: RAGRating
    public let state: IncidentState
    public let openedAt: Date
    public let nextDueAt: Date?
    public let breached: Bool
    public let version: Int
}
