/// Whether a share request is, or was, answered in time. Derived from the due time, the answer
/// time and the clock; never stored.
public enum ShareRequestTimeliness: String, Sendable, Codable, CaseIterable, Hashable {
    /// Unanswered and not yet due.
    case pending
    /// Unanswered and past its due time.
    case overdue
    /// Answered at or before the due time.
    case answeredOnTime = "answered_on_time"
    /// Answered after the due time.
    case answeredLate = "answered_late"
    /// Withdrawn, unanswered, when its incident closed before the due time: neither met nor breached.
    case withdrawn
    /// Withdrawn, unanswered, when its incident closed after the due time: the breach had happened.
    case withdrawnOverdue = "withdrawn_overdue"
}
