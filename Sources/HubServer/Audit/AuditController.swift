import Foundation
import HubData
import Hummingbird

/// `GET /api/v1/audit-events`: administrators read the audit trail (itself an audited read).
struct AuditController {
    let environment: AppEnvironment

    struct Page: ResponseCodable {
        let items: [StoredAuditEvent]
    }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("audit-events", use: list)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Page {
        try context.require(.readAudit)
        let query = request.uri.queryParameters
        let limit = try query["limit"].map { value -> Int in
            guard let limit = Int(value), (1...1000).contains(limit) else { throw Problem.badParameter("limit", "must be 1–1000") }
            return limit
        } ?? 100
        let events: [StoredAuditEvent]
        if let type = query["objectType"], let id = query["objectId"] {
            events = try await environment.audit.events(objectType: String(type), objectId: String(id), limit: limit)
        } else {
            events = try await environment.audit.recent(limit: limit)
        }
        try await AuditRecorder(trail: environment.audit, clock: environment.clock)
            .record(context, action: "audit.read", objectType: "audit_event", objectId: nil, detail: ["count": "\(events.count)"])
        return Page(items: events)
    }
}
