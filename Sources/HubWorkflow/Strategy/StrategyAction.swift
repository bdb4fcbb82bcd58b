import Foundation

/// An action agreed at a strategy discussion, as it stands: owned by one agency, due by the end of a calendar day in
/// Europe/London, open until the owner marks it done with a note (``StrategyActionState``).
///
/// Overdue is derived, never stored: an open action is overdue once the London day of now is after its due date
/// (due on a day means by the end of that day, wherever the clocks are in summer or winter).
public struct StrategyAction: Sendable, Hashable, Codable {
    /// The agency code responsible for the action.
    public var ownerAgency: String
    public var description: String
    /// The day the action is due (by its end, in Europe/London).
    public var dueDate: CalendarDate
    public var state: StrategyActionState
    /// How it was done; nil while open.
    public var completion: ActionCompletion?

    public init(ownerAgency: String, description: String, dueDate: CalendarDate, state: StrategyActionState = .open,
                completion: ActionCompletion? = nil) {
        self.ownerAgency = ownerAgency
        self.description = description
        self.dueDate = dueDate
        self.state = state
        self.completion = completion
    }

    /// The action as agreed at the discussion: open.
    public init(agreed: AgreedAction) {
        self.init(ownerAgency: agreed.ownerAgency, description: agreed.description, dueDate: agreed.dueDate)
    }

    /// The calendar day in Europe/London on which `instant` falls: the day due dates are counted against.
    public static func londonDay(of instant: Date) -> CalendarDate {
        CalendarDate(instant, in: .london)
    }

    /// True when open and its due day has passed in London at `now`.
    public func isOverdue(now: Date) -> Bool {
        state == .open && dueDate < Self.londonDay(of: now)
    }

    /// Whether marking it done at `instant` is on time: on or before its due day in London.
    public func isOnTime(doneAt instant: Date) -> Bool {
        Self.londonDay(of: instant) <= dueDate
    }

    /// Open, overdue, done on time or done late, judged at `now`.
    public func timeliness(now: Date) -> StrategyActionTimeliness {
        if state == .done, let completion { return completion.onTime ? .doneOnTime : .doneLate }
        return isOverdue(now: now) ? .overdue : .open
    }

    /// Marks the action done at `instant` with `note`, and returns how. Throws ``InvalidTransition`` once done, or
    /// ``ValidationFailure`` naming `note` when the note is blank or too long; changes nothing then.
    @discardableResult
    public mutating func complete(note: String, at instant: Date) throws -> ActionCompletion {
        let next = try state.applying(.complete)
        let note = try ActionCompletion.validatedNote(note)
        let done = ActionCompletion(note: note, doneAt: instant, onTime: isOnTime(doneAt: instant))
        completion = done
        state = next
        return done
    }
}
