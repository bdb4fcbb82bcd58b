/// How an agreed action stands against its due date, judged at a moment (see ``StrategyAction/timeliness(now:)``).
public enum StrategyActionTimeliness: String, Sendable, Codable, CaseIterable, Hashable {
    /// Open, and its due day has not passed in London.
    case open
    /// Open, and its due day has passed in London.
    case overdue
    /// Done by the end of its due day.
    case doneOnTime = "done_on_time"
    /// Done after its due day.
    case doneLate = "done_late"
}
