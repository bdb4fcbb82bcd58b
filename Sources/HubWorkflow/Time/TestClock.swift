import Foundation
import Synchronization

/// A clock for acceptance testing that an administrator can move forward (`HUB_TEST_CLOCK`): the time of a base
/// clock plus an offset, so it keeps running from wherever it was moved to. One is shared by the whole process (the
/// server, its use cases and its workers), so moving it makes SLA warnings, breaches and late answers happen as they
/// would later on. It only moves forward: SLA clocks, sessions and the audit trail expect time never to go back.
public final class TestClock: WallClock {
    private let base: any WallClock
    private let offset: Mutex<TimeInterval>

    /// Starts at `base`'s time (the system clock in `hub serve`).
    public init(base: any WallClock = SystemClock()) {
        self.base = base
        self.offset = Mutex(0)
    }

    public func now() -> Date {
        offset.withLock { base.now().addingTimeInterval($0) }
    }

    /// How far this clock is ahead of its base, in seconds.
    public var offsetSeconds: TimeInterval { offset.withLock { $0 } }

    /// Moves the clock to `instant`; refused if that is earlier than the clock's time now.
    @discardableResult
    public func move(to instant: Date) throws(TestClockRefusal) -> TestClockMove {
        try offset.withLock { (offset: inout TimeInterval) throws(TestClockRefusal) -> TestClockMove in
            let real = base.now()
            let before = real.addingTimeInterval(offset)
            guard instant >= before else { throw .backwards(now: before, requested: instant) }
            offset = instant.timeIntervalSince(real)
            return TestClockMove(from: before, to: instant)
        }
    }

    /// Moves the clock `seconds` ahead; refused for a negative or non-finite amount.
    @discardableResult
    public func advance(by seconds: TimeInterval) throws(TestClockRefusal) -> TestClockMove {
        guard seconds.isFinite, seconds >= 0 else { throw .invalidAdvance(seconds) }
        return offset.withLock { offset in
            let before = base.now().addingTimeInterval(offset)
            offset += seconds
            return TestClockMove(from: before, to: before.addingTimeInterval(seconds))
        }
    }
}
