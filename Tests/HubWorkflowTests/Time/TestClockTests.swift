import Foundation
import Synchronization
import Testing
@testable import HubWorkflow

@Suite("The acceptance test clock")
struct TestClockTests {
    /// A base clock the test moves by hand.
    final class Base: WallClock {
        let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func now() -> Date { current.withLock { $0 } }
    }

    @Test("starts at its base's time and keeps running with it after a move")
    func runsOnFromWhereItWasMoved() throws {
        let base = Base()
        let clock = TestClock(base: base)
        #expect(clock.now() == base.now())
        let target = base.now().addingTimeInterval(3 * 86400)
        let move = try clock.move(to: target)
        #expect(move == TestClockMove(from: base.now(), to: target))
        #expect(clock.now() == target)
        base.current.withLock { $0 = $0.addingTimeInterval(60) }
        #expect(clock.now() == target.addingTimeInterval(60))
        try clock.advance(by: 3600)
        #expect(clock.now() == target.addingTimeInterval(3660))
        #expect(clock.offsetSeconds == 3 * 86400 + 3600)
    }

    @Test("never goes back")
    func onlyForward() throws {
        let clock = TestClock(base: Base())
        try clock.advance(by: 600)
        let now = clock.now()
        #expect(throws: TestClockRefusal.backwards(now: now, requested: now.addingTimeInterval(-1))) {
            try clock.move(to: now.addingTimeInterval(-1))
        }
        #expect(throws: TestClockRefusal.invalidAdvance(-5)) { try clock.advance(by: -5) }
        #expect(throws: TestClockRefusal.self) { try clock.advance(by: .nan) }
        #expect(clock.now() == now)
        try clock.move(to: now)  // standing still is allowed
    }
}
