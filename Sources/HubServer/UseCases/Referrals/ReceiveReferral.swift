import Foundation
import HubData
import HubWorkflow

/// A MASH user receives a referral (C1, A1, PPN or MARAC): validated by the form's rules, written with its
/// subjects, timeline entry and audit event in one statement. With an idempotency key, a retry with the same key
/// and body gets the first response and a concurrent duplicate waits for it, so exactly one referral is made.
///
/// Every referral is acknowledged: the response carries its reference and what happens next, and the statement writes
/// an `acknowledged` timeline entry. A partner agency's responder refers as their own agency (the referrer's agency
/// must be theirs), so the referral is listed at once in their agency's referrals made (``ListReferralsMade``).
public struct ReceiveReferral: UseCase {
    public static let access = AccessRule.permission(.makeReferrals)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    /// The idempotency key a client sent (`Idempotency-Key`, or the screen's form token) with the request's body.
    public struct IdempotencyClaim: Sendable {
        public let key: String
        public let body: Data

        public init(key: String, body: Data) {
            self.key = key
            self.body = body
        }
    }

    public enum Outcome: Sendable {
        /// Received now; `body` is the API's response (with the acknowledgement), kept for retries.
        case created(StoredReferral, ReferralAcknowledgement, body: Data)
        /// A retry of an earlier request with the same key and body: the response given then.
        case replayed(status: Int, body: Data)
    }

    public func callAsFunction(_ draft: ReferralDraft, idempotency: IdempotencyClaim?, by caller: Caller) async throws -> Outcome {
        let actor = try authorize(caller)
        let now = clock.now()
        let referral = try draft.validated(now: now)
        if actor.role == .partnerResponder, referral.referrer.agency != actor.agencyCode {
            throw ValidationFailure(field: "referrer.agency", message: "must be your own agency (\(actor.agencyCode))")
        }
        let key = try idempotency.map { claim -> IdempotencyStore.Key in
            guard (1...TextLimits.idempotencyKey).contains(TextLength.count(claim.key)) else {
                throw ValidationFailure(field: "Idempotency-Key", message: "must be 1–200 characters")
            }
            return IdempotencyStore.Key(key: claim.key, body: claim.body)
        }
        let id = UUID()
        let audit = recorder.event(
            caller, action: "referral.create", objectType: "referral", objectId: id.lowercased,
            detail: ["form": referral.form.rawValue, "subjects": "\(referral.subjects.count)"])
        guard let key else {
            // One statement commits by itself: no BEGIN and COMMIT round trips.
            return try await stores.database.withConnection { connection in
                let created = try await stores.referrals.create(referral, id: id, actor: actor, now: now, audit: audit, on: connection)
                let acknowledgement = Self.acknowledgement(of: created.stored, now: now)
                return .created(created.stored, acknowledgement,
                                body: try ReferralCreatedBody.render(created.stored, acknowledgement: acknowledgement, document: created.document))
            }
        }
        return try await stores.database.transaction { connection in
            if let replay = try await stores.idempotencyKeys.claim(key, userId: actor.userId, now: now, on: connection) {
                return .replayed(status: replay.status, body: replay.body)
            }
            let created = try await stores.referrals.create(referral, id: id, actor: actor, now: now, audit: audit, on: connection)
            let acknowledgement = Self.acknowledgement(of: created.stored, now: now)
            let body = try ReferralCreatedBody.render(created.stored, acknowledgement: acknowledgement, document: created.document)
            try await stores.idempotencyKeys.recordResponse(status: 201, body: body, for: key, userId: actor.userId, on: connection)
            return .created(created.stored, acknowledgement, body: body)
        }
    }

    static func acknowledgement(of stored: StoredReferral, now: Date) -> ReferralAcknowledgement {
        ReferralAcknowledgement(reference: stored.reference, form: stored.referral.form, receivedAt: stored.referral.receivedAt, acknowledgedAt: now)
    }
}
