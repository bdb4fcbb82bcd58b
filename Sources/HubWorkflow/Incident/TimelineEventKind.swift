/// The kinds of entry on an incident's timeline, in the order they usually happen.
public enum TimelineEventKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// The referral was received.
    case received
    /// The referral was acknowledged with its reference and what happens next (in the statement that received it).
    case acknowledged
    /// The threshold decision was made.
    case decided
    /// The incident was given its first RAG rating.
    case rated
    /// The RAG rating was changed, with a rationale.
    case reRated = "re_rated"
    /// Share requests were sent to partners.
    case requestsSent = "requests_sent"
    /// A partner answered a share request.
    case answered
    /// A partner was chased for an answer.
    case chased
    /// A share request is close to its due time (written by the SLA clock).
    case warned
    /// A share request passed its due time unanswered (written by the SLA clock).
    case breached
    /// A strategy discussion was held.
    case discussed
    /// The discussion's outcome was recorded.
    case outcome
    /// An action agreed at a discussion was marked done (by its owner agency, or the MASH for it).
    case actionDone = "action_done"
    /// The incident was closed.
    case closed
    /// A share request still unanswered was withdrawn when the incident closed.
    case withdrawn
    /// The discussion's `marac_referral` outcome raised a new MARAC referral (on the incident's timeline).
    case maracReferralRaised = "marac_referral_raised"
    /// The discussion's `marac_referral` outcome was linked to the victim's live MARAC referral, or to the MARAC referral
    /// the incident was opened from (on the incident's timeline).
    case maracReferralLinked = "marac_referral_linked"
    /// This MARAC referral was raised by an incident's discussion (on the MARAC referral's timeline).
    case raisedFromIncident = "raised_from_incident"
    /// An incident's discussion linked its `marac_referral` outcome to this MARAC referral (on the MARAC referral's
    /// timeline).
    case linkedFromIncident = "linked_from_incident"
    /// Feedback on the decision was given to the referrer: recorded by a user, sent by Hub as email, or (for a
    /// referrer on Hub) given through "referrals we made" when the decision was made (issue #20).
    case fedBack = "fed_back"
    /// The referrer's feedback is close to its due time (written by the feedback clock's sweep).
    case feedbackWarned = "feedback_warned"
    /// The referrer's feedback passed its due time (written by the feedback clock's sweep).
    case feedbackBreached = "feedback_breached"
}
