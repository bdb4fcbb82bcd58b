import Foundation
import HubData
import HubWorkflow

/// A MASH user records the feedback given to a referrer about the decision on their referral (issue #20): the
/// channel, when, and what was said as a controlled summary with an optional note. The first feedback stops the
/// referral's feedback clock: met when given by its due time, else breached. One transaction writes the feedback, the
/// clock, a `fed_back` timeline entry and the audit event (who recorded which feedback to whom).
public struct RecordFeedback: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public struct Recorded: Sendable {
        public let feedback: StoredFeedback
        /// The clock's outcome when this feedback stopped it (nil when an earlier one had).
        public let clockOutcome: SLAClockState?
    }

    public func callAsFunction(_ feedback: ReferrerFeedback, referralId: UUID, by caller: Caller) async throws -> Recorded {
        let actor = try authorize(caller)
        let now = clock.now()
        let id = UUID()
        let outcome: SLAClockState? = try await stores.database.transaction { connection in
            guard let locked = try await stores.referrals.lockForChange(id: referralId, on: connection) else {
                throw UseCaseError.notFound("The referral")
            }
            guard let status = try await stores.feedback.lockOpenClock(of: referralId, on: connection) else {
                throw UseCaseError.conflict(kind: "not_decided", detail: "The referral has no decision yet: there is nothing to feed back.")
            }
            let valid = try feedback.validated(now: now, decidedAt: status.decidedAt)
            let outcome = try await stores.feedback.record(
                valid, id: id, referralId: referralId, delivery: .recorded, actor: actor, at: now, on: connection)
            var detail = ["channel": valid.channel.rawValue, "summary": valid.summary.rawValue, "delivery": FeedbackDelivery.recorded.rawValue]
            if let outcome { detail["clock"] = outcome.rawValue }
            try await stores.timeline.append(.fedBack, referralId: referralId, incidentId: nil, at: now, actor: actor, detail: detail, on: connection)
            detail["to"] = "referrer"
            detail["referrer_agency"] = locked.referral.referrer.agency ?? "member_of_the_public"
            try await recorder.record(caller, action: "referral.feedback", objectType: "referral", objectId: referralId.lowercased,
                                      detail: detail, on: connection)
            return outcome
        }
        guard let stored = try await stores.feedback.feedback(of: referralId).first(where: { $0.id == id }) else {
            throw UseCaseError.notFound("The feedback")
        }
        return Recorded(feedback: stored, clockOutcome: outcome)
    }
}
