import Foundation

/// A referral as the client posts it, before validation. Call ``validate(now:timeZone:)`` for every
/// issue, or ``validated(now:timeZone:)`` for a ``Referral``.
public struct ReferralDraft: Sendable, Hashable, Codable {
    public var form: ReferralForm
    public var referrer: Referrer
    /// When the MASH received the concern (not when it was typed in).
    public var receivedAt: Date
    public var channel: ReferralChannel
    public var subjects: [SubjectDraft]
    public var concern: Concern
    public var consent: Consent
    /// The local authority whose area the subjects live in (as the database names it).
    public var localAuthority: String
    /// DASH total 0…27 (PPN, MARAC); either this or `dashAnswers`.
    public var dashScore: Int?
    /// The 27 DASH answers in checklist order (PPN, MARAC); either this or `dashScore`.
    public var dashAnswers: [Bool]?

    public init(
        form: ReferralForm, referrer: Referrer, receivedAt: Date, channel: ReferralChannel,
        subjects: [SubjectDraft], concern: Concern, consent: Consent, localAuthority: String,
        dashScore: Int? = nil, dashAnswers: [Bool]? = nil
    ) {
        self.form = form
        self.referrer = referrer
        self.receivedAt = receivedAt
        self.channel = channel
        self.subjects = subjects
        self.concern = concern
        self.consent = consent
        self.localAuthority = localAuthority
        self.dashScore = dashScore
        self.dashAnswers = dashAnswers
    }
}
