import Foundation
import HTTPTypes
import HubData
import HubWorkflow
import Hummingbird

/// Incidents: the MASH board, one incident, re-rating and state changes, share requests, strategy
/// discussions and the timeline.
struct IncidentController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }
    var incidents: IncidentStore { IncidentStore(database: environment.database) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("incidents", use: list)
        group.get("incidents/:id", use: read)
        group.patch("incidents/:id", use: patch)
        group.post("incidents/:id/share-requests", use: requestShares)
        group.post("incidents/:id/strategy-discussions", use: recordDiscussion)
        group.get("incidents/:id/timeline", use: timeline)
    }

    struct Board: ResponseCodable {
        let items: [IncidentSummary]
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Board {
        try context.require(.readReferrals)
        let query = request.uri.queryParameters
        let rating = try query["rag"].map { value -> RAGRating in
            guard let rating = RAGRating(rawValue: String(value)) else { throw Problem.badParameter("rag", "must be red, amber or green") }
            return rating
        }
        let state = try query["state"].map { value -> IncidentState in
            guard let state = IncidentState(rawValue: String(value)) else {
                throw Problem.badParameter("state", "must be one of \(IncidentState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return state
        }
        let breached = try query["breached"].map { value -> Bool in
            switch value { case "true": return true; case "false": return false
            default: throw Problem.badParameter("breached", "must be true or false") }
        }
        let items = try await incidents.list(
            rating: rating, state: state, breached: breached, limit: try ReferralController.limit(query["limit"].map(String.init)))
        try await recorder.record(context, action: "incident.list", objectType: "incident", objectId: nil, detail: ["count": "\(items.count)"])
        return Board(items: items)
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.readReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        return try await respond(with: id, context: context, request: request, status: .ok)
    }

    @Sendable func patch(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.writeReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: IncidentPatch.self, context: context)
        var change = IncidentStore.Change()
        var issues: [ValidationIssue] = []
        if let rag = body.rag {
            change.reRating = ReRating(rating: rag, rationale: body.rationale ?? "")
        } else if body.rationale != nil {
            issues.append(.init(field: "rag", message: "is required with a rationale"))
        }
        switch body.state {
        case nil: break
        case .closed?: change.close = true
        case let other?:
            issues.append(.init(field: "state", message: "only closed can be set here; \(other.rawValue) follows from share requests and strategy discussions"))
        }
        change.holdStrategyDiscussion = body.holdStrategyDiscussion ?? false
        if change.reRating == nil && !change.close && !change.holdStrategyDiscussion && issues.isEmpty {
            issues.append(.init(field: "rag", message: "nothing to change: send rag and rationale, holdStrategyDiscussion, or state"))
        }
        guard issues.isEmpty else { throw Problem.validation(issues) }
        try await incidents.change(
            incidentId: id, expectedVersion: version, change: change, actor: actor, now: environment.clock.now(),
            audit: recorder.event(context, action: "incident.update", objectType: "incident", objectId: id.uuidString.lowercased(),
                                  detail: ["rag": body.rag?.rawValue ?? "", "state": body.state?.rawValue ?? ""]))
        return try await respond(with: id, context: context, request: request, status: .ok, audit: false)
    }

    @Sendable func requestShares(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.writeReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: ShareRequestsRequest.self, context: context)
        guard !body.agencies.isEmpty else { throw Problem.validation([.init(field: "agencies", message: "name at least one agency")]) }
        try await incidents.requestShares(
            incidentId: id, expectedVersion: version, agencies: body.agencies, actor: actor, now: environment.clock.now(),
            audit: recorder.event(context, action: "incident.request_shares", objectType: "incident", objectId: id.uuidString.lowercased(),
                                  detail: ["agencies": body.agencies.sorted().joined(separator: ",")]))
        return try await respond(with: id, context: context, request: request, status: .created, audit: false)
    }

    @Sendable func recordDiscussion(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.writeReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: StrategyDiscussion.self, context: context)
        _ = try await incidents.recordDiscussion(
            incidentId: id, expectedVersion: version, discussion: body, actor: actor, now: environment.clock.now(),
            audit: recorder.event(context, action: "incident.discuss", objectType: "incident", objectId: id.uuidString.lowercased(),
                                  detail: ["kind": body.kind.rawValue, "outcome": body.outcome?.rawValue ?? "none"]))
        return try await respond(with: id, context: context, request: request, status: .created, audit: false)
    }

    struct Timeline: ResponseCodable {
        let incidentId: UUID
        let events: [TimelineEntry]
    }

    @Sendable func timeline(request: Request, context: HubRequestContext) async throws -> Timeline {
        try context.require(.readReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        guard let referralId = try await incidents.referralId(ofIncident: id) else { throw Problem.notFound("The incident") }
        let events = try await TimelineStore(database: environment.database).entries(referralId: referralId)
        try await recorder.record(context, action: "incident.timeline", objectType: "incident", objectId: id.uuidString.lowercased())
        return Timeline(incidentId: id, events: events)
    }

    private func respond(with id: UUID, context: HubRequestContext, request: Request, status: HTTPResponse.Status, audit: Bool = true) async throws -> Response {
        guard let stored = try await incidents.find(id: id) else { throw Problem.notFound("The incident") }
        if audit {
            try await recorder.record(
                context, action: "incident.read", objectType: "incident", objectId: id.uuidString.lowercased(),
                purpose: Purpose.of(request))
        }
        return JSONResponse.make(try HubJSONEncoder.encode(IncidentView(stored)), status: status, headers: [.eTag: ETag.value(stored.version)])
    }
}

/// An incident as the API shows it.
struct IncidentView: Codable, Sendable {
    let id: UUID
    let reference: String
    let referralId: UUID
    let referralReference: String
    let form: ReferralForm
    let service: SafeguardingService
    let localAuthority: String
    let rag: RAGRating
    let state: IncidentState
    let allowedActions: [IncidentAction]
    let openedAt: Date
    let closedAt: Date?
    let version: Int
    let breached: Bool
    let outcomeRecorded: Bool
    let ratings: [StoredIncident.RatingEntry]
    let shareRequests: [StoredShareRequest]
    let strategyDiscussions: [StoredStrategyDiscussion]
    let strategyDiscussionDueAt: Date?

    init(_ stored: StoredIncident) {
        id = stored.id
        reference = stored.reference
        referralId = stored.referralId
        referralReference = stored.referralReference
        form = stored.incident.form
        service = stored.incident.service
        localAuthority = stored.localAuthority
        rag = stored.incident.rating
        state = stored.incident.state
        allowedActions = stored.incident.state.allowedActions
        openedAt = stored.incident.openedAt
        closedAt = stored.closedAt
        version = stored.version
        breached = stored.breached
        outcomeRecorded = stored.strategyDiscussions.contains { $0.discussion.outcome != nil }
        ratings = stored.ratings
        shareRequests = stored.shareRequests
        strategyDiscussions = stored.strategyDiscussions
        strategyDiscussionDueAt = stored.strategyDiscussionDueAt
    }
}
