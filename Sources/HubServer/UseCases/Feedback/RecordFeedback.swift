import Foundation
import HubData
import HubWorkflow

/// A MASH user records the feedback given to a referrer about the decision on their referral (issue #20): the
/// channel, when, and what was said as a controlled summary with an optional note. The first feedback stops the
/// referral's feedback clock: met when given by its due time, else breached. One transaction writes the feedback, the
/// clock, a `fed_back` timeline entry and the audit event (who recorded which feedback to whom).
///
/// With `send` (email only), Hub sends it instead: where the referrer gave an email address and the operator
/// configured a mail relay (`HUB_SMTP_RELAY`), the message is composed now, kept as it will be sent, and queued in the
/// outbox (`feedback.email`) in the same transaction; ``MailDelivery`` hands it to the relay, and only then is the
/// feedback given and the clock stopped. Without a relay, or an address, the request is refused naming `send`.
public struct RecordFeedback: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    // The stores it uses, not the whole `Stores` (see ``Stores/feedback``).
    let database: Database
    let referrals: ReferralStore
    let timeline: TimelineStore
    let outbox: OutboxStore
    let recorder: AuditRecorder
    let clock: any WallClock
    let mailRelay: MailRelay?

    init(stores: Stores, recorder: AuditRecorder, clock: any WallClock, mailRelay: MailRelay?) {
        database = stores.database
        referrals = stores.referrals
        timeline = stores.timeline
        outbox = stores.outbox
        self.recorder = recorder
        self.clock = clock
        self.mailRelay = mailRelay
    }

    var feedbackStore: ReferralFeedbackStore { ReferralFeedbackStore(database: database) }

    public struct Recorded: Sendable {
        public let feedback: StoredFeedback
        /// The clock's outcome when this feedback stopped it (nil when an earlier one had, or an email is still queued).
        public let clockOutcome: SLAClockState?
    }

    /// Whether Hub can send feedback by email (a relay is configured).
    public var canSendEmail: Bool { mailRelay != nil }

    public func callAsFunction(_ feedback: ReferrerFeedback, send: Bool = false, referralId: UUID, by caller: Caller) async throws -> Recorded {
        let actor = try authorize(caller)
        let now = clock.now()
        let id = UUID()
        let outcome: SLAClockState? = try await database.transaction { connection in
            guard let locked = try await referrals.lockForChange(id: referralId, on: connection) else {
                throw UseCaseError.notFound("The referral")
            }
            guard let status = try await feedbackStore.lockOpenClock(of: referralId, on: connection) else {
                throw UseCaseError.conflict(kind: "not_decided", detail: "The referral has no decision yet: there is nothing to feed back.")
            }
            var given = feedback
            if send { given.givenAt = now }
            let valid = try given.validated(now: now, decidedAt: status.decidedAt)
            var detail = ["channel": valid.channel.rawValue, "summary": valid.summary.rawValue, "to": "referrer",
                          "referrer_agency": locked.referral.referrer.agency ?? "member_of_the_public"]
            var outcome: SLAClockState?
            if send {
                let (relay, recipient) = try Self.emailRoute(valid, relay: mailRelay, referrer: locked.referral.referrer)
                let message = FeedbackEmail.compose(
                    reference: try await referrals.reference(of: referralId, on: connection), referrerName: locked.referral.referrer.name,
                    summary: valid.summary, note: valid.note, from: relay.from, to: recipient, at: now, id: id)
                try await feedbackStore.record(valid, id: id, referralId: referralId, delivery: .queued, recipientEmail: recipient,
                                                 message: message, actor: actor, at: now, on: connection)
                try await outbox.enqueue(
                    topic: MailDelivery.topic, dedupeKey: "\(MailDelivery.topic):\(id.lowercased)",
                    payload: ["feedbackId": id.lowercased, "referralId": referralId.lowercased], at: now, on: connection)
                detail["delivery"] = FeedbackDelivery.queued.rawValue
            } else {
                outcome = try await feedbackStore.record(
                    valid, id: id, referralId: referralId, delivery: .recorded, actor: actor, at: now, on: connection)
                detail["delivery"] = FeedbackDelivery.recorded.rawValue
                if let outcome { detail["clock"] = outcome.rawValue }
                try await timeline.append(
                    .fedBack, referralId: referralId, incidentId: nil, at: now, actor: actor,
                    detail: detail.filter { ["channel", "summary", "delivery", "clock"].contains($0.key) }, on: connection)
            }
            try await recorder.record(caller, action: "referral.feedback", objectType: "referral", objectId: referralId.lowercased,
                                      detail: detail, on: connection)
            return outcome
        }
        guard let stored = try await feedbackStore.feedback(of: referralId).first(where: { $0.id == id }) else {
            throw UseCaseError.notFound("The feedback")
        }
        return Recorded(feedback: stored, clockOutcome: outcome)
    }

    /// The relay and the referrer's address for feedback Hub sends, or why it cannot (named `send`).
    static func emailRoute(_ feedback: ReferrerFeedback, relay: MailRelay?, referrer: Referrer) throws -> (MailRelay, String) {
        guard feedback.channel == .email else { throw ValidationFailure(field: "send", message: "only email is sent from Hub") }
        guard let relay else {
            throw ValidationFailure(field: "send", message: "no mail relay is configured: record the feedback as given instead")
        }
        guard let email = referrer.email, MailAddress.isSafe(email) else {
            throw ValidationFailure(field: "send", message: "the referrer gave no email address")
        }
        return (relay, email)
    }
}
