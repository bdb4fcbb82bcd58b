import Foundation

/// What every referral answers with when it is received: its reference, when it was received and acknowledged, and
/// what happens next. Recorded on the referral's timeline (`acknowledged`) in the statement that writes the referral.
public struct ReferralAcknowledgement: Sendable, Codable, Hashable {
    public let reference: String
    /// When the referral was received (as the referrer gave it).
    public let receivedAt: Date
    /// When Hub recorded it (the clock's time).
    public let acknowledgedAt: Date
    public let nextStep: ReferralNextStep
    /// ``ReferralNextStep/summary``, in English.
    public let whatHappensNext: String

    public init(reference: String, form: ReferralForm, receivedAt: Date, acknowledgedAt: Date) {
        self.reference = reference
        self.receivedAt = receivedAt
        self.acknowledgedAt = acknowledgedAt
        nextStep = ReferralNextStep(form: form)
        whatHappensNext = nextStep.summary
    }
}
