import Foundation
import HubData
import HubTracker
import HubWorkflow

/// Every use case, made once when the application is built and handed to the front ends (the JSON API, the
/// screens, the command line), so each rule has one home.
public struct UseCases: Sendable {
    // accounts
    public let signIn: SignIn
    public let signOut: SignOut
    public let listAgencies: ListAgencies
    public let listUsers: ListUsers
    public let createUser: CreateUser
    public let disableUser: DisableUser
    // referrals
    public let receiveReferral: ReceiveReferral
    public let readReferral: ReadReferral
    public let listReferrals: ListReferrals
    public let decideThreshold: DecideThreshold
    public let ratifyDecision: RatifyDecision
    // incidents
    public let listIncidents: ListIncidents
    public let readIncident: ReadIncident
    public let changeIncident: ChangeIncident
    public let askToShare: AskToShare
    public let recordStrategyDiscussion: RecordStrategyDiscussion
    public let readTimeline: ReadTimeline
    // share requests
    public let listShareRequests: ListShareRequests
    public let readShareRequest: ReadShareRequest
    public let answerShareRequest: AnswerShareRequest
    public let chaseShareRequest: ChaseShareRequest
    // tracker
    public let searchTracker: SearchTracker
    public let readTrackerPerson: ReadTrackerPerson
    public let readTrackerAddress: ReadTrackerAddress
    public let listLinkReviews: ListLinkReviews
    public let decideLinkReview: DecideLinkReview
    public let importFeed: ImportFeed
    public let listHighFrequency: ListHighFrequency
    // reports, alerts, audit
    public let readBoardReport: ReadBoardReport
    public let listAlerts: ListAlerts
    public let readAlert: ReadAlert
    public let acknowledgeAlert: AcknowledgeAlert
    public let listAlertRules: ListAlertRules
    public let saveAlertRule: SaveAlertRule
    public let listWatchlist: ListWatchlist
    public let followOnWatchlist: FollowOnWatchlist
    public let stopFollowing: StopFollowing
    public let readAuditTrail: ReadAuditTrail

    public init(environment: AppEnvironment, stores s: Stores) {
        let clock = environment.clock
        let database = s.database
        let recorder = AuditRecorder(trail: s.audit, clock: clock)
        let policies = environment.slaPolicies
        let sharing = ShareRequestSending(shareRequests: s.shareRequests, clocks: s.clocks, timeline: s.timeline, policies: policies)
        let strategyClock = StrategyDiscussionClockStart(clocks: s.clocks, timeline: s.timeline, policies: policies)
        let change = IncidentChange(database: database, incidents: s.incidents, audit: s.audit)
        let agencyCheck = ShareRequestAgencyCheck(shareRequests: s.shareRequests)
        let window = TrackerWindow(clock: clock)

        signIn = SignIn(users: s.users, sessions: s.sessions, passwordHasher: environment.passwordHasher, policy: environment.signInPolicy,
                        recorder: recorder, clock: clock)
        signOut = SignOut(sessions: s.sessions, recorder: recorder, clock: clock)
        listAgencies = ListAgencies(agencies: s.agencies)
        listUsers = ListUsers(users: s.users, recorder: recorder)
        createUser = CreateUser(users: s.users, agencies: s.agencies, passwordHasher: environment.passwordHasher, recorder: recorder,
                                clock: clock)
        disableUser = DisableUser(users: s.users, recorder: recorder, clock: clock)

        receiveReferral = ReceiveReferral(database: database, referrals: s.referrals, idempotencyKeys: s.idempotencyKeys,
                                          recorder: recorder, clock: clock)
        readReferral = ReadReferral(referrals: s.referrals, trackerSearch: s.trackerSearch, recorder: recorder)
        listReferrals = ListReferrals(referrals: s.referrals, recorder: recorder)
        decideThreshold = DecideThreshold(
            database: database, referrals: s.referrals, decisions: s.decisions, incidents: s.incidents, timeline: s.timeline,
            audit: s.audit, sharing: sharing, strategyClock: strategyClock, recorder: recorder, clock: clock)
        ratifyDecision = RatifyDecision(database: database, referrals: s.referrals, decisions: s.decisions, timeline: s.timeline,
                                        audit: s.audit, recorder: recorder, clock: clock)

        listIncidents = ListIncidents(incidents: s.incidents, recorder: recorder)
        readIncident = ReadIncident(incidents: s.incidents, recorder: recorder)
        changeIncident = ChangeIncident(change: change, incidents: s.incidents, clocks: s.clocks, timeline: s.timeline,
                                        strategyClock: strategyClock, policies: policies, recorder: recorder, clock: clock)
        askToShare = AskToShare(change: change, incidents: s.incidents, sharing: sharing, recorder: recorder, clock: clock)
        recordStrategyDiscussion = RecordStrategyDiscussion(
            change: change, incidents: s.incidents, discussions: s.discussions, clocks: s.clocks, timeline: s.timeline,
            recorder: recorder, clock: clock)
        readTimeline = ReadTimeline(incidents: s.incidents, timeline: s.timeline, recorder: recorder)

        listShareRequests = ListShareRequests(shareRequests: s.shareRequests, recorder: recorder)
        readShareRequest = ReadShareRequest(shareRequests: s.shareRequests, agencyCheck: agencyCheck, recorder: recorder)
        answerShareRequest = AnswerShareRequest(
            database: database, shareRequests: s.shareRequests, agencyCheck: agencyCheck, clocks: s.clocks, timeline: s.timeline,
            audit: s.audit, recorder: recorder, clock: clock)
        chaseShareRequest = ChaseShareRequest(database: database, shareRequests: s.shareRequests, timeline: s.timeline, outbox: s.outbox,
                                              audit: s.audit, recorder: recorder, clock: clock)

        searchTracker = SearchTracker(database: database, trackerSearch: s.trackerSearch, recorder: recorder)
        readTrackerPerson = ReadTrackerPerson(persons: s.trackerPersons, window: window, recorder: recorder)
        readTrackerAddress = ReadTrackerAddress(persons: s.trackerPersons, window: window, recorder: recorder)
        listLinkReviews = ListLinkReviews(reviews: s.trackerReviews, recorder: recorder)
        decideLinkReview = DecideLinkReview(reviews: s.trackerReviews, recorder: recorder, clock: clock)
        importFeed = ImportFeed(importer: FeedImporter(database: database), clock: clock)
        listHighFrequency = ListHighFrequency(highFrequency: s.highFrequency, recorder: recorder)

        readBoardReport = ReadBoardReport(database: database, recorder: recorder)
        listAlerts = ListAlerts(database: database, alerts: s.alerts, recorder: recorder)
        readAlert = ReadAlert(database: database, alerts: s.alerts, recorder: recorder)
        acknowledgeAlert = AcknowledgeAlert(database: database, alerts: s.alerts, recorder: recorder, clock: clock)
        listAlertRules = ListAlertRules(database: database, rules: s.alertRules)
        saveAlertRule = SaveAlertRule(database: database, rules: s.alertRules, recorder: recorder)
        listWatchlist = ListWatchlist(watchlist: s.watchlist)
        followOnWatchlist = FollowOnWatchlist(watchlist: s.watchlist, recorder: recorder, clock: clock)
        stopFollowing = StopFollowing(watchlist: s.watchlist, recorder: recorder, clock: clock)
        readAuditTrail = ReadAuditTrail(trail: s.audit, recorder: recorder)
    }
}
