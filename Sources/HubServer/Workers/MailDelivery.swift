import Foundation
import HubData
import HubWorkflow
import Logging

/// Sends the feedback emails waiting in the outbox (topic `feedback.email`) to the operator's relay by SMTP, one
/// message per connection, in the transaction that claimed them. When the relay takes one, the feedback is `sent`
/// (given at that instant, the message kept as sent), the referral's feedback clock stops, and a `fed_back` timeline
/// entry and a `referral.feedback_sent` audit event are written. A refusal (5xx) is final: the feedback is `failed`
/// (`referral.feedback_failed`) and its clock keeps running, so the chaser still shows it; anything else is retried
/// with back-off from 30 s to an hour, up to `maxAttempts`.
struct MailDelivery: Sendable {
    static let topic = "feedback.email"

    let stores: Stores
    let client: SMTPClient
    let clock: any WallClock
    var maxAttempts = 12

    func worker(interval: Duration, limits: WorkerLimits, logger: Logger, gate: StartupGate, health: WorkerHealth) -> PeriodicWorker {
        PeriodicWorker(name: "Mail delivery", key: "mail_delivery", interval: interval, limits: limits, gate: gate, health: health, logger: logger) { [self] in
            while try await deliverBatch(logger: logger) > 0 {}
        }
    }

    /// Claims due emails and sends each; returns how many it tried.
    @discardableResult
    func deliverBatch(limit: Int = 10, logger: Logger? = nil) async throws -> Int {
        let now = clock.now()
        return try await stores.database.transaction { connection in
            let messages = try await stores.outbox.claimDue(now: now, limit: limit, topic: Self.topic, on: connection)
            for message in messages {
                let payload = try DocumentCoding.decode([String: String].self, from: message.payload)
                guard let id = payload["feedbackId"].flatMap(UUID.init(uuidString:)),
                      let email = try await stores.feedback.queuedEmail(id, on: connection) else {
                    try await stores.outbox.markFailed(id: message.id, error: "no queued feedback email", retryAt: nil, now: now, on: connection)
                    continue
                }
                let audit = { (action: String, detail: [String: String]) in
                    AuditEvent(occurredAt: now, requestId: nil, actor: nil, action: action, objectType: "referral",
                               objectId: email.referralId.uuidString.lowercased(),
                               detail: detail.merging(["feedback": id.uuidString.lowercased(), "channel": "email", "to": "referrer"]) { $1 })
                }
                do {
                    try await client.send(email.message, to: email.recipient)
                    try await stores.outbox.markDelivered(id: message.id, at: now, on: connection)
                    let outcome = try await stores.feedback.markSent(id, referralId: email.referralId, at: now, on: connection)
                    var detail = ["channel": FeedbackChannel.email.rawValue, "summary": email.summary.rawValue, "delivery": FeedbackDelivery.sent.rawValue]
                    if let outcome { detail["clock"] = outcome.rawValue }
                    try await stores.timeline.append(.fedBack, referralId: email.referralId, incidentId: nil, at: now, actor: nil, detail: detail,
                                                     on: connection)
                    try await stores.audit.record(audit("referral.feedback_sent", outcome.map { ["clock": $0.rawValue] } ?? [:]), on: connection)
                } catch {
                    let attempts = message.attempts + 1
                    let final = (error as? SMTPFailure)?.permanent == true || attempts >= maxAttempts
                    let retryAt = final ? nil : now.addingTimeInterval(min(3600, 30 * pow(2, Double(attempts - 1))))
                    try await stores.outbox.markFailed(id: message.id, error: "\(error)", retryAt: retryAt, now: now, on: connection)
                    if final {
                        try await stores.feedback.markFailed(id, on: connection)
                        try await stores.audit.record(audit("referral.feedback_failed", ["attempts": "\(attempts)"]), on: connection)
                    }
                    // The stage and code only: a relay's reply may name the recipient.
                    let stage = (error as? SMTPFailure).map { "\($0.stage) \($0.code.map(String.init) ?? "-")" } ?? "\(type(of: error))"
                    logger?.warning("feedback email not sent", metadata: ["attempt": "\(attempts)", "final": "\(final)", "stage": "\(stage)"])
                }
            }
            return messages.count
        }
    }
}
