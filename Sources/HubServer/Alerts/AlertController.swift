import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Priority alerts for the user's agency (and their own watchlist alerts), acknowledgement with a note, the
/// watchlist, and the rules (stored as data; administrators change them).
struct AlertController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }
    var database: Database { environment.database }

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

    struct AlertPage: Codable, Sendable {
        let items: [StoredAlert]
        let nextCursor: String?
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.readAlerts)
        let query = request.uri.queryParameters
        let state = try query["state"].map { text -> AlertStore.ListState in
            guard let state = AlertStore.ListState(rawValue: String(text)) else {
                throw Problem.badParameter("state", "must be one of open, acknowledged, all")
            }
            return state
        } ?? .open
        let limit = try ReferralController.limit(query["limit"].map(String.init))
        let before = try query["cursor"].map { try ReferralController.decodeCursor(String($0)) }
        let items = try await database.withConnection { connection in
            try await AlertStore(database: database).list(
                agency: actor.agencyCode, user: actor.userId, state: state, limit: limit, before: before.map { ($0.receivedAt, $0.id) },
                on: connection)
        }
        try await recorder.record(context, action: "alert.list", objectType: "alert", objectId: nil, purpose: Purpose.of(request),
                                  detail: ["state": state.rawValue, "count": String(items.count)])
        let next = items.count == limit ? items.last.map { ReferralController.encodeCursor($0.raisedAt, $0.id) } : nil
        return JSONResponse.make(try HubJSONEncoder.encode(AlertPage(items: items, nextCursor: next)), status: .ok)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.readAlerts)
        let id = try Self.alertId(context)
        guard let alert = try await database.withConnection({ connection in
            try await AlertStore(database: database).alert(id, agency: actor.agencyCode, user: actor.userId, on: connection)
        }) else { throw Problem.notFound("The alert") }
        try await recorder.record(context, action: "alert.read", objectType: "alert", objectId: id.uuidString.lowercased(),
                                  purpose: Purpose.of(request))
        return JSONResponse.make(try HubJSONEncoder.encode(alert), status: .ok)
    }

    @Sendable func acknowledge(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.readAlerts)
        let id = try Self.alertId(context)
        let body = try await request.decode(as: AlertAcknowledgementRequest.self, context: context)
        let note = body.note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(note.count) else {
            throw Problem.validation([.init(field: "note", message: "is required (up to 2,000 characters): say what was done")])
        }
        let now = environment.clock.now()
        let store = AlertStore(database: database)
        let alert: StoredAlert = try await database.transaction { connection in
            guard try await store.alert(id, agency: actor.agencyCode, user: actor.userId, on: connection) != nil else {
                throw Problem.notFound("The alert")
            }
            guard try await store.acknowledge(id, agency: actor.agencyCode, user: actor.userId, note: note, at: now, on: connection) else {
                throw Problem.conflict("The alert was already acknowledged for \(actor.agencyCode).")
            }
            try await recorder.record(context, on: connection, action: "alert.acknowledge", objectType: "alert",
                                      objectId: id.uuidString.lowercased())
            return try await store.alert(id, agency: actor.agencyCode, user: actor.userId, on: connection)!
        }
        return JSONResponse.make(try HubJSONEncoder.encode(alert), status: .ok)
    }

    static func alertId(_ context: HubRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw Problem.badParameter("id", "must be an alert id") }
        return id
    }

    // MARK: Rules

    struct RuleList: Codable, Sendable {
        let items: [AlertRule]
    }

    @Sendable func rules(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.requireIdentity()
        guard Permission.readAlerts.isGranted(to: actor.role) || Permission.manageAlertRules.isGranted(to: actor.role) else {
            throw Problem.forbidden("The role \(actor.role.rawValue) does not have the permission readAlerts.")
        }
        let rules = try await database.withConnection { try await AlertRuleStore(database: database).all(on: $0) }
        return JSONResponse.make(try HubJSONEncoder.encode(RuleList(items: rules)), status: .ok)
    }

    @Sendable func saveRule(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.manageAlertRules)
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
        var issues = rule.validate()
        let store = AlertRuleStore(database: database)
        try await database.transaction { connection in
            for agency in try await store.unknownAgencies(rule.notifyAgencies, on: connection) {
                issues.append(.init(field: "notifyAgencies", message: "\(agency) is not an agency"))
            }
            guard issues.isEmpty else { throw Problem.validation(issues) }
            try await store.save(rule, on: connection)
            try await recorder.record(context, on: connection, action: "alert_rule.save", objectType: "alert_rule", objectId: code,
                                      detail: ["condition": condition.rawValue, "enabled": String(rule.enabled)])
        }
        return JSONResponse.make(try HubJSONEncoder.encode(rule), status: .ok)
    }

    // MARK: Watchlist

    struct Watchlist: Codable, Sendable {
        let items: [WatchlistStore.Entry]
    }

    @Sendable func watchlist(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.searchTracker)
        let entries = try await WatchlistStore(database: database).entries(user: actor.userId)
        return JSONResponse.make(try HubJSONEncoder.encode(Watchlist(items: entries)), status: .ok)
    }

    @Sendable func follow(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.searchTracker)
        let body = try await request.decode(as: WatchlistEntryRequest.self, context: context)
        let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [ValidationIssue] = []
        if !(1...500).contains(reason.count) { issues.append(.init(field: "reason", message: "is required (up to 500 characters): say why you follow")) }
        let target: WatchlistStore.Target?
        switch (body.personId, body.uprn) {
        case let (person?, nil): target = .person(person)
        case let (nil, uprn?): target = .address(uprn)
        default:
            target = nil
            issues.append(.init(field: "personId", message: "give exactly one of personId and uprn"))
        }
        guard let target, issues.isEmpty else { throw Problem.validation(issues) }
        let entry: WatchlistStore.Entry
        do {
            entry = try await WatchlistStore(database: database).add(target, user: actor.userId, reason: reason, at: environment.clock.now())
        } catch WatchlistStore.AddError.unknownPerson {
            throw Problem.validation([.init(field: "personId", message: "is not a tracker person")])
        } catch WatchlistStore.AddError.unknownAddress {
            throw Problem.validation([.init(field: "uprn", message: "is not an address the tracker or gazetteer knows")])
        } catch WatchlistStore.AddError.alreadyWatched {
            throw Problem.conflict("You already follow this \(body.personId == nil ? "address" : "person").")
        }
        try await recorder.record(context, action: "watchlist.add", objectType: body.personId == nil ? "address" : "person",
                                  objectId: String(body.personId ?? body.uprn ?? 0), purpose: reason)
        return JSONResponse.make(try HubJSONEncoder.encode(entry), status: .created)
    }

    @Sendable func unfollow(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.require(.searchTracker)
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw Problem.badParameter("id", "must be a watchlist entry id") }
        guard try await WatchlistStore(database: database).remove(id, user: actor.userId, at: environment.clock.now()) else {
            throw Problem.notFound("The watchlist entry")
        }
        try await recorder.record(context, action: "watchlist.remove", objectType: "watchlist_entry", objectId: id.uuidString.lowercased())
        return .noContent
    }
}
