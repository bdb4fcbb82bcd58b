import Foundation
import HubWorkflow

/// Where a page of a list newest first ended, exactly: the last item's time as whole microseconds since 1970 (the
/// precision PostgreSQL stores) and its id. A cursor that kept the time as decimal seconds came back a microsecond
/// early and skipped items that shared the last one's time.
public struct KeysetPosition: Sendable, Hashable {
    public let microseconds: Int64
    public let id: UUID

    public init(microseconds: Int64, id: UUID) {
        self.microseconds = microseconds
        self.id = id
    }

    /// The position of an item read from PostgreSQL: its time is a whole number of microseconds, which a `Date`
    /// holds to within a tenth of one, so rounding recovers it.
    public init(at instant: Date, id: UUID) {
        self.init(microseconds: Int64((instant.timeIntervalSince1970 * 1_000_000).rounded()), id: id)
    }

    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// The position of an item of a list ordered by a calendar day (an action's due date): the day as the
    /// microseconds of its midnight in UTC, so exact.
    public init(day: CalendarDate, id: UUID) {
        self.init(microseconds: Int64(day.daysSinceEpoch) * Self.microsecondsPerDay, id: id)
    }

    /// The day a position made by ``init(day:id:)`` names; nil when it names no midnight of years 1–9999.
    public var day: CalendarDate? {
        let (days, rest) = microseconds.quotientAndRemainder(dividingBy: Self.microsecondsPerDay)
        guard rest == 0, let epoch = CalendarDate(year: 1970, month: 1, day: 1) else { return nil }
        return epoch.adding(days: Int(days))
    }
}
