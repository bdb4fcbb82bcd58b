import Foundation

/// How sign-in attempts are slowed down (#16 item 9): a few free failures, then a wait that doubles with each further
/// failure, up to a cap. Kept per key: the username as typed (whether or not such a user exists) and the client
/// address. Pure arithmetic; the state is in the database (`sign_in_throttles`).
public struct SignInThrottleRule: Sendable, Hashable {
    /// Failures (within `memory` of each other) allowed before any wait.
    public var freeFailures: Int
    /// The first wait; each further failure doubles it.
    public var firstDelay: TimeInterval
    /// The longest wait.
    public var maximumDelay: TimeInterval
    /// A key with no failure for this long starts afresh.
    public var memory: TimeInterval

    public init(freeFailures: Int, firstDelay: TimeInterval, maximumDelay: TimeInterval, memory: TimeInterval) {
        self.freeFailures = freeFailures
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.memory = memory
    }

    /// The wait after `failures` counted failures (zero while they are free).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures > freeFailures else { return 0 }
        let doublings = min(failures - freeFailures - 1, 40)
        return min(maximumDelay, firstDelay * pow(2, Double(doublings)))
    }

    /// The count after one more attempt at `now`, given the stored count and when the last one was.
    public func failures(after stored: Int, lastFailureAt: Date, now: Date) -> Int {
        guard now.timeIntervalSince(lastFailureAt) < memory else { return 1 }
        return stored + 1
    }
}
