import Foundation
import HubTracker
import HubWorkflow

/// The tracker's rolling 12 months: the first day of the window ending today (a UTC day, as imports count it).
struct TrackerWindow: Sendable {
    let clock: any WallClock

    var start: String { CalendarDate(utcDayOf: clock.now()).months(before: 12).description }
}
