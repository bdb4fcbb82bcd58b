import Foundation
import HubWorkflow

/// One entry of the audit trail: who did what to which object, when, why, and how it ended.
public struct AuditEvent: Sendable, Hashable {
    public enum Outcome: String, Sendable, Codable {
        case success, denied, failed
    }

    public var occurredAt: Date
    public var requestId: String?
    public var actor: Identity?
    /// A verb in dotted form: `referral.read`, `referral.create`, `tracker.search`, `session.create`.
    public var action: String
    /// What was acted on: `referral`, `incident`, `person`, `user`.
    public var objectType: String
    public var objectId: String?
    /// Why the user looked: required for searches and person views.
    public var purpose: String?
    public var outcome: Outcome
    /// Extra facts that are not personal data (counts, fields changed, the reason for a denial).
    public var detail: [String: String]

    public init(
        occurredAt: Date, requestId: String?, actor: Identity?, action: String, objectType: String,
        objectId: String?, purpose: String? = nil, outcome: Outcome = .success, detail: [String: String] = [:]
    ) {
        self.occurredAt = occurredAt
        self.requestId = requestId
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.purpose = purpose
        self.outcome = outcome
        self.detail = detail
    }
}
