import Foundation
import HTTPTypes
import HubData
import HubWorkflow
import Hummingbird

/// `/api/v1/sla-policies`: which calendar policy each SLA clock counts under (share requests by RAG rating, the
/// strategy discussion); administrators read and change it. A change needs the current ETag in `If-Match`.
struct SLAPolicyController {
    let useCases: UseCases

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("sla-policies", use: read)
        group.put("sla-policies", use: change)
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadSLAPolicies.self)
        return try Self.respond(with: try await useCases.readSLAPolicies(by: caller))
    }

    @Sendable func change(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ChangeSLAPolicies.self)
        let version = try ETag.requiredVersion(request)
        let choice = try await request.decode(as: SLAClockPolicyChoice.self, context: context)
        return try Self.respond(with: try await useCases.changeSLAPolicies(choice, expectedVersion: version, by: caller))
    }

    static func respond(with settings: SLAPolicySettings) throws -> Response {
        try JSONResponse.encoding(SLAPoliciesView(settings), headers: [.eTag: ETag.value(settings.stored.version)])
    }
}
