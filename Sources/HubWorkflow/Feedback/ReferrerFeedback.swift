import Foundation

/// Feedback given to a referrer about the decision on their referral: how (``FeedbackChannel``), when, and what was
/// said (a controlled ``FeedbackSummary`` with an optional note). Who recorded it is the signed-in user.
public struct ReferrerFeedback: Sendable, Hashable, Codable {
    public var channel: FeedbackChannel
    public var givenAt: Date
    public var summary: FeedbackSummary
    public var note: String?

    public init(channel: FeedbackChannel, givenAt: Date, summary: FeedbackSummary, note: String? = nil) {
        self.channel = channel
        self.givenAt = givenAt
        self.summary = summary
        self.note = note
    }

    /// The start of the minute `instant` falls in: a time given to the minute (as the screens take it) in the same
    /// minute as the decision is not before it.
    static func minute(of instant: Date) -> Date {
        Date(timeIntervalSince1970: (instant.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// The feedback with its note tidied, or a ``ValidationFailure`` naming each field: a channel a user may record
    /// (not `hub`), a time not after `now` nor before the minute of the decision (`decidedAt`), a note of at most
    /// ``TextLimits/feedbackNote`` characters.
    public func validated(now: Date, decidedAt: Date?) throws(ValidationFailure) -> ReferrerFeedback {
        var issues: [ValidationIssue] = []
        if !FeedbackChannel.recordable.contains(channel) {
            issues.append(ValidationIssue(
                field: "channel", message: "must be one of \(FeedbackChannel.recordable.map(\.rawValue).joined(separator: ", "))"))
        }
        if givenAt > now {
            issues.append(ValidationIssue(field: "givenAt", message: "must not be in the future"))
        } else if let decidedAt, givenAt < Self.minute(of: decidedAt) {
            issues.append(ValidationIssue(field: "givenAt", message: "must not be before the decision"))
        }
        issues += FieldCheck.optional(note, field: "note", limit: TextLimits.feedbackNote, label: "note")
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        var tidy = self
        tidy.note = FieldCheck.isBlank(note) ? nil : note.map(FieldCheck.trimmed)
        return tidy
    }
}
