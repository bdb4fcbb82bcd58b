import Foundation
import HTTPTypes
import HubData
import HubWorkflow
import Hummingbird

/// `/api/v1/incidents`: the MASH board, one incident, re-rating and state changes, share requests, strategy
/// discussions (with the actions they agreed) and the timeline.
struct IncidentController {
    let useCases: UseCases
    /// Which agreed actions are overdue is worked out at the moment of the response.
    let clock: any WallClock

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("incidents", use: list)
        group.get("incidents/:id", use: read)
        group.patch("incidents/:id", use: patch)
        group.post("incidents/:id/share-requests", use: requestShares)
        group.post("incidents/:id/strategy-discussions", use: recordDiscussion)
        group.get("incidents/:id/timeline", use: timeline)
    }

    /// `GET /api/v1/incidents`'s query.
    struct BoardQuery: QueryDecodable {
        let filter: ListIncidents.Filter

        init(query: QueryReader) throws {
            filter = ListIncidents.Filter(
                rating: try query.value("rag"), state: try query.value("state"), breached: try query.value("breached"),
                limit: try query.limit())
        }
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Page<IncidentSummary> {
        let caller = try context.caller(for: ListIncidents.self)
        let query = try request.decodeQuery(as: BoardQuery.self)
        return Page(items: try await useCases.listIncidents(query.filter, by: caller))
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadIncident.self)
        let id = try context.parameters.require("id", as: UUID.self)
        return try respond(with: try await useCases.readIncident(id, purpose: Purpose.of(request), by: caller), status: .ok)
    }

    @Sendable func patch(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ChangeIncident.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let change = try await request.decode(as: IncidentPatch.self, context: context).change()
        return try respond(with: try await useCases.changeIncident(change, incidentId: id, expectedVersion: version, by: caller), status: .ok)
    }

    @Sendable func requestShares(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: AskToShare.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: ShareRequestsRequest.self, context: context)
        let stored = try await useCases.askToShare(body.agencies, incidentId: id, expectedVersion: version, by: caller)
        return try respond(with: stored, status: .created)
    }

    @Sendable func recordDiscussion(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: RecordStrategyDiscussion.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: StrategyDiscussion.self, context: context)
        let stored = try await useCases.recordStrategyDiscussion(body, incidentId: id, expectedVersion: version, by: caller)
        return try respond(with: stored, status: .created)
    }

    struct Timeline: ResponseCodable {
        let incidentId: UUID
        let events: [TimelineEntry]
    }

    @Sendable func timeline(request: Request, context: HubRequestContext) async throws -> Timeline {
        let caller = try context.caller(for: ReadTimeline.self)
        let id = try context.parameters.require("id", as: UUID.self)
        return Timeline(incidentId: id, events: try await useCases.readTimeline(incidentId: id, by: caller))
    }

    func respond(with stored: StoredIncident, status: HTTPResponse.Status) throws -> Response {
        try JSONResponse.encoding(IncidentView(stored, now: clock.now()), status: status, headers: [.eTag: ETag.value(stored.version)])
    }
}
