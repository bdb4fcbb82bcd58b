import Foundation
import HubWorkflow

/// A referral as stored: the validated referral plus its identity, status and decisions.
public struct StoredReferral: Sendable, Codable, Hashable {
    public let id: UUID
    public let reference: String
    public let status: ReferralStatus
    public let version: Int
    public let createdAt: Date
    public let createdBy: String
    public let referral: Referral
    public let decisions: [StoredDecision]
    public let incidentId: UUID?
    public let incidentReference: String?
    /// On a MARAC referral: the incidents whose strategy discussion outcome (`marac_referral`) stands for it.
    public let maracOutcomes: [MARACOutcomeLink]
}

/// A threshold decision with who made it and, for a ratified one, who ratified it.
public struct StoredDecision: Sendable, Codable, Hashable {
    public let id: UUID
    public let decision: ThresholdDecision
    public let decidedBy: String
    public let decidedAt: Date
    public let ratification: Ratification?
    public let ratifiedBy: String?
    public let ratifiedAt: Date?
}

/// A line of the referral list.
public struct ReferralSummary: Sendable, Codable, Hashable {
    public let id: UUID
    public let reference: String
    public let form: ReferralForm
    public let service: SafeguardingService
    public let status: ReferralStatus
    public let receivedAt: Date
    public let localAuthority: String
    public let subjectCount: Int
    public let incidentReference: String?
}

/// Filters for the referral list, and a keyset cursor (the last row's receivedAt and id).
public struct ReferralFilter: Sendable {
    public var status: ReferralStatus?
    public var form: ReferralForm?
    public var from: Date?
    public var to: Date?
    /// The last referral of the previous page.
    public var after: KeysetPosition?
    public var limit: Int

    public init(status: ReferralStatus? = nil, form: ReferralForm? = nil, from: Date? = nil, to: Date? = nil,
                after: KeysetPosition? = nil, limit: Int = 50) {
        self.status = status
        self.form = form
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }
}
