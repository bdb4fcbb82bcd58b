import Foundation
import HubTracker
import Testing

@Suite("Retention window")
struct RetentionWindowTests {
    @Test func twelveMonthsBackInLondonTime() throws {
        let now = try Date("2026-11-21T10:00:00Z", strategy: .iso8601)
        #expect(RetentionWindow().start(endingAt: now) == (try Date("2025-11-21T10:00:00Z", strategy: .iso8601)))
        // Across a summer-time boundary the wall-clock time is kept: 10:00 GMT in November is 10:00 local,
        // six months earlier (May, BST) it is 10:00 local = 09:00Z.
        #expect(RetentionWindow(months: 6).start(endingAt: now) == (try Date("2026-05-21T09:00:00Z", strategy: .iso8601)))
    }
}
