/// Where a share request is. Whether it is overdue is not a state: it is derived from the due time
/// and the clock (see ``ShareRequest/timeliness(now:)``).
///
/// `requested ──answer──▶ answered`; `chase` only while requested; nothing changes once answered.
public enum ShareRequestState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Sent to the partner agency, not yet answered.
    case requested
    /// The partner has responded (shared, nothing known, or declined).
    case answered

    /// The state after `action`, or ``InvalidTransition`` naming this state and the action.
    public func applying(_ action: ShareRequestAction) throws(InvalidTransition) -> ShareRequestState {
        switch (self, action) {
        case (.requested, .answer): return .answered
        case (.requested, .chase): return .requested
        default: throw InvalidTransition(entity: "share_request", state: rawValue, action: action.rawValue)
        }
    }
}

/// Something done to a share request.
public enum ShareRequestAction: String, Sendable, Codable, CaseIterable, Hashable {
    /// The partner responds.
    case answer
    /// The MASH reminds the partner that an answer is due or overdue.
    case chase

    /// The timeline entry this action writes.
    public var timelineEvent: TimelineEventKind {
        switch self {
        case .answer: return .answered
        case .chase: return .chased
        }
    }
}
