import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// `/api/v1/alerts`, `/api/v1/alert-rules`, `/api/v1/watchlist`: priority alerts for the user's agency (and their
/// own watchlist alerts), acknowledgement with a note, the watchlist, and the rules (stored as data;
/// administrators change them).
struct AlertController {
    let useCases: UseCases

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("alerts", use: list)
        group.get("alerts/:id", use: show)
        group.post("alerts/:id/acknowledgement", use: acknowledge)
        group.get("alert-rules", use: rules)
        group.put("alert-rules/:code", use: saveRule)
        group.get("watchlist", use: watchlist)
        group.post("watchlist", use: follow)
        group.delete("watchlist/:id", use: unfollow)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ListAlerts.self)
        let query = QueryReader(request)
        let state = try query.value("state", as: AlertStore.ListState.self) ?? .open
        let limit = try query.limit()
        let before = try query.cursor()
        let items = try await useCases.listAlerts(state: state, limit: limit, before: before?.position,
                                                  purpose: Purpose.of(request), by: caller)
        return try JSONResponse.encoding(Page(items: items, limit: limit) { PageCursor(at: $0.raisedAt, id: $0.id) })
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadAlert.self)
        let id = try Self.id(context, "must be an alert id")
        return try JSONResponse.encoding(try await useCases.readAlert(id, purpose: Purpose.of(request), by: caller))
    }

    @Sendable func acknowledge(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: AcknowledgeAlert.self)
        let id = try Self.id(context, "must be an alert id")
        let body = try await request.decode(as: AlertAcknowledgementRequest.self, context: context)
        return try JSONResponse.encoding(try await useCases.acknowledgeAlert(id, note: body.note, by: caller))
    }

    static func id(_ context: HubRequestContext, _ message: String) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw Problem.badParameter("id", message) }
        return id
    }

    // MARK: Rules

    @Sendable func rules(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ListAlertRules.self)
        return try JSONResponse.encoding(Page(items: try await useCases.listAlertRules(by: caller)))
    }

    @Sendable func saveRule(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: SaveAlertRule.self)
        let code = try context.parameters.require("code")
        let body = try await request.decode(as: AlertRuleRequest.self, context: context)
        guard code.range(of: "^[a-z][a-z0-9_]{1,60}$", options: .regularExpression) != nil else {
            throw Problem.badParameter("code", "must be 2–61 lower-case letters, digits or underscores, starting with a letter")
        }
        guard let condition = AlertCondition(rawValue: body.condition) else {
            throw Problem.validation([.init(field: "condition", message: "must be one of "
                + AlertCondition.allCases.map(\.rawValue).joined(separator: ", "))])
        }
        let rule = AlertRule(code: code, title: body.title.trimmingCharacters(in: .whitespacesAndNewlines), condition: condition,
                             parameters: body.parameters, notifyAgencies: body.notifyAgencies, explanation: body.explanation,
                             enabled: body.enabled ?? true)
        return try JSONResponse.encoding(try await useCases.saveAlertRule(rule, by: caller))
    }

    // MARK: Watchlist

    @Sendable func watchlist(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ListWatchlist.self)
        return try JSONResponse.encoding(Page(items: try await useCases.listWatchlist(by: caller)))
    }

    @Sendable func follow(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: FollowOnWatchlist.self)
        let body = try await request.decode(as: WatchlistEntryRequest.self, context: context)
        let entry = try await useCases.followOnWatchlist(personId: body.personId, uprn: body.uprn, reason: body.reason, by: caller)
        return try JSONResponse.encoding(entry, status: .created)
    }

    @Sendable func unfollow(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.caller(for: StopFollowing.self)
        let id = try Self.id(context, "must be a watchlist entry id")
        try await useCases.stopFollowing(id, by: caller)
        return .noContent
    }
}

extension AlertStore.ListState: QueryValue {
    init?(queryValue: String) { self.init(rawValue: queryValue) }
    static var expectation: String { "must be one of open, acknowledged, all" }
}
