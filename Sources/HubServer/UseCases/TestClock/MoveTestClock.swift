import Foundation
import HubWorkflow

/// An administrator moves the acceptance test clock (`HUB_TEST_CLOCK`) forward, to an instant or by a number of
/// seconds, so that SLA warnings, breaches and late answers happen now; the move is audited with where the clock
/// was and where it went. It never goes back (refused naming the field).
public struct MoveTestClock: UseCase {
    public static let access = AccessRule.permission(.setTestClock)

    let clock: TestClock
    let recorder: AuditRecorder

    /// Where to move the clock.
    public enum Move: Sendable, Hashable {
        /// To this instant (`now`).
        case to(Date)
        /// This many seconds ahead (`advanceSeconds`).
        case by(TimeInterval)
    }

    public func callAsFunction(_ move: Move, by caller: Caller) async throws -> TestClockReading {
        try authorize(caller)
        let moved: TestClockMove
        do {
            switch move {
            case .to(let instant): moved = try clock.move(to: instant)
            case .by(let seconds): moved = try clock.advance(by: seconds)
            }
        } catch {
            let field = if case .to = move { "now" } else { "advanceSeconds" }
            throw ValidationFailure(field: field, message: error.description)
        }
        try await recorder.record(
            caller, action: "test_clock.move", objectType: "test_clock", objectId: "current",
            detail: ["from": HubDateFormat.string(from: moved.from), "to": HubDateFormat.string(from: moved.to),
                     "offsetSeconds": String(clock.offsetSeconds)])
        return TestClockReading(now: clock.now(), offsetSeconds: clock.offsetSeconds)
    }
}
