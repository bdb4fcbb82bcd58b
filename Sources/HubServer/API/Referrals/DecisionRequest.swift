import Foundation
import HubWorkflow

/// `POST /api/v1/referrals/{id}/decision`.
struct DecisionRequest: Codable, Sendable {
    let kind: ThresholdDecisionKind
    let rationale: String
    let ragRating: RAGRating?
    /// Agencies asked for information at once (meets threshold only).
    let shareWith: [String]?
    /// Starts the 24-hour strategy discussion clock (meets threshold only).
    let holdStrategyDiscussion: Bool?

    var decision: ThresholdDecision { ThresholdDecision(kind: kind, rationale: rationale, ragRating: ragRating) }
}
