import Foundation
import HubData
import HubWorkflow

/// A referral's feedback clock as the API shows it (issue #20): started by the decision, due one working day later
/// under the partnership's feedback clock policy; `state` is judged when read.
struct FeedbackClockView: Codable, Sendable {
    let decidedAt: Date
    let dueAt: Date
    let warnAt: Date
    let policy: String
    /// The referral was made on Hub by the referrer's agency: fed back through "referrals we made" at the decision.
    let referrerOnHub: Bool
    let state: FeedbackClockStatus.State
    let warnedAt: Date?
    let breachedAt: Date?
    let fedBackAt: Date?

    init(_ status: FeedbackClockStatus, now: Date) {
        decidedAt = status.decidedAt
        dueAt = status.dueAt
        warnAt = status.warnAt
        policy = status.policy
        referrerOnHub = status.referrerOnHub
        state = status.state(at: now)
        warnedAt = status.warnedAt
        breachedAt = status.breachedAt
        fedBackAt = status.fedBackAt
    }
}

/// One feedback given to the referrer.
struct FeedbackView: Codable, Sendable {
    let id: UUID
    let channel: FeedbackChannel
    let summary: FeedbackSummary
    /// The controlled summary's words, in English.
    let summaryText: String
    let note: String?
    let givenAt: Date
    let delivery: FeedbackDelivery
    let recipientEmail: String?
    /// The email as Hub sent it.
    let message: String?
    let sentAt: Date?
    let recordedBy: String
    let recordedByAgency: String
    let recordedAt: Date

    init(_ stored: StoredFeedback) {
        id = stored.id
        channel = stored.channel
        summary = stored.summary
        summaryText = stored.summary.text
        note = stored.note
        givenAt = stored.givenAt
        delivery = stored.delivery
        recipientEmail = stored.recipientEmail
        message = stored.message
        sentAt = stored.sentAt
        recordedBy = stored.recordedBy
        recordedByAgency = stored.recordedByAgency
        recordedAt = stored.recordedAt
    }
}

/// `POST /api/v1/referrals/{id}/feedback`: `givenAt` is required unless Hub sends it (`send`, email only), when it is
/// the moment the relay takes it.
struct FeedbackRequest: Codable, Sendable {
    let channel: FeedbackChannel
    let givenAt: Date?
    let summary: FeedbackSummary
    let note: String?
    let send: Bool?

    func feedback(now: Date) throws -> ReferrerFeedback {
        guard let givenAt = givenAt ?? (send == true ? now : nil) else { throw ValidationFailure(field: "givenAt", message: "is required") }
        return ReferrerFeedback(channel: channel, givenAt: givenAt, summary: summary, note: note)
    }
}

/// The answer to `POST /api/v1/referrals/{id}/feedback`: the feedback recorded, and the clock's outcome when it
/// stopped the clock.
struct FeedbackRecordedView: Codable, Sendable {
    let feedback: FeedbackView
    let clock: SLAClockState?
}
