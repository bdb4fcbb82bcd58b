import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Share requests: a partner sees and answers only its own agency's; the MASH sees all and chases.
struct ShareRequestController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }
    var store: ShareRequestStore { ShareRequestStore(database: environment.database) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("share-requests", use: list)
        group.get("share-requests/:id", use: read)
        group.post("share-requests/:id/response", use: respond)
        group.post("share-requests/:id/chase", use: chase)
    }

    struct Page: ResponseCodable {
        let items: [PartnerShareRequest]
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Page {
        let actor = try context.require(.readShareRequests)
        let query = request.uri.queryParameters
        let state = try query["state"].map { value -> ShareRequestState in
            guard let state = ShareRequestState(rawValue: String(value)) else { throw Problem.badParameter("state", "must be requested or answered") }
            return state
        }
        // A partner sees its own agency's requests only; MASH roles see every agency's.
        let agencyId: UUID? = actor.role.seesPersonalData ? nil : actor.agencyId
        let items = try await store.list(agencyId: agencyId, state: state, limit: try ReferralController.limit(query["limit"].map(String.init)))
        try await recorder.record(context, action: "share_request.list", objectType: "share_request", objectId: nil,
                                  detail: ["count": "\(items.count)"])
        return Page(items: items)
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.readShareRequests)
        let id = try context.parameters.require("id", as: UUID.self)
        try await checkAgency(of: id, actor: actor)
        guard let item = try await store.find(id: id) else { throw Problem.notFound("The share request") }
        try await recorder.record(context, action: "share_request.read", objectType: "share_request", objectId: id.uuidString.lowercased(),
                                  purpose: Purpose.of(request))
        return JSONResponse.make(try HubJSONEncoder.encode(item), status: .ok)
    }

    struct Answered: ResponseCodable {
        let id: UUID
        let answeredOnTime: Bool
    }

    @Sendable func respond(request: Request, context: HubRequestContext) async throws -> EditedResponse<Answered> {
        let actor = try context.require(.answerShareRequests)
        let id = try context.parameters.require("id", as: UUID.self)
        try await checkAgency(of: id, actor: actor)
        let response = try await request.decode(as: ShareResponse.self, context: context).validated()
        let onTime = try await store.respond(
            id: id, response: response, actor: actor, now: environment.clock.now(),
            audit: recorder.event(context, action: "share_request.respond", objectType: "share_request", objectId: id.uuidString.lowercased(),
                                  detail: ["response": response.kind.rawValue]))
        return EditedResponse(status: .created, response: Answered(id: id, answeredOnTime: onTime))
    }

    @Sendable func chase(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.require(.writeReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        try await store.chase(
            id: id, actor: actor, now: environment.clock.now(),
            audit: recorder.event(context, action: "share_request.chase", objectType: "share_request", objectId: id.uuidString.lowercased()))
        return .noContent
    }

    /// Partners act on their own agency's requests only (403 otherwise, and audited as denied).
    private func checkAgency(of id: UUID, actor: Identity) async throws {
        guard let agencyId = try await store.agencyId(of: id) else { throw Problem.notFound("The share request") }
        if !actor.role.seesPersonalData && agencyId != actor.agencyId {
            throw Problem.forbidden("This share request is addressed to another agency.")
        }
    }
}
