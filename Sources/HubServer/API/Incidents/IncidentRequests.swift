import Foundation
import HubWorkflow

/// `PATCH /api/v1/incidents/{id}`: re-rate (rag + rationale), decide to hold a strategy discussion, or close
/// (`state: closed`, with the `closure`: its outcome and reason when no strategy discussion's outcome is recorded,
/// and for an adult whether the risk was reduced, removed or remains).
struct IncidentPatch: Codable, Sendable {
    let rag: RAGRating?
    let rationale: String?
    let holdStrategyDiscussion: Bool?
    let state: IncidentState?
    let closure: IncidentClosure?

    /// The change asked for, or the problems with the request, field by field.
    func change() throws -> ChangeIncident.Request {
        var change = ChangeIncident.Request()
        var issues: [ValidationIssue] = []
        if let rag {
            change.reRating = ReRating(rating: rag, rationale: rationale ?? "")
        } else if rationale != nil {
            issues.append(.init(field: "rag", message: "is required with a rationale"))
        }
        switch state {
        case nil: break
        case .closed?: change.closure = closure ?? IncidentClosure()
        case let other?:
            issues.append(.init(field: "state", message: "only closed can be set here; \(other.rawValue) follows from share requests and strategy discussions"))
        }
        if closure != nil && state != .closed {
            issues.append(.init(field: "state", message: "must be closed when a closure is sent"))
        }
        change.holdStrategyDiscussion = holdStrategyDiscussion ?? false
        if change.holdStrategyDiscussion && state == .closed {
            issues.append(.init(field: "holdStrategyDiscussion", message: "cannot be asked for when closing the incident"))
        }
        if change.reRating == nil && change.closure == nil && !change.holdStrategyDiscussion && issues.isEmpty {
            issues.append(.init(field: "rag", message: "nothing to change: send rag and rationale, holdStrategyDiscussion, or state"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return change
    }
}

/// `POST /api/v1/incidents/{id}/share-requests`.
struct ShareRequestsRequest: Codable, Sendable {
    let agencies: [String]
}
