import Foundation

/// `PUT /api/v1/test-clock`: move the acceptance test clock to `now`, or `advanceSeconds` ahead; exactly one.
struct TestClockRequest: Codable, Sendable {
    var now: Date?
    var advanceSeconds: Double?
}
