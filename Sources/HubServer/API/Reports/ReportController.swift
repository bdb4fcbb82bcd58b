import Foundation
import HubData
import HubWorkflow
import Hummingbird
import NIOCore

/// `GET /api/v1/reports/{name}`: board reports as JSON, or CSV with `Accept: text/csv`. Board viewers and
/// administrators get small numbers suppressed ("<5"; ``ReadBoardReport``).
struct ReportController {
    let useCases: UseCases
    let clock: any WallClock

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("reports", use: catalog)
        group.get("reports/:name", use: report)
    }

    struct Catalog: ResponseCodable {
        let reports: [String]
    }

    @Sendable func catalog(request: Request, context: HubRequestContext) async throws -> Catalog {
        Catalog(reports: try useCases.readBoardReport.catalog(by: try context.caller(for: ReadBoardReport.self)))
    }

    @Sendable func report(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadBoardReport.self)
        let name = try context.parameters.require("name")
        _ = try useCases.readBoardReport.report(named: name)
        let parameters = try Period(query: QueryReader(request), now: clock.now()).parameters
        let table = try await useCases.readBoardReport(name, parameters: parameters, by: caller)
        let wantsCSV = request.headers[.accept]?.contains("text/csv") ?? false
        if wantsCSV {
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: table.csv)))
        }
        return try JSONResponse.encoding(table)
    }

    /// A report's period and filters from the query: `from` (default a year before `to`), `to` (default now),
    /// `service`, `agency`, `area`.
    struct Period {
        let parameters: ReportParameters

        init(query: QueryReader, now: Date) throws {
            let to = try query.instant("to") ?? now
            let from = try query.instant("from") ?? Calendar.london.date(byAdding: .year, value: -1, to: to)!
            guard from < to else { throw Problem.badParameter("from", "must be before to") }
            var parameters = ReportParameters(from: from, to: to, asOf: now)
            if let service = query.string("service") {
                guard ["children", "adults"].contains(service) else { throw Problem.badParameter("service", "must be children or adults") }
                parameters.service = service
            }
            parameters.agency = query.string("agency")
            if let text = query.string("area") {
                guard let area = TrackerArea(text) else {
                    throw Problem.badParameter("area", "must be a postcode (PP2 5GN), a sector (PP2 5) or a district (PP2)")
                }
                parameters.area = area
            }
            self.parameters = parameters
        }
    }
}
