import Foundation
import HubWorkflow

/// The tracker keeps interaction detail for a rolling window (12 months by default, per the data sharing
/// agreement); older detail is purged, keeping only counts.
public struct RetentionWindow: Sendable, Hashable {
    public let months: Int

    public init(months: Int = 12) {
        precondition(months > 0, "a retention window is at least one month")
        self.months = months
    }

    /// The first instant inside the window that ends at `now`, in the given time zone's calendar.
    public func start(endingAt now: Date, timeZone: TimeZone = .london) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .month, value: -months, to: now)!
    }
}
