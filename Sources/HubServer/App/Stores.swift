import Foundation
import HubData
import HubTracker

/// The stores over the application's database, made once when the application is built. A class: every use case
/// holds it, and as a value it was copied into each of them, which made ``UseCases`` about 150 KB, copied whole onto
/// a dispatch thread's 512 KB stack when the router was built (one more store overflowed it).
public final class Stores: Sendable {
    public let database: Database
    public let audit: AuditTrail
    // accounts
    public let agencies: AgencyStore
    public let users: UserStore
    public let sessions: SessionStore
    public let signInThrottles: SignInThrottleStore
    public let statedPurposes: StatedPurposeStore
    // workflow
    public let referrals: ReferralStore
    public let idempotencyKeys: IdempotencyStore
    public let decisions: ThresholdDecisionStore
    public let incidents: IncidentStore
    public let shareRequests: ShareRequestStore
    public let discussions: StrategyDiscussionStore
    public let maracLinks: MARACReferralLinkStore
    public let actions: StrategyActionStore
    public let timeline: TimelineStore
    public let clocks: SLAClockStore
    public let slaPolicies: SLAPolicyStore
    public let outbox: OutboxStore
    // tracker
    public let trackerSearch: TrackerSearchStore
    public let trackerPersons: TrackerPersonStore
    public let trackerReviews: TrackerReviewStore
    public let highFrequency: HighFrequencyStore
    public let feedSources: FeedSourceAgencyStore
    public let feedImports: FeedImportStore
    public let auditVerifications: AuditVerificationStore
    // alerts
    public let alerts: AlertStore
    public let alertRules: AlertRuleStore
    public let watchlist: WatchlistStore

    public init(database: Database) {
        self.database = database
        audit = AuditTrail(database: database)
        agencies = AgencyStore(database: database)
        users = UserStore(database: database)
        sessions = SessionStore(database: database)
        signInThrottles = SignInThrottleStore(database: database)
        statedPurposes = StatedPurposeStore(database: database)
        referrals = ReferralStore(database: database)
        idempotencyKeys = IdempotencyStore(database: database)
        decisions = ThresholdDecisionStore(database: database)
        incidents = IncidentStore(database: database)
        shareRequests = ShareRequestStore(database: database)
        discussions = StrategyDiscussionStore(database: database)
        maracLinks = MARACReferralLinkStore(database: database)
        actions = StrategyActionStore(database: database)
        timeline = TimelineStore(database: database)
        clocks = SLAClockStore(database: database)
        slaPolicies = SLAPolicyStore(database: database)
        outbox = OutboxStore(database: database)
        trackerSearch = TrackerSearchStore(database: database)
        trackerPersons = TrackerPersonStore(database: database)
        trackerReviews = TrackerReviewStore(database: database)
        highFrequency = HighFrequencyStore(database: database)
        feedSources = FeedSourceAgencyStore(database: database)
        feedImports = FeedImportStore(database: database)
        auditVerifications = AuditVerificationStore(database: database)
        alerts = AlertStore(database: database)
        alertRules = AlertRuleStore(database: database)
        watchlist = WatchlistStore(database: database)
    }
}

extension Stores {
    /// Feedback clocks and feedback to referrers (issue #20). Made when asked for rather than stored: every use case
    /// holds a copy of `Stores`, and `UseCases` is copied whole onto the stack when the router is built, so each stored
    /// store grows it many times over.
    public var feedback: ReferralFeedbackStore { ReferralFeedbackStore(database: database) }
}
