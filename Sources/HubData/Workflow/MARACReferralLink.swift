import Foundation
import HubWorkflow

/// The MARAC referral an incident's `marac_referral` outcome stands for (`marac_referral_links`), as the incident
/// shows it.
public struct MARACReferralLink: Sendable, Codable, Hashable {
    /// The MARAC referral.
    public let referralId: UUID
    public let referralReference: String
    public let how: MARACLinkKind
    /// The discussion whose outcome made the link.
    public let discussionId: UUID
    public let linkedAt: Date
}

/// An incident whose `marac_referral` outcome stands for a MARAC referral, as the MARAC referral shows it.
public struct MARACOutcomeLink: Sendable, Codable, Hashable {
    public let incidentId: UUID
    public let incidentReference: String
    /// The referral the incident was opened from.
    public let referralId: UUID
    public let referralReference: String
    public let how: MARACLinkKind
    public let linkedAt: Date
}
