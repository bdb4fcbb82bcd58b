import Foundation

/// The time a ``TestClock`` shows, and how many seconds it is ahead of the clock under it.
public struct TestClockReading: Sendable, Hashable, Codable {
    public let now: Date
    public let offsetSeconds: Double
}
