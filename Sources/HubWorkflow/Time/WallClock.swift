import Foundation

/// Where every piece of Hub code gets the current time. Injected, so tests can move time by hand.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
