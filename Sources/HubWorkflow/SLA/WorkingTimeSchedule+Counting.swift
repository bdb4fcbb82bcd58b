import Foundation

/// Counting over working windows, walking day by day (never minute by minute): each local day contributes at most one
/// window, so a 72-working-hour target over a holiday fortnight visits about twenty days.
extension WorkingTimeSchedule {
    /// How far ahead a due date is searched before giving up with `Date.distantFuture` (about 400 years of days);
    /// only absurd targets get there, because every valid schedule has a working day in each week beyond its holidays.
    static let maximumDaysWalked = 146_097

    /// The working time between `start` and `end` (zero when `end` is not after `start`).
    func countedTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        let firstDay = timeZone.dayIndex(containing: start)
        // max: where clocks go back at midnight, the local day can step back by one within a short span.
        for day in firstDay...max(firstDay, timeZone.dayIndex(containing: end)) {
            guard let window = workingInterval(dayIndex: day) else { continue }
            let lower = max(window.start, start)
            let upper = min(window.end, end)
            if upper > lower { total += upper.timeIntervalSince(lower) }
        }
        return total
    }

    /// The first instant at which the working time since `start` reaches `target`. A target that is used up exactly
    /// at a window's close is due at that close (Friday 17:00), not at the next opening.
    func dueDate(start: Date, target: TimeInterval) -> Date {
        guard target > 0 else { return start }
        var remaining = target
        let firstDay = timeZone.dayIndex(containing: start)
        for day in firstDay...(firstDay + WorkingTimeSchedule.maximumDaysWalked) {
            guard let window = workingInterval(dayIndex: day), window.end > start else { continue }
            let from = max(window.start, start)
            let available = window.end.timeIntervalSince(from)
            if remaining <= available { return from.addingTimeInterval(remaining) }
            remaining -= available
        }
        return .distantFuture
    }

    /// Whether working time is being counted at `instant`.
    func isCounting(at instant: Date) -> Bool {
        guard let window = workingInterval(dayIndex: timeZone.dayIndex(containing: instant)) else { return false }
        return window.start <= instant && instant < window.end
    }
}
