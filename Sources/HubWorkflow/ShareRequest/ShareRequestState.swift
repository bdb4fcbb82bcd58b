/// Where a share request is. Whether it is overdue is not a state: it is derived from the due time
/// and the clock (see ``ShareRequest/timeliness(now:)``).
///
/// `requested ──answer──▶ answered`, `requested ──withdraw──▶ withdrawn` (its incident closed before the partner
/// answered); `chase` only while requested; nothing changes once answered or withdrawn.
public enum ShareRequestState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Sent to the partner agency, not yet answered.
    case requested
    /// The partner has responded (shared, nothing known, or declined).
    case answered
    /// The incident closed before the partner answered: nothing more is asked, its clock stopped.
    case withdrawn

    /// The state after `action`, or ``InvalidTransition`` naming this state and the action.
    public func applying(_ action: ShareRequestAction) throws(InvalidTransition) -> ShareRequestState {
        switch (self, action) {
        case (.requested, .answer): return .answered
        case (.requested, .chase): return .requested
        case (.requested, .withdraw): return .withdrawn
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
    /// The incident closes before the partner answers.
    case withdraw

    /// The timeline entry this action writes.
    public var timelineEvent: TimelineEventKind {
        switch self {
        case .answer: return .answered
        case .chase: return .chased
        case .withdraw: return .withdrawn
        }
    }
}
