import Foundation
import HubWorkflow

/// Which agreed actions a list shows, and where its previous page ended.
///
/// Open and overdue actions come most urgent first: soonest due first, and by id among those due the same day. Done
/// ones come latest done first, and by id (descending) among those done at the same instant. Each page's end is an
/// exact ``KeysetPosition``: a due day as its UTC midnight (``KeysetPosition/init(day:id:)``), a done time as it is.
public struct StrategyActionList: Sendable {
    public enum State: String, Sendable, CaseIterable {
        /// Every open action, overdue or not.
        case open
        /// Open actions whose due day has passed in London.
        case overdue
        /// Actions marked done.
        case done
    }

    public var state: State
    /// Only this agency's actions (a code); nil for every agency's.
    public var ownerAgency: String?
    /// The London day of now, which overdue is judged against (``StrategyAction/londonDay(of:)``).
    public var today: CalendarDate
    /// The last action of the previous page.
    public var after: KeysetPosition?
    public var limit: Int

    public init(state: State, ownerAgency: String?, today: CalendarDate, after: KeysetPosition? = nil, limit: Int = 50) {
        self.state = state
        self.ownerAgency = ownerAgency
        self.today = today
        self.after = after
        self.limit = limit
    }

    /// Where `stored` stands in this list's order (its page's end, when it is the last item of a page).
    public func position(of stored: StoredStrategyAction) -> KeysetPosition {
        switch state {
        case .done: return KeysetPosition(at: stored.action.completion?.doneAt ?? stored.agreedAt, id: stored.id)
        case .open, .overdue: return KeysetPosition(day: stored.action.dueDate, id: stored.id)
        }
    }

    /// Whether `after` can be read as a position in this list (a due day in years 1–9999 for open and overdue lists).
    public var readsItsCursor: Bool {
        guard let after, state != .done else { return true }
        return after.day != nil
    }
}
