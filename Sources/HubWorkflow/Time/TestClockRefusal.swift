import Foundation

/// Why a ``TestClock`` was not moved.
public enum TestClockRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The instant asked for is before the clock's time now.
    case backwards(now: Date, requested: Date)
    /// An advance that is negative or not a number.
    case invalidAdvance(TimeInterval)

    public var description: String {
        switch self {
        case let .backwards(now, requested):
            return "the test clock only moves forward: \(requested) is before its time now, \(now)"
        case let .invalidAdvance(seconds):
            return "the test clock only moves forward: \(seconds) is not a number of seconds of zero or more"
        }
    }
}
