/// Where an information-sharing incident is in its life.
///
/// | from             | action          | to               |
/// |------------------|-----------------|------------------|
/// | open             | send_requests   | sharing          |
/// | open             | discuss         | strategy         |
/// | sharing          | send_requests   | sharing          |
/// | sharing          | discuss         | strategy         |
/// | strategy         | send_requests   | strategy         |
/// | strategy         | discuss         | strategy         |
/// | strategy         | record_outcome  | outcome_recorded |
/// | outcome_recorded | discuss         | strategy (a further strategy meeting) |
/// | outcome_recorded | close           | closed           |
/// | open, sharing    | close           | closed (sharing was enough: a closure outcome and reason are required) |
/// | open, sharing, strategy | re_rate  | unchanged        |
///
/// Everything else, and anything at all once closed, is an ``InvalidTransition``: in particular an incident at
/// strategy (a discussion recorded without its outcome) closes only once the outcome is recorded. What closing
/// records is checked by ``Incident/close(_:)`` (``IncidentClosure``).
public enum IncidentState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Opened from a referral that met the threshold; no share requests sent yet.
    case open
    /// Share requests are out with partner agencies.
    case sharing
    /// At strategy discussion (or meeting).
    case strategy
    /// The discussion's outcome is recorded; actions may be outstanding.
    case outcomeRecorded = "outcome_recorded"
    /// Finished; nothing more may change.
    case closed

    /// True while the RAG rating still governs sharing and may be changed: open, sharing and
    /// strategy. Once an outcome is recorded the rating no longer drives anything, and a closed
    /// incident is final.
    public var allowsReRating: Bool {
        switch self {
        case .open, .sharing, .strategy: return true
        case .outcomeRecorded, .closed: return false
        }
    }

    /// The actions allowed in this state.
    public var allowedActions: [IncidentAction] {
        IncidentAction.allCases.filter { (try? applying($0)) != nil }
    }

    /// The state after `action`, or ``InvalidTransition`` naming this state and the action.
    public func applying(_ action: IncidentAction) throws(InvalidTransition) -> IncidentState {
        switch (self, action) {
        case (.open, .sendRequests), (.sharing, .sendRequests):
            return .sharing
        case (.strategy, .sendRequests):
            return .strategy
        case (.open, .discuss), (.sharing, .discuss), (.strategy, .discuss), (.outcomeRecorded, .discuss):
            return .strategy
        case (.strategy, .recordOutcome):
            return .outcomeRecorded
        case (.outcomeRecorded, .close), (.open, .close), (.sharing, .close):
            return .closed
        case (_, .reRate) where allowsReRating:
            return self
        default:
            throw InvalidTransition(entity: "incident", state: rawValue, action: action.rawValue)
        }
    }
}
