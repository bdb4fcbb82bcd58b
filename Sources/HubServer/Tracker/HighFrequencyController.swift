import Foundation
import HubData
import Hummingbird

/// `GET /api/v1/tracker/high-frequency?unit=person|address&band=20+`: the people or addresses behind the
/// interaction bands report. Personal data: MASH roles only, a purpose is required, and the read is audited.
struct HighFrequencyController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("tracker/high-frequency", use: list)
    }

    struct PersonList: Codable, Sendable {
        let unit: String
        let band: String
        let items: [HighFrequencyStore.Person]
    }

    struct AddressList: Codable, Sendable {
        let unit: String
        let band: String
        let items: [HighFrequencyStore.Address]
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        try context.require(.readPersonalReports)
        let query = request.uri.queryParameters
        let purpose = try TrackerController.purpose(request)
        let unit = query["unit"].map(String.init) ?? "person"
        guard unit == "person" || unit == "address" else { throw Problem.badParameter("unit", "must be person or address") }
        let band = query["band"].map(String.init) ?? "20+"
        guard let range = InteractionBandsReport.bands.first(where: { $0.name == band })?.range else {
            throw Problem.badParameter("band", "must be one of " + InteractionBandsReport.bands.map(\.name).joined(separator: ", "))
        }
        let limit = try ReferralController.limit(query["limit"].map(String.init))
        let period = try ReportController.parameters(query, now: environment.clock.now())
        let store = HighFrequencyStore(database: environment.database)
        let body: Data
        let count: Int
        if unit == "person" {
            let items = try await store.persons(from: period.from, to: period.to, band: range, limit: limit)
            count = items.count
            body = try HubJSONEncoder.encode(PersonList(unit: unit, band: band, items: items))
        } else {
            let items = try await store.addresses(from: period.from, to: period.to, band: range, limit: limit)
            count = items.count
            body = try HubJSONEncoder.encode(AddressList(unit: unit, band: band, items: items))
        }
        try await recorder.record(context, action: "tracker.high_frequency.read", objectType: unit, objectId: nil, purpose: purpose,
                                  detail: ["band": band, "count": String(count)])
        return JSONResponse.make(body, status: .ok)
    }
}
