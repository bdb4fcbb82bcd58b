import Foundation
import HubData
import HubTracker
import HubWorkflow

/// Every use case, made once when the application is built and handed to the front ends (the JSON API, the
/// screens, the command line), so each rule has one home. A class, so that what holds it copies a reference (see
/// ``Stores``).
public final class UseCases: Sendable {
    // accounts
    public let signIn: SignIn
    public let signOut: SignOut
    public let statePurpose: StatePurpose
    public let listAgencies: ListAgencies
    public let listUsers: ListUsers
    public let createUser: CreateUser
    public let disableUser: DisableUser
    public let unlockUser: UnlockUser
    // referrals
    public let receiveReferral: ReceiveReferral
    public let readReferral: ReadReferral
    public let listReferrals: ListReferrals
    public let listReferralsMade: ListReferralsMade
    public let decideThreshold: DecideThreshold
    public let ratifyDecision: RatifyDecision
    public let recordFeedback: RecordFeedback
    public let listFeedbackChasers: ListFeedbackChasers
    // incidents
    public let listIncidents: ListIncidents
    public let readIncidentBoard: ReadIncidentBoard
    public let readIncident: ReadIncident
    public let changeIncident: ChangeIncident
    public let askToShare: AskToShare
    public let recordStrategyDiscussion: RecordStrategyDiscussion
    public let readTimeline: ReadTimeline
    // share requests
    public let listShareRequests: ListShareRequests
    public let readShareRequest: ReadShareRequest
    public let answerShareRequest: AnswerShareRequest
    public let recordAnswerOnBehalf: RecordAnswerOnBehalf
    public let chaseShareRequest: ChaseShareRequest
    // actions agreed at strategy discussions
    public let listActions: ListActions
    public let readAction: ReadAction
    public let completeAction: CompleteAction
    // tracker
    public let searchTracker: SearchTracker
    public let readTrackerPerson: ReadTrackerPerson
    public let readTrackerAddress: ReadTrackerAddress
    public let listLinkReviews: ListLinkReviews
    public let decideLinkReview: DecideLinkReview
    public let importFeed: ImportFeed
    public let listHighFrequency: ListHighFrequency
    public let readTrackerPanel: ReadTrackerPanel
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
    public let verifyAuditTrail: VerifyAuditTrail
    public let listFeedImports: ListFeedImports
    // SLA policies, and the acceptance test clock (nil unless `HUB_TEST_CLOCK` is on)
    public let readSLAPolicies: ReadSLAPolicies
    public let changeSLAPolicies: ChangeSLAPolicies
    public let readTestClock: ReadTestClock?
    public let moveTestClock: MoveTestClock?

