import Foundation
import HubWorkflow
import Synchronization

/// A clock the test moves by hand.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// Starts at `start`, to the whole second below it. PostgreSQL keeps microseconds, and a time read back from it
    /// can come out a fraction of a microsecond after the `Date` that was written (PostgresNIO counts microseconds from
    /// 2000 in a `Double`): with a clock that does not move, a share request sent at `now` was then "answered before it
    /// was sent" at the same `now`, about 3 times in 1,000 starts (`ManualClock(Date())` in the browser walk, which failed
    /// so once in Welsh). A whole second is written and read back exactly.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = Mutex(Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down)))
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
