/// The kinds of entry on an incident's timeline, in the order they usually happen.
public enum TimelineEventKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// The referral was received.
    case received
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
}
