import Foundation
import HubWorkflow

/// An action agreed at a strategy discussion, as stored: the action as it stands, its incident and discussion, who
/// marked it done, and its version (for `If-Match`).
public struct StoredStrategyAction: Sendable, Codable, Hashable {
    public let id: UUID
    public let incidentId: UUID
    public let incidentReference: String
    public let discussionId: UUID
    /// When the discussion that agreed it was held.
    public let agreedAt: Date
    public let action: StrategyAction
    /// The username of whoever marked it done, and their agency's code; nil while open.
    public let doneBy: String?
    public let doneByAgency: String?
    public let version: Int

    public init(
        id: UUID, incidentId: UUID, incidentReference: String, discussionId: UUID, agreedAt: Date, action: StrategyAction,
        doneBy: String?, doneByAgency: String?, version: Int
    ) {
        self.id = id
        self.incidentId = incidentId
        self.incidentReference = incidentReference
        self.discussionId = discussionId
        self.agreedAt = agreedAt
        self.action = action
        self.doneBy = doneBy
        self.doneByAgency = doneByAgency
        self.version = version
    }
}
