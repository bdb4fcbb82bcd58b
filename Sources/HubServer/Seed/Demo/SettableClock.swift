import Foundation
import HubWorkflow
import Synchronization

/// The clock the demo's activity runs on: set to each moment of the fictional past in turn, so that every action
/// goes through the use cases at the time it is meant to have happened.
final class SettableClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }
}
