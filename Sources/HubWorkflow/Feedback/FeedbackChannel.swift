/// How a referrer was told the outcome of their referral (issue #20).
public enum FeedbackChannel: String, Sendable, Codable, CaseIterable, Hashable {
    case email
    case phone
    case letter
    case secureEmail = "secure_email"
    /// The referrer is on Hub and reads the decision in "referrals we made": Hub records this itself when the decision
    /// is made. A user never records it (``recordable``).
    case hub

    /// The channels a user may record feedback as given through (`POST /api/v1/referrals/{id}/feedback`).
    public static let recordable: [FeedbackChannel] = [.email, .phone, .letter, .secureEmail]
}