    public init(environment: AppEnvironment, stores: Stores) {
        let clock = environment.clock
        let recorder = AuditRecorder(trail: stores.audit, clock: clock)
        let policies = CurrentSLAPolicies(store: stores.slaPolicies, targets: environment.slaTargets)
        let sharing = ShareRequestSending(shareRequests: stores.shareRequests, clocks: stores.clocks, timeline: stores.timeline, policies: policies)
        let strategyClock = StrategyDiscussionClockStart(clocks: stores.clocks, timeline: stores.timeline, policies: policies)
        let change = IncidentChange(database: stores.database, incidents: stores.incidents, audit: stores.audit)
        let agencyCheck = ShareRequestAgencyCheck(shareRequests: stores.shareRequests)
        let ownerCheck = ActionOwnerCheck(actions: stores.actions)
        let window = TrackerWindow(clock: clock)
        signIn = SignIn(stores: stores, passwordHasher: environment.passwordHasher, policy: environment.signInPolicy, recorder: recorder, clock: clock)
        signOut = SignOut(stores: stores, recorder: recorder, clock: clock)
        statePurpose = StatePurpose(stores: stores, clock: clock)
        listAgencies = ListAgencies(stores: stores)
        listUsers = ListUsers(stores: stores, recorder: recorder)
        createUser = CreateUser(stores: stores, passwordHasher: environment.passwordHasher, recorder: recorder, clock: clock)
        disableUser = DisableUser(stores: stores, recorder: recorder, clock: clock)
        unlockUser = UnlockUser(stores: stores, recorder: recorder)
        receiveReferral = ReceiveReferral(stores: stores, recorder: recorder, clock: clock)
        readReferral = ReadReferral(stores: stores, recorder: recorder)
        listReferrals = ListReferrals(stores: stores, recorder: recorder)
        listReferralsMade = ListReferralsMade(stores: stores, recorder: recorder)
        decideThreshold = DecideThreshold(
            stores: stores, sharing: sharing, strategyClock: strategyClock,
            feedbackClock: FeedbackClockStart(feedback: stores.feedback, timeline: stores.timeline, policies: policies, recorder: recorder),
            recorder: recorder,
            clock: clock)
        recordFeedback = RecordFeedback(stores: stores, recorder: recorder, clock: clock, mailRelay: environment.mailRelay)
        listFeedbackChasers = ListFeedbackChasers(database: stores.database, recorder: recorder, clock: clock)
        ratifyDecision = RatifyDecision(stores: stores, recorder: recorder, clock: clock)
        listIncidents = ListIncidents(stores: stores, recorder: recorder)
        readIncidentBoard = ReadIncidentBoard(stores: stores, recorder: recorder)
        readIncident = ReadIncident(stores: stores, recorder: recorder)
        let closing = IncidentClosing(incidents: stores.incidents, shareRequests: stores.shareRequests, clocks: stores.clocks,
                                      timeline: stores.timeline, outbox: stores.outbox)
        changeIncident = ChangeIncident(stores: stores, change: change, strategyClock: strategyClock, closing: closing, policies: policies,
                                        recorder: recorder, clock: clock)
        askToShare = AskToShare(stores: stores, change: change, sharing: sharing, recorder: recorder, clock: clock)
        recordStrategyDiscussion = RecordStrategyDiscussion(
            stores: stores, change: change, maracReferral: MARACReferralFromOutcome(stores: stores, recorder: recorder), recorder: recorder,
            clock: clock)
        readTimeline = ReadTimeline(stores: stores, recorder: recorder)
        listShareRequests = ListShareRequests(stores: stores, recorder: recorder)
        readShareRequest = ReadShareRequest(stores: stores, agencyCheck: agencyCheck, recorder: recorder)
        answerShareRequest = AnswerShareRequest(stores: stores, agencyCheck: agencyCheck, recorder: recorder, clock: clock)
        recordAnswerOnBehalf = RecordAnswerOnBehalf(stores: stores, agencyCheck: agencyCheck, recorder: recorder, clock: clock)
        chaseShareRequest = ChaseShareRequest(stores: stores, recorder: recorder, clock: clock)
        listActions = ListActions(stores: stores, recorder: recorder, clock: clock)
        readAction = ReadAction(stores: stores, recorder: recorder)
        completeAction = CompleteAction(stores: stores, ownerCheck: ownerCheck, recorder: recorder, clock: clock)
        searchTracker = SearchTracker(stores: stores, recorder: recorder)
        readTrackerPerson = ReadTrackerPerson(stores: stores, window: window, recorder: recorder)
        readTrackerAddress = ReadTrackerAddress(stores: stores, window: window, recorder: recorder)
        listLinkReviews = ListLinkReviews(stores: stores, recorder: recorder)
        decideLinkReview = DecideLinkReview(stores: stores, recorder: recorder, clock: clock)
        importFeed = ImportFeed(importer: FeedImporter(database: stores.database), clock: clock)
        listHighFrequency = ListHighFrequency(stores: stores, recorder: recorder)
        readTrackerPanel = ReadTrackerPanel(stores: stores, window: window, recorder: recorder, clock: clock)
        readBoardReport = ReadBoardReport(stores: stores, recorder: recorder)
        listAlerts = ListAlerts(stores: stores, recorder: recorder)
        readAlert = ReadAlert(stores: stores, recorder: recorder)
        acknowledgeAlert = AcknowledgeAlert(stores: stores, recorder: recorder, clock: clock)
        listAlertRules = ListAlertRules(stores: stores)
        saveAlertRule = SaveAlertRule(stores: stores, recorder: recorder)
        listWatchlist = ListWatchlist(stores: stores, recorder: recorder)
        followOnWatchlist = FollowOnWatchlist(stores: stores, recorder: recorder, clock: clock)
        stopFollowing = StopFollowing(stores: stores, recorder: recorder, clock: clock)
        readAuditTrail = ReadAuditTrail(stores: stores, recorder: recorder)
        verifyAuditTrail = VerifyAuditTrail(stores: stores, recorder: recorder, clock: clock)
        listFeedImports = ListFeedImports(stores: stores)
        readSLAPolicies = ReadSLAPolicies(stores: stores)
        changeSLAPolicies = ChangeSLAPolicies(stores: stores, recorder: recorder, clock: clock)
        readTestClock = environment.testClock.map { ReadTestClock(clock: $0) }
        moveTestClock = environment.testClock.map { MoveTestClock(clock: $0, recorder: recorder) }
    }
}
