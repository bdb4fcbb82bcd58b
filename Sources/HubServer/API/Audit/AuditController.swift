import Foundation
import HubData
import Hummingbird

/// `GET /api/v1/audit-events`: administrators read the audit trail (itself an audited read).
struct AuditController {
    let useCases: UseCases

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("audit-events", use: list)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Page<StoredAuditEvent> {
        let caller = try context.caller(for: ReadAuditTrail.self)
        let query = QueryReader(request)
        let limit = try query.limit(default: 100, range: 1...1000)
        let object = zip(query.string("objectType"), query.string("objectId")).map { (type: $0, id: $1) }
        return Page(items: try await useCases.readAuditTrail(object: object, limit: limit, by: caller))
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
