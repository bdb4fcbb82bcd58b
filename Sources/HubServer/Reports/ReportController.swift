import Foundation
import HubData
import HubWorkflow
import Hummingbird
import NIOCore

/// `GET /api/v1/reports/{name}`: board reports as JSON, or CSV with `Accept: text/csv`. Board viewers get
/// small numbers suppressed ("<5").
struct ReportController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("reports", use: catalog)
        group.get("reports/:name", use: report)
    }

    struct Catalog: ResponseCodable {
        let reports: [String]
    }

    @Sendable func catalog(request: Request, context: HubRequestContext) async throws -> Catalog {
        try context.require(.readBoardReports)
        return Catalog(reports: BoardReportCatalog.names)
    }

    @Sendable func report(request: Request, context: HubRequestContext) async throws -> Response {
        let actor = try context.require(.readBoardReports)
        let name = try context.parameters.require("name")
        guard let report = BoardReportCatalog.all[name] else {
            throw Problem.notFound("The report \(name) (reports: \(BoardReportCatalog.names.joined(separator: ", ")))")
        }
        let parameters = try Self.parameters(request.uri.queryParameters, now: environment.clock.now())
        var table: ReportTable
        do { table = try await report.run(environment.database, parameters) } catch let missing as ReportParameterError {
            throw Problem.badParameter(missing.name, missing.message)
        }
        if actor.role == .boardViewer { table = table.suppressingSmallNumbers() }
        try await recorder.record(context, action: "report.read", objectType: "report", objectId: name,
                                  detail: ["from": HubDateFormat.string(from: parameters.from), "to": HubDateFormat.string(from: parameters.to)])
        let wantsCSV = request.headers[.accept]?.contains("text/csv") ?? false
        if wantsCSV {
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: table.csv)))
        }
        return JSONResponse.make(try HubJSONEncoder.encode(table), status: .ok)
    }

    static func parameters(_ query: Parameters, now: Date) throws -> ReportParameters {
        let to = try query["to"].map { try ReferralController.instant(String($0), name: "to") } ?? now
        let from = try query["from"].map { try ReferralController.instant(String($0), name: "from") }
            ?? Calendar.london.date(byAdding: .year, value: -1, to: to)!
        guard from < to else { throw Problem.badParameter("from", "must be before to") }
        var parameters = ReportParameters(from: from, to: to, asOf: now)
        if let service = query["service"] {
            guard ["children", "adults"].contains(String(service)) else { throw Problem.badParameter("service", "must be children or adults") }
            parameters.service = String(service)
        }
        parameters.agency = query["agency"].map(String.init)
        if let text = query["area"] {
            guard let area = TrackerArea(String(text)) else {
                throw Problem.badParameter("area", "must be a postcode (PP2 5GN), a sector (PP2 5) or a district (PP2)")
            }
            parameters.area = area
        }
        return parameters
    }
}
