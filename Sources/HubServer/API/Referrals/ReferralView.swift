import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// A referral as the API shows it.
struct ReferralView: ResponseCodable {
    let id: UUID
    let reference: String
    let status: ReferralStatus
    let version: Int
    let createdAt: Date
    let createdBy: String
    let form: ReferralForm
    let service: SafeguardingService
    let receivedAt: Date
    let channel: ReferralChannel
    let localAuthority: String
    let referrer: Referrer
    let subjects: [ReferralSubject]
    let concern: Concern
    let consent: Consent
    let dash: DASHAssessment?
    let decisions: [StoredDecision]
    let awaitingRatification: Bool
    let incident: IncidentLink?
    /// On a MARAC referral, the incidents whose strategy discussion outcome (`marac_referral`) stands for it; absent when
    /// none does.
    let maracOutcomes: [MARACOutcome]?
    /// The tracker's candidate persons per subject (on a single referral's read).
    var tracker: [ReferralTrackerPanel]?
    /// The feedback clock the decision started and the feedback given to the referrer (on a single referral's read;
    /// absent before a decision).
    var feedbackClock: FeedbackClockView?
    var feedback: [FeedbackView]?
    /// The reference, the times and what happens next (only in the response that created the referral).
    var acknowledgement: ReferralAcknowledgement?

    struct IncidentLink: Codable, Sendable {
        let id: UUID
        let reference: String
    }

    struct ReferralLink: Codable, Sendable {
        let id: UUID
        let reference: String
    }

    /// An incident whose outcome stands for this MARAC referral, the referral it was opened from, and how: the outcome
    /// raised this referral (`created`), found it (`linked`), or the incident was opened from it (`originating`).
    struct MARACOutcome: Codable, Sendable {
        let incident: IncidentLink
        let referral: ReferralLink
        let how: MARACLinkKind
        let linkedAt: Date
    }

    init(_ stored: StoredReferral) {
        id = stored.id
        reference = stored.reference
        status = stored.status
        version = stored.version
        createdAt = stored.createdAt
        createdBy = stored.createdBy
        form = stored.referral.form
        service = stored.referral.service
        receivedAt = stored.referral.receivedAt
        channel = stored.referral.channel
        localAuthority = stored.referral.localAuthority
        referrer = stored.referral.referrer
        subjects = stored.referral.subjects
        concern = stored.referral.concern
        consent = stored.referral.consent
        dash = stored.referral.dash
        decisions = stored.decisions
        awaitingRatification = stored.status == .awaitingRatification
        incident = zip(stored.incidentId, stored.incidentReference).map { IncidentLink(id: $0, reference: $1) }
        maracOutcomes = stored.maracOutcomes.isEmpty ? nil : stored.maracOutcomes.map {
            MARACOutcome(incident: IncidentLink(id: $0.incidentId, reference: $0.incidentReference),
                         referral: ReferralLink(id: $0.referralId, reference: $0.referralReference), how: $0.how, linkedAt: $0.linkedAt)
        }
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
