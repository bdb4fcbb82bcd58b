/// Something done to an incident that its state machine allows or refuses.
public enum IncidentAction: String, Sendable, Codable, CaseIterable, Hashable {
    /// Send share requests to partner agencies.
    case sendRequests = "send_requests"
    /// Hold a strategy discussion, meeting or daily domestic abuse discussion.
    case discuss
    /// Record the outcome of the discussion.
    case recordOutcome = "record_outcome"
    /// Close the incident.
    case close
    /// Change the RAG rating, with a rationale.
    case reRate = "re_rate"

    /// The timeline entry this action writes.
    public var timelineEvent: TimelineEventKind {
        switch self {
        case .sendRequests: return .requestsSent
        case .discuss: return .discussed
        case .recordOutcome: return .outcome
        case .close: return .closed
        case .reRate: return .reRated
        }
    }
}
