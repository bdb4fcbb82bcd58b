import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// `/api/v1/actions`: actions agreed at strategy discussions. A partner lists, reads and completes only its own
/// agency's; the MASH sees every agency's (the overdue ones with `state=overdue`) and may complete one for its agency.
struct ActionController {
    let useCases: UseCases
    let clock: any WallClock

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("actions", use: list)
        group.get("actions/:id", use: read)
        group.post("actions/:id/completion", use: complete)
    }

    /// `GET /api/v1/actions`'s query.
    struct ListQuery: QueryDecodable {
        let state: StrategyActionList.State
        let limit: Int
        let cursor: PageCursor?

        init(query: QueryReader) throws {
            state = try query.value("state") ?? .open
            limit = try query.limit()
            cursor = try query.cursor()
        }
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ListActions.self)
        let query = try request.decodeQuery(as: ListQuery.self)
        let (items, list) = try await useCases.listActions(
            state: query.state, limit: query.limit, after: query.cursor?.position, purpose: Purpose.of(request), by: caller)
        let now = clock.now()
        let page = Page(items: items, limit: query.limit) { PageCursor(list.position(of: $0)) }
        return try JSONResponse.encoding(Page(items: page.items.map { ActionView($0, now: now) }, nextCursor: page.nextCursor))
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadAction.self)
        let id = try context.parameters.require("id", as: UUID.self)
        return try Self.respond(with: try await useCases.readAction(id, purpose: Purpose.of(request), by: caller), now: clock.now())
    }

    @Sendable func complete(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: CompleteAction.self)
        let id = try context.parameters.require("id", as: UUID.self)
        try await useCases.completeAction.authorize(id, by: caller)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: ActionCompletionRequest.self, context: context)
        let stored = try await useCases.completeAction(note: body.note, to: id, expectedVersion: version, by: caller)
        return try Self.respond(with: stored, now: clock.now())
    }

    static func respond(with stored: StoredStrategyAction, now: Date) throws -> Response {
        try JSONResponse.encoding(ActionView(stored, now: now), headers: [.eTag: ETag.value(stored.version)])
    }
}

extension StrategyActionList.State: QueryValue {
    init?(queryValue: String) { self.init(rawValue: queryValue) }
    static var expectation: String { "must be open, overdue or done" }
}
