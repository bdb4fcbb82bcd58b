import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// `GET /api/v1/tracker/high-frequency?unit=person|address&band=20+`: the people or addresses behind the
/// interaction bands report. Personal data: MASH roles only, a purpose is required, and the read is audited.
struct HighFrequencyController {
    let useCases: UseCases
    let clock: any WallClock

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("tracker/high-frequency", use: list)
    }

    struct Listing<Item: Codable & Sendable>: Codable, Sendable {
        let unit: String
        let band: String
        let items: [Item]
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ListHighFrequency.self)
        let query = QueryReader(request)
        let purpose = try Purpose.required(request)
        let unitName = query.string("unit") ?? "person"
        guard let unit = ListHighFrequency.Unit(rawValue: unitName) else { throw Problem.badParameter("unit", "must be person or address") }
        let bandName = query.string("band") ?? "20+"
        guard let band = InteractionBandsReport.bands.first(where: { $0.name == bandName }) else {
            throw Problem.badParameter("band", "must be one of " + InteractionBandsReport.bands.map(\.name).joined(separator: ", "))
        }
        let limit = try query.limit()
        let period = try ReportController.Period(query: query, now: clock.now()).parameters
        switch try await useCases.listHighFrequency(unit, band: band, period: period, limit: limit, purpose: purpose, by: caller) {
        case .persons(let items):
            return try JSONResponse.encoding(Listing<HighFrequencyStore.Person>(unit: unitName, band: bandName, items: items))
        case .addresses(let items):
            return try JSONResponse.encoding(Listing<HighFrequencyStore.Address>(unit: unitName, band: bandName, items: items))
        }
    }
}
