import Foundation

/// A referral that has passed validation, with its service and DASH risk level derived. Obtain one
/// from ``ReferralDraft/validated(now:timeZone:)``.
public struct Referral: Sendable, Hashable, Codable {
    public let form: ReferralForm
    public let referrer: Referrer
    public let receivedAt: Date
    public let channel: ReferralChannel
    public let subjects: [ReferralSubject]
    public let concern: Concern
    public let consent: Consent
    public let localAuthority: String
    /// The triaging service, derived from the form and the subjects' roles.
    public let service: SafeguardingService
    /// Present on a PPN, and on a MARAC referral when given.
    public let dash: DASHAssessment?

    /// The DASH risk level, when the referral carries a DASH checklist.
    public var dashRiskLevel: DASHRiskLevel? { dash?.riskLevel }

    /// Rebuilds a referral from trusted storage; does not validate (use
    /// ``ReferralDraft/validated(now:timeZone:)`` for input). The service is derived, not given.
    public init(
        form: ReferralForm, referrer: Referrer, receivedAt: Date, channel: ReferralChannel,
        subjects: [ReferralSubject], concern: Concern, consent: Consent, localAuthority: String,
        dash: DASHAssessment?
    ) {
        self.form = form
        self.referrer = referrer
        self.receivedAt = receivedAt
        self.channel = channel
        self.subjects = subjects
        self.concern = concern
        self.consent = consent
        self.localAuthority = localAuthority
        self.service = form.service(forSubjectRoles: subjects.map(\.role))
        self.dash = dash
    }
}
