import Foundation
import HubData
import HubWorkflow

/// A reviewer confirms that two records are one person, or rejects the link (a do-not-link pair).
public struct DecideLinkReview: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(_ id: Int64, decision: TrackerReviewStore.Decision, by caller: Caller) async throws {
        let actor = try authorize(caller)
        do {
            try await stores.trackerReviews.decide(
                id, decision: decision, by: actor.userId, at: clock.now(),
                audit: recorder.event(caller, action: "tracker.review.\(decision.rawValue)", objectType: "link_review", objectId: String(id)))
        } catch TrackerReviewStore.DecisionError.notFound {
            throw UseCaseError.notFound("The review")
        } catch TrackerReviewStore.DecisionError.alreadyDecided(let status) {
            throw UseCaseError.conflict(kind: "conflict", detail: "The review is already \(status).")
        }
    }
}
