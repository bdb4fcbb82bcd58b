/// What an action needs. The one table of who may do what: every front end (the JSON API, the screens, the
/// command line) asks it through the use cases.
public enum Permission: String, Sendable, CaseIterable {
    case manageAccounts
    case readReferrals
    case writeReferrals
    /// Make a referral (`POST /api/v1/referrals`, `/referrals/new`): the MASH, for anyone, and a partner agency's
    /// responders, as their own agency's referrer.
    case makeReferrals
    /// List the referrals one's own agency made, with their decision, outcome and the agency's own actions
    /// (`/api/v1/referrals-made`): the MASH and partner responders; never the board or an administrator (the list
    /// names no subject, but it is casework).
    case readReferralsMade
    case ratifyDecisions
    /// Answer a share request through Hub: only for one's own agency (``ShareRequestAccess/mayAnswer(_:requestTo:)``).
    case answerShareRequests
    /// Record an answer another agency gave by phone, email, a meeting or a letter, marked as recorded on its behalf
    /// (`POST /api/v1/share-requests/{id}/response-on-behalf`): MASH staff only.
    case recordAnswersOnBehalf
    case readShareRequests
    /// See the actions agreed at strategy discussions: a partner its own agency's, the MASH every agency's
    /// (``StrategyActionAccess``).
    case readActions
    /// Mark an agreed action done, with a note (a partner its own agency's; the MASH any agency's, for it).
    case completeActions
    case searchTracker
    case importFeeds
    case readBoardReports
    case readPersonalReports
    case readAudit
    case readAlerts
    case manageAlertRules
    /// Choose the calendar policy each SLA clock counts under (`/api/v1/sla-policies`).
    case manageSLAPolicies
    /// Move the acceptance test clock (`/api/v1/test-clock`, only when `HUB_TEST_CLOCK` is on).
    case setTestClock

    public func isGranted(to role: Role) -> Bool {
        switch self {
        case .manageAccounts, .readAudit, .manageAlertRules, .manageSLAPolicies, .setTestClock: return role == .admin
        case .readAlerts: return role == .mashTriage || role == .mashManager || role == .partnerResponder
        case .readReferrals, .writeReferrals, .searchTracker, .readPersonalReports, .recordAnswersOnBehalf:
            return role == .mashTriage || role == .mashManager
        case .makeReferrals, .readReferralsMade: return role.seesPersonalData || role == .partnerResponder
        case .ratifyDecisions: return role == ThresholdDecision.ratifyingRole
        // A share request carries the subjects' names, dates of birth, NHS numbers and addresses: the MASH and the
        // partner responders who answer them, never an administrator or the board (not even one addressed to
        // their own agency, ``ShareRequestAccess``).
        case .answerShareRequests, .readShareRequests, .readActions, .completeActions: return role.seesPersonalData || role == .partnerResponder
        case .importFeeds: return role == .admin
        case .readBoardReports: return role != .partnerResponder
        }
    }
}
