import Foundation

/// A MARAC referral that might be the victim's live one: what ``MARACReferralMatching`` needs to judge it.
public struct MARACReferralCandidate: Sendable, Hashable {
    public let id: UUID
    public let reference: String
    public let receivedAt: Date
    public let status: ReferralStatus
    /// The state of the incident opened from it; nil when none was.
    public let incidentState: IncidentState?
    /// The victims it names.
    public let victims: [VictimIdentity]

    public init(
        id: UUID, reference: String, receivedAt: Date, status: ReferralStatus, incidentState: IncidentState?, victims: [VictimIdentity]
    ) {
        self.id = id
        self.reference = reference
        self.receivedAt = receivedAt
        self.status = status
        self.incidentState = incidentState
        self.victims = victims
    }
}
