import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// `/api/v1/share-requests`: a partner sees and answers only its own agency's; the MASH sees all, chases, and records
/// the answers other agencies gave it by phone, email, a meeting or a letter on their behalf (`response-on-behalf`).
struct ShareRequestController {
    let useCases: UseCases

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("share-requests", use: list)
        group.get("share-requests/:id", use: read)
        group.post("share-requests/:id/response", use: respond)
        group.post("share-requests/:id/response-on-behalf", use: respondOnBehalf)
        group.post("share-requests/:id/chase", use: chase)
    }

    /// `GET /api/v1/share-requests`'s query.
    struct InboxQuery: QueryDecodable {
        let state: ShareRequestState?
        let limit: Int

        init(query: QueryReader) throws {
            state = try query.value("state")
            limit = try query.limit()
        }
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Page<PartnerShareRequest> {
        let caller = try context.caller(for: ListShareRequests.self)
        let query = try request.decodeQuery(as: InboxQuery.self)
        return Page(items: try await useCases.listShareRequests(state: query.state, limit: query.limit, by: caller))
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadShareRequest.self)
        let id = try context.parameters.require("id", as: UUID.self)
        return try JSONResponse.encoding(try await useCases.readShareRequest(id, purpose: Purpose.of(request), by: caller))
    }

    struct Answered: ResponseCodable {
        let id: UUID
        let answeredOnTime: Bool
    }

    @Sendable func respond(request: Request, context: HubRequestContext) async throws -> EditedResponse<Answered> {
        let caller = try context.caller(for: AnswerShareRequest.self)
        let id = try context.parameters.require("id", as: UUID.self)
        try await useCases.answerShareRequest.authorize(id, by: caller)
        let response = try await request.decode(as: ShareResponse.self, context: context)
        let onTime = try await useCases.answerShareRequest(response, to: id, by: caller)
        return EditedResponse(status: .created, response: Answered(id: id, answeredOnTime: onTime))
    }

    /// The body is an answer as `/response` takes it, with how it came (`channel`), who at the agency gave it
    /// (`contactName`) and when it was received (`receivedAt`).
    @Sendable func respondOnBehalf(request: Request, context: HubRequestContext) async throws -> EditedResponse<Answered> {
        let caller = try context.caller(for: RecordAnswerOnBehalf.self)
        let id = try context.parameters.require("id", as: UUID.self)
        try await useCases.recordAnswerOnBehalf.authorize(id, by: caller)
        let answer = try await request.decode(as: AnswerOnBehalf.self, context: context)
        let onTime = try await useCases.recordAnswerOnBehalf(answer, to: id, by: caller)
        return EditedResponse(status: .created, response: Answered(id: id, answeredOnTime: onTime))
    }

    @Sendable func chase(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.caller(for: ChaseShareRequest.self)
        let id = try context.parameters.require("id", as: UUID.self)
        try await useCases.chaseShareRequest(id, by: caller)
        return .noContent
    }
}
