import Foundation

/// Where a ``TestClock`` was moved from and to.
public struct TestClockMove: Sendable, Hashable {
    public let from: Date
    public let to: Date

    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }
}
