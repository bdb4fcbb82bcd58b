import Foundation
import HTTPTypes
import HubWorkflow
import Hummingbird

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

/// `PATCH /api/v1/incidents/{id}`: re-rate (rag + rationale), decide to hold a strategy discussion, or close.
struct IncidentPatch: Codable, Sendable {
    let rag: RAGRating?
    let rationale: String?
    let holdStrategyDiscussion: Bool?
    let state: IncidentState?
}

/// `POST /api/v1/incidents/{id}/share-requests`.
struct ShareRequestsRequest: Codable, Sendable {
    let agencies: [String]
}

/// The purpose a client gives for looking at personal data: the `X-Hub-Purpose` header or `purpose` query.
enum Purpose {
    /// The purpose of a request: its `X-Hub-Purpose` header, else its `purpose` query parameter.
    static func of(_ request: Request) -> String? {
        of(request.headers, query: request.uri.queryParameters["purpose"].map(String.init))
    }

    static func of(_ headers: HTTPFields, query: String?) -> String? {
        let value = headers[HTTPField.Name("X-Hub-Purpose")!] ?? query
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return String(value.prefix(500))
    }
}
