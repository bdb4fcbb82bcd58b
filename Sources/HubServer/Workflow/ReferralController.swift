import Foundation
import HTTPTypes
import HubData
import HubWorkflow
import Hummingbird
import NIOCore

/// Referrals: receive, read, list, decide, ratify.
struct ReferralController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }
    var referrals: ReferralStore { ReferralStore(database: environment.database) }
    var incidents: IncidentStore { IncidentStore(database: environment.database) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("referrals", use: create)
        group.get("referrals", use: list)
        group.get("referrals/:id", use: read)
        group.post("referrals/:id/decision", use: decide)
        group.post("referrals/:id/ratification", use: ratify)
    }

    @Sendable func create(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.writeReferrals)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let bodyData = Data(body.readableBytesView)
        let draft = try HubJSONDecoder.decode(ReferralDraft.self, from: bodyData)
        let now = environment.clock.now()
        let referral = try draft.validated(now: now)
        var idempotency: ReferralStore.Idempotency?
        if let key = request.headers[HTTPField.Name("Idempotency-Key")!] {
            guard (1...200).contains(key.count) else { throw Problem.badParameter("Idempotency-Key", "must be 1–200 characters") }
            idempotency = .init(key: key, body: bodyData)
        }
        let recorder = self.recorder
        let outcome = try await referrals.create(
            referral, actor: actor, now: now, idempotency: idempotency,
            render: { stored, document in try ReferralCreatedBody.render(stored, document: document) },
            audit: { id in
                recorder.event(context, action: "referral.create", objectType: "referral", objectId: id.uuidString.lowercased(),
                               detail: ["form": referral.form.rawValue, "subjects": "\(referral.subjects.count)"])
            })
        switch outcome {
        case let .created(stored, body):
            return JSONResponse.make(body, status: .created, headers: [
                .eTag: ETag.value(stored.version), .location: "/api/v1/referrals/\(stored.id.uuidString.lowercased())",
            ])
        case let .replayed(status, body):
            return JSONResponse.make(body, status: HTTPResponse.Status(code: status), headers: [HTTPField.Name("Idempotent-Replayed")!: "true"])
        }
    }

    @Sendable func read(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.readReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        guard let stored = try await referrals.find(id: id) else { throw Problem.notFound("The referral") }
        var view = ReferralView(stored)
        view.tracker = try await ReferralTrackerPanel.lookUp(stored.referral.subjects, database: environment.database)
        try await recorder.record(
            context, action: "referral.read", objectType: "referral", objectId: id.uuidString.lowercased(),
            purpose: Purpose.of(request),
            detail: ["tracker_candidates": String(view.tracker?.reduce(0) { $0 + $1.candidates.count } ?? 0)])
        return JSONResponse.make(try HubJSONEncoder.encode(view), status: .ok, headers: [.eTag: ETag.value(stored.version)])
    }

    struct ReferralPage: ResponseCodable {
        let items: [ReferralSummary]
        let nextCursor: String?
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> ReferralPage {
        try context.require(.readReferrals)
        let query = request.uri.queryParameters
        var filter = ReferralFilter()
        if let status = query["status"] {
            guard let value = ReferralStatus(rawValue: String(status)) else {
                throw Problem.badParameter("status", "must be one of \(ReferralStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.status = value
        }
        if let form = query["form"] {
            guard let value = ReferralForm(rawValue: String(form).lowercased()) else {
                throw Problem.badParameter("form", "must be one of c1, a1, ppn, marac")
            }
            filter.form = value
        }
        filter.from = try query["from"].map { try Self.instant(String($0), name: "from") }
        filter.to = try query["to"].map { try Self.instant(String($0), name: "to") }
        filter.limit = try Self.limit(query["limit"].map(String.init))
        if let cursor = query["cursor"] { filter.after = try Self.decodeCursor(String(cursor)) }
        let items = try await referrals.list(filter)
        try await recorder.record(context, action: "referral.list", objectType: "referral", objectId: nil, detail: ["count": "\(items.count)"])
        let next = items.count == filter.limit ? items.last.map { Self.encodeCursor($0.receivedAt, $0.id) } : nil
        return ReferralPage(items: items, nextCursor: next)
    }

    @Sendable func decide(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.writeReferrals)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: DecisionRequest.self, context: context)
        let meets = body.kind.meetsThreshold
        if !meets && ((body.shareWith?.isEmpty == false) || body.holdStrategyDiscussion == true) {
            throw Problem.validation([.init(field: "shareWith", message: "only a decision that meets the threshold asks agencies to share")])
        }
        let now = environment.clock.now()
        let incidentId = try await incidents.decide(
            referralId: id, expectedVersion: version, decision: body.decision, shareWith: body.shareWith ?? [],
            holdStrategyDiscussion: body.holdStrategyDiscussion ?? false, actor: actor, now: now,
            audit: recorder.event(context, action: "referral.decide", objectType: "referral", objectId: id.uuidString.lowercased(),
                                  detail: ["decision": body.kind.rawValue]))
        guard let stored = try await referrals.find(id: id) else { throw Problem.notFound("The referral") }
        var headers: HTTPFields = [.eTag: ETag.value(stored.version)]
        if let incidentId { headers[.location] = "/api/v1/incidents/\(incidentId.uuidString.lowercased())" }
        return JSONResponse.make(try HubJSONEncoder.encode(ReferralView(stored)), status: .ok, headers: headers)
    }

    @Sendable func ratify(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.ratifyDecisions)
        let id = try context.parameters.require("id", as: UUID.self)
        let version = try ETag.requiredVersion(request)
        let body = try await request.decode(as: Ratification.self, context: context)
        try await incidents.ratify(
            referralId: id, expectedVersion: version, ratification: body, actor: actor, now: environment.clock.now(),
            audit: recorder.event(context, action: "referral.ratify", objectType: "referral", objectId: id.uuidString.lowercased(),
                                  detail: ["verdict": body.verdict.rawValue]))
        guard let stored = try await referrals.find(id: id) else { throw Problem.notFound("The referral") }
        return JSONResponse.make(try HubJSONEncoder.encode(ReferralView(stored)), status: .ok, headers: [.eTag: ETag.value(stored.version)])
    }

    // MARK: helpers

    static func instant(_ value: String, name: String) throws -> Date {
        if let date = HubDateFormat.date(from: value) { return date }
        if let day = CalendarDate(value), let date = Calendar.london.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) {
            return date
        }
        throw Problem.badParameter(name, "must be a date (2026-11-21) or an ISO 8601 instant")
    }

    static func limit(_ value: String?) throws -> Int {
        guard let value else { return 50 }
        guard let limit = Int(value), (1...500).contains(limit) else { throw Problem.badParameter("limit", "must be 1–500") }
        return limit
    }

    static func encodeCursor(_ at: Date, _ id: UUID) -> String {
        Data("\(at.timeIntervalSince1970)|\(id.uuidString)".utf8).base64EncodedString()
    }

    static func decodeCursor(_ cursor: String) throws -> (receivedAt: Date, id: UUID) {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw Problem.badParameter("cursor", "is not a cursor from a previous page")
        }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let seconds = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            throw Problem.badParameter("cursor", "is not a cursor from a previous page")
        }
        return (Date(timeIntervalSince1970: seconds), id)
    }
}

extension Calendar {
    static let london: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()
}
