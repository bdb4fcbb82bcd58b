import Foundation
import HTTPTypes
import HubData
import HubWorkflow
import Hummingbird
import NIOCore

/// `/api/v1/referrals`: receive, read, list, decide, ratify: each parses the request, calls its use case and
/// renders the result.
struct ReferralController {
    let useCases: UseCases

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("referrals", use: create)
        group.get("referrals", use: list)
        group.get("referrals/:id", use: read)
        group.post("referrals/:id/decision", use: decide)
        group.post("referrals/:id/ratification", use: ratify)
        group.post("referrals/:id/feedback", use: recordFeedback)
    }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    @Sendable func create(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReceiveReferral.self)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let bodyData = Data(body.readableBytesView)
        let draft = try HubJSONDecoder.decode(ReferralDraft.self, from: bodyData)
        let claim = request.headers[Self.idempotencyKey].map { ReceiveReferral.IdempotencyClaim(key: $0, body: bodyData) }
        switch try await useCases.receiveReferral(draft, idempotency: claim, by: caller) {
        case let .created(stored, _, body):
            return JSONResponse.make(body, status: .created, headers: [
                .eTag: ETag.value(stored.version), .location: "/api/v1/referrals/\(stored.id.lowercased)",
            ])
        case let .replayed(status, body):
            return JSONResponse.make(body, status: HTTPResponse.Status(code: status), headers: [HTTPField.Name("Idempotent-Replayed")!: "true"])
        }
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadReferral.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let read = try await useCases.readReferral(id, purpose: Purpose.of(request), by: caller)
        var view = ReferralView(read.referral)
        view.tracker = read.tracker
        view.feedbackClock = read.feedbackClock.map { FeedbackClockView($0, now: read.readAt) }
        view.feedback = read.feedbackClock == nil && read.feedback.isEmpty ? nil : read.feedback.map(FeedbackView.init)
        return try JSONResponse.encoding(view, headers: [.eTag: ETag.value(read.referral.version)])
    }

    /// `GET /api/v1/referrals`'s query.
    struct ListQuery: QueryDecodable {
        let filter: ReferralFilter

        init(query: QueryReader) throws {
            var filter = ReferralFilter()
            filter.status = try query.value("status")
            filter.form = try query.value("form")
            filter.from = try query.instant("from")
            filter.to = try query.instant("to")
            filter.limit = try query.limit()
            filter.after = try query.cursor()?.position
            self.filter = filter
        }
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Page<ReferralSummary> {
        let caller = try context.caller(for: ListReferrals.self)
        let query = try request.decodeQuery(as: ListQuery.self)
        let items = try await useCases.listReferrals(query.filter, by: caller)
        return Page(items: items, limit: query.filter.limit) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }

    @Sendable func decide(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: DecideThreshold.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: DecisionRequest.self, context: context)
        let decided = try await useCases.decideThreshold(
            .init(referralId: id, expectedVersion: version, decision: body.decision, shareWith: body.shareWith ?? [],
                  holdStrategyDiscussion: body.holdStrategyDiscussion ?? false),
            by: caller)
        var headers: HTTPFields = [.eTag: ETag.value(decided.referral.version)]
        if let incidentId = decided.incidentId { headers[.location] = "/api/v1/incidents/\(incidentId.lowercased)" }
        return try JSONResponse.encoding(ReferralView(decided.referral), headers: headers)
    }

    @Sendable func ratify(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: RatifyDecision.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: Ratification.self, context: context)
        let stored = try await useCases.ratifyDecision(body, referralId: id, expectedVersion: version, by: caller)
        return try JSONResponse.encoding(ReferralView(stored), headers: [.eTag: ETag.value(stored.version)])
    }

    @Sendable func recordFeedback(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: RecordFeedback.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let body = try await request.decode(as: FeedbackRequest.self, context: context)
        // When Hub sends it, the use case gives it the clock's time; the placeholder here is never stored.
        let recorded = try await useCases.recordFeedback(
            try body.feedback(now: .distantPast), send: body.send ?? false, referralId: id, by: caller)
        return try JSONResponse.encoding(
            FeedbackRecordedView(feedback: FeedbackView(recorded.feedback), clock: recorded.clockOutcome), status: .created,
            headers: [.location: "/api/v1/referrals/\(id.lowercased)"])
    }
}
