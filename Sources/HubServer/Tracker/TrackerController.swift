import Foundation
import HubData
import HubTracker
import HubWorkflow
import Hummingbird
import NIOCore

/// The tracker for the MASH: search (purpose required, audited), person and address views (audited with
/// the `X-Hub-Purpose`), link reviews; and the administrator's upload of a partner extract.
struct TrackerController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("tracker/search", use: search)
        group.get("tracker/persons/:id", use: person)
        group.get("tracker/addresses/:uprn", use: address)
        group.get("tracker/reviews", use: reviews)
        group.post("tracker/reviews/:id", use: decide)
        group.post("feeds", use: upload)
    }

    /// The first day of the rolling 12-month window ending today.
    var windowStart: String { CalendarDay(environment.clock.now()).months(before: 12).description }

    @Sendable func search(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.searchTracker)
        let body = try await request.decode(as: TrackerSearchRequest.self, context: context)
        guard let purpose = body.purpose?.trimmingCharacters(in: .whitespacesAndNewlines), !purpose.isEmpty else {
            throw Problem.validation([.init(field: "purpose", message: "is required: say why you are searching")])
        }
        let limit = body.limit ?? 20
        guard (1...100).contains(limit) else { throw Problem.validation([.init(field: "limit", message: "must be 1–100")]) }
        let terms: TrackerSearchTerms
        do { terms = try body.criteria.terms(limit: limit) } catch let invalid as TrackerSearchCriteria.Invalid {
            throw Problem.validation([.init(field: invalid.field, message: invalid.message)])
        }
        // The search and its audit event (the criteria used, not their values, and the persons shown) commit together.
        let (store, recorder, criteria) = (TrackerSearchStore(database: environment.database), recorder, body.criteriaNames)
        let hits = try await environment.database.transaction { connection in
            let hits = try await store.search(terms, on: connection)
            try await recorder.record(
                context, on: connection, action: "tracker.search", objectType: "person", objectId: nil, purpose: String(purpose.prefix(500)),
                detail: ["criteria": criteria.joined(separator: ","), "persons": String(hits.count),
                         "person_ids": hits.map { String($0.personId) }.joined(separator: ",")])
            return hits
        }
        return JSONResponse.make(try HubJSONEncoder.encode(TrackerSearchResponse(hits: hits)), status: .ok)
    }

    static func purpose(_ request: Request) throws -> String {
        guard let purpose = Purpose.of(request) else {
            throw Problem.validation([.init(field: "X-Hub-Purpose", message: "is required: say why you are looking")])
        }
        return purpose
    }

    @Sendable func person(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.searchTracker)
        guard let id = Int64(try context.parameters.require("id")) else { throw Problem.badParameter("id", "must be a person id") }
        let purpose = try Self.purpose(request)
        guard let view = try await TrackerPersonStore(database: environment.database).person(id, since: windowStart) else {
            throw Problem.notFound("The person")
        }
        try await recorder.record(context, action: "tracker.person.read", objectType: "person", objectId: String(id), purpose: purpose,
                                  detail: ["records": String(view.identities.count)])
        return JSONResponse.make(try HubJSONEncoder.encode(view), status: .ok)
    }

    @Sendable func address(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.searchTracker)
        guard let uprn = Int64(try context.parameters.require("uprn")), uprn > 0 else { throw Problem.badParameter("uprn", "must be a UPRN") }
        let purpose = try Self.purpose(request)
        guard let view = try await TrackerPersonStore(database: environment.database).address(uprn: uprn, since: windowStart) else {
            throw Problem.notFound("The address")
        }
        try await recorder.record(context, action: "tracker.address.read", objectType: "address", objectId: String(uprn), purpose: purpose,
                                  detail: ["persons": String(view.members.count)])
        return JSONResponse.make(try HubJSONEncoder.encode(view), status: .ok)
    }

    struct ReviewPage: Codable, Sendable {
        let items: [TrackerReviewView]
    }

    @Sendable func reviews(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.searchTracker)
        let limit = try ReferralController.limit(request.uri.queryParameters["limit"].map(String.init))
        let items = try await TrackerReviewStore(database: environment.database).pending(limit: limit)
        try await recorder.record(context, action: "tracker.review.list", objectType: "link_review", objectId: nil,
                                  purpose: Purpose.of(request.headers, query: nil), detail: ["count": String(items.count)])
        return JSONResponse.make(try HubJSONEncoder.encode(ReviewPage(items: items.map(TrackerReviewView.init))), status: .ok)
    }

    @Sendable func decide(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.require(.searchTracker)
        guard let id = Int64(try context.parameters.require("id")) else { throw Problem.badParameter("id", "must be a review id") }
        let body = try await request.decode(as: TrackerReviewDecisionRequest.self, context: context)
        guard let decision = TrackerReviewStore.Decision(rawValue: body.decision) else {
            throw Problem.validation([.init(field: "decision", message: "must be confirm or reject")])
        }
        do {
            try await TrackerReviewStore(database: environment.database).decide(
                id, decision: decision, by: actor.userId, at: environment.clock.now(),
                audit: recorder.event(context, action: "tracker.review.\(decision.rawValue)", objectType: "link_review", objectId: String(id)))
        } catch TrackerReviewStore.DecisionError.notFound {
            throw Problem.notFound("The review")
        } catch TrackerReviewStore.DecisionError.alreadyDecided(let status) {
            throw Problem.conflict("The review is already \(status).")
        }
        return .noContent
    }

    /// `POST /api/v1/feeds?fileName=…&extractDate=YYYY-MM-DD`: the extract as the body (text/csv), streamed to a
    /// temporary file and imported as `hub feed import` does.
    @Sendable func upload(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.importFeeds)
        let query = request.uri.queryParameters
        var extractDate = CalendarDay(environment.clock.now())
        if let text = query["extractDate"] {
            guard case .day(let day) = CalendarDay.parse(String(text)) else { throw Problem.badParameter("extractDate", "must be YYYY-MM-DD") }
            extractDate = day
        }
        let fileName = query["fileName"].map(String.init) ?? "upload.csv"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hub-feed-\(UUID().uuidString).csv")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw Problem.internalError() }
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        do {
            for try await buffer in request.body { try handle.write(contentsOf: Data(buffer.readableBytesView)) }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        do {
            let report = try await FeedImporter(database: environment.database).importFile(
                at: url, fileName: fileName, extractDate: extractDate, actor: actor, operator: actor.username,
                now: environment.clock.now(), requestId: context.requestId)
            return JSONResponse.make(try HubJSONEncoder.encode(report), status: report.alreadyImported ? .ok : .created)
        } catch let rejection as FeedRejection {
            throw Problem.validation([.init(field: "file", message: rejection.reason)], detail: rejection.description)
        }
    }
}
