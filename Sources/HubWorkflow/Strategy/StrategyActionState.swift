/// Where an action agreed at a strategy discussion is. Whether an open action is overdue is not a state: it is
/// derived from its due date and the London day of now (see ``StrategyAction/isOverdue(now:)``).
///
/// `open ──complete──▶ done`; nothing changes once done. Done is final: the note says what was done and the board
/// report counts it as done on time or late, so it is not taken back; what is still to do is a new action, agreed
/// at a further discussion.
public enum StrategyActionState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Agreed, not yet done.
    case open
    /// The owner agency (or the MASH for it) has said what was done.
    case done

    /// The state after `step`, or ``InvalidTransition`` naming this state and the step.
    public func applying(_ step: StrategyActionStep) throws(InvalidTransition) -> StrategyActionState {
        switch (self, step) {
        case (.open, .complete): return .done
        default: throw InvalidTransition(entity: "action", state: rawValue, action: step.rawValue)
        }
    }
}

/// Something done to an agreed action.
public enum StrategyActionStep: String, Sendable, Codable, CaseIterable, Hashable {
    /// The owner marks it done, with a note.
    case complete
}
