import Foundation
import HubData
import HubWorkflow

/// The incident board's chaser (issue #20): referrals whose referrer still waits to be told the decision and whose
/// feedback is due soon (past the warning point) or overdue, soonest due first. References only, no subject; audited
/// with the count shown.
public struct ListFeedbackChasers: UseCase {
    public static let access = AccessRule.permission(.readReferrals)

    let database: Database
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(by caller: Caller) async throws -> [FeedbackChaser] {
        try authorize(caller)
        let chasers = try await ReferralFeedbackStore(database: database).chasers(now: clock.now())
        try await recorder.record(caller, action: "referral.feedback_chasers", objectType: "referral", objectId: nil,
                                  detail: ["count": "\(chasers.count)"])
        return chasers
    }
}
