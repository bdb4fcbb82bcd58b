import Foundation
import HubData
import HubTracker
import HubWorkflow
import Hummingbird
import NIOCore

/// `/api/v1/tracker` for the MASH: search (purpose required, audited), person and address views (audited with
/// the `X-Hub-Purpose`), link reviews; and `/api/v1/feeds`, the administrator's upload of a partner extract.
struct TrackerController {
    let useCases: UseCases

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("tracker/search", use: search)
        group.get("tracker/persons/:id", use: person)
        group.get("tracker/addresses/:uprn", use: address)
        group.get("tracker/reviews", use: reviews)
        group.post("tracker/reviews/:id", use: decide)
        group.post("feeds", use: upload)
    }

    @Sendable func search(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: SearchTracker.self)
        let body = try await request.decode(as: TrackerSearchRequest.self, context: context)
        let hits = try await useCases.searchTracker(body.criteria, purpose: body.purpose, limit: body.limit, by: caller)
        return try JSONResponse.encoding(TrackerSearchResponse(hits: hits))
    }

    @Sendable func person(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadTrackerPerson.self)
        guard let id = Int64(try context.parameters.require("id")) else { throw Problem.badParameter("id", "must be a person id") }
        let purpose = try Purpose.required(request)
        return try JSONResponse.encoding(try await useCases.readTrackerPerson(id, purpose: purpose, by: caller))
    }

    @Sendable func address(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadTrackerAddress.self)
        guard let uprn = Int64(try context.parameters.require("uprn")), uprn > 0 else { throw Problem.badParameter("uprn", "must be a UPRN") }
        let purpose = try Purpose.required(request)
        return try JSONResponse.encoding(try await useCases.readTrackerAddress(uprn: uprn, purpose: purpose, by: caller))
    }

    @Sendable func reviews(request: Request, context: HubRequestContext) async throws -> Page<TrackerReviewView> {
        let caller = try context.caller(for: ListLinkReviews.self)
        let limit = try QueryReader(request).limit()
        let items = try await useCases.listLinkReviews(limit: limit, purpose: Purpose.of(request.headers, query: nil), by: caller)
        return Page(items: items.map(TrackerReviewView.init))
    }

    @Sendable func decide(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.caller(for: DecideLinkReview.self)
        guard let id = Int64(try context.parameters.require("id")) else { throw Problem.badParameter("id", "must be a review id") }
        let body = try await request.decode(as: TrackerReviewDecisionRequest.self, context: context)
        guard let decision = TrackerReviewStore.Decision(rawValue: body.decision) else {
            throw Problem.validation([.init(field: "decision", message: "must be confirm or reject")])
        }
        try await useCases.decideLinkReview(id, decision: decision, by: caller)
        return .noContent
    }

    /// `POST /api/v1/feeds?fileName=…&extractDate=YYYY-MM-DD`: the extract as the body (text/csv), streamed to a
    /// temporary file and imported as `hub feed import` does.
    @Sendable func upload(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ImportFeed.self)
        let query = QueryReader(request)
        var extractDate: CalendarDate?
        if let text = query.string("extractDate") {
            guard case .day(let day) = CalendarDate.parse(text) else { throw Problem.badParameter("extractDate", "must be YYYY-MM-DD") }
            extractDate = day
        }
        let fileName = query.string("fileName") ?? "upload.csv"
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
        let report = try await useCases.importFeed(file: url, fileName: fileName, extractDate: extractDate, by: caller)
        return try JSONResponse.encoding(report, status: report.alreadyImported ? .ok : .created)
    }
}
