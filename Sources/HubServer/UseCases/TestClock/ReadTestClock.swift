import Foundation
import HubWorkflow

/// An administrator reads the acceptance test clock (`HUB_TEST_CLOCK`): the time the server runs on and how far it
/// is ahead of the real time.
public struct ReadTestClock: UseCase {
    public static let access = AccessRule.permission(.setTestClock)

    let clock: TestClock

    public func callAsFunction(by caller: Caller) throws -> TestClockReading {
        try authorize(caller)
        return TestClockReading(now: clock.now(), offsetSeconds: clock.offsetSeconds)
    }
}
