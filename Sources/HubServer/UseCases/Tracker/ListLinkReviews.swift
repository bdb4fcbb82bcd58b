import Foundation
import HubData
import HubWorkflow

/// The clerical review queue: pairs of records the linkage could not decide on (audited).
public struct ListLinkReviews: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(limit: Int, purpose: String?, by caller: Caller) async throws -> [TrackerReview] {
        try authorize(caller)
        let items = try await stores.trackerReviews.pending(limit: limit)
        try await recorder.record(caller, action: "tracker.review.list", objectType: "link_review", objectId: nil, purpose: purpose,
                                  detail: ["count": String(items.count)])
        return items
    }
}
