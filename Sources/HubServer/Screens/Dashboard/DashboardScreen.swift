import Foundation
import HubData
import HubWorkflow
import Hummingbird
import NIOCore

/// The board dashboard: every board report as a table and a chart with its definition, for a period the reader
/// picks, each downloadable as CSV. Aggregates only, with small numbers suppressed for board viewers and
/// administrators exactly as in the API (the same use case).
struct DashboardScreen {
    let kit: ScreenKit

    /// The reports the dashboard shows, in order (the area report needs an area: it is in the API and the tracker).
    static let reports = ["volumes", "rag", "sla", "outcomes", "conversion", "repeat-referrals", "marac", "meetings", "actions",
                          "adult-risk-at-closure", "referrer-feedback", "interaction-bands"]

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("dashboard", use: show)
        router.get("dashboard/:name/csv", use: csv)
    }

    /// The period asked for (`from`, `to` as days; by default the 12 months to today), or the problems with it.
    static func period(_ request: Request, now: Date) -> (parameters: ReportParameters, from: String, to: String, issues: [ValidationIssue]) {
        let query = request.uri.queryParameters
        let fromText = query["from"].map(String.init) ?? ""
        let toText = query["to"].map(String.init) ?? ""
        var issues: [ValidationIssue] = []
        func day(_ text: String, field: String) -> Date? {
            guard !text.isEmpty else { return nil }
            guard let iso = ReferralFormReading.isoDay(text), let date = CalendarDate(iso),
                  let instant = Calendar.london.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
            else {
                issues.append(.init(field: field, message: "must be a date (day/month/year)"))
                return nil
            }
            return instant
        }
        let today = Calendar.london.startOfDay(for: now)
        let end = day(toText, field: "to").map { Calendar.london.date(byAdding: .day, value: 1, to: $0)! } ?? Calendar.london.date(byAdding: .day, value: 1, to: today)!
        let start = day(fromText, field: "from") ?? Calendar.london.date(byAdding: .year, value: -1, to: end)!
        if start >= end { issues.append(.init(field: "from", message: "must be before the end of the period")) }
        return (ReportParameters(from: start, to: max(end, start.addingTimeInterval(1)), asOf: now), fromText, toText, issues)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadBoardReport.self)
        let t = kit.catalogue(context)
        let (parameters, from, to, issues) = Self.period(request, now: kit.clock.now())
        var tables: [ReportTable] = []
        if issues.isEmpty {
            for name in Self.reports { tables.append(try await kit.useCases.readBoardReport(name, parameters: parameters, by: caller)) }
        }
        let errors = FormErrors(kit.fieldErrors(ValidationFailure(issues), context))
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let view = DashboardView(t: t, time: kit.time(context), tables: tables, from: from, to: to, errors: errors, parameters: parameters,
                                 agencyNames: agencies.namesByCode)
        return try kit.render("dashboard", page: kit.frame(request, context, title: t["dashboard.title"], errors: errors.frame), view: view,
                              status: issues.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func csv(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadBoardReport.self)
        let name = try context.parameters.require("name")
        guard Self.reports.contains(name) else { throw UseCaseError.notFound("The report \(name)") }
        let (parameters, _, _, issues) = Self.period(request, now: kit.clock.now())
        guard issues.isEmpty else { throw UseCaseError.notFound("The period") }
        let table = try await kit.useCases.readBoardReport(name, parameters: parameters, by: caller)
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
            body: .init(byteBuffer: ByteBuffer(string: table.csv)))
    }
}

/// The dashboard as the `dashboard` template draws it.
struct DashboardView: Sendable {
    struct Cell: Sendable {
        let text: String
        let numeric: Bool
    }

    struct Report: Sendable {
        let id: String
        let title: String
        let definition: String
        let headers: [String]
        let rows: [[Cell]]
        let hasRows: Bool
        let chart: String
        let csvHref: String
        let suppressedNote: Bool
    }

    let periodFields: [FormField]
    let period: String
    let reports: [Report]

    /// Columns the API gives that the screen leaves out: a sentence the other columns already say, in English.
    static let omittedColumns: Set<String> = ["statement"]

    init(t: MessageCatalogue, time: ScreenTime, tables: [ReportTable], from: String, to: String, errors: FormErrors, parameters: ReportParameters,
         agencyNames: [String: String]) {
        periodFields = [
            FormField(.text, name: "from", label: t["dashboard.from"], hint: t["hint.date"], value: from, error: errors["from"], width: "width-10"),
            FormField(.text, name: "to", label: t["dashboard.to"], hint: t["hint.date"], value: to, error: errors["to"], width: "width-10"),
        ]
        period = t.format("dashboard.period", ["from": time.date(parameters.from), "to": time.date(parameters.to.addingTimeInterval(-1))])
        let query = "?from=\(from.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&to=\(to.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        reports = tables.map { table in
            func text(_ value: ReportValue, _ column: ReportColumn) -> String {
                switch value {
                case .count(let count): return String(count)
                case .number(let number): return String(format: "%.1f", number)
                case .empty: return "–"
                case .text(let text):
                    if column.kind == .dimension { return agencyNames[text] ?? Self.dimension(text, t: t) }
                    return t.messages["report_value.\(text)"] ?? text
                }
            }
            let shown = table.columns.indices.filter { !Self.omittedColumns.contains(table.columns[$0].name) }
            let rows = table.rows.map { row in shown.map { Cell(text: text(row[$0], table.columns[$0]), numeric: table.columns[$0].kind != .dimension) } }
            let firstCount = table.columns.firstIndex { $0.kind == .count }
            let labelColumns = table.columns.indices.filter { table.columns[$0].kind == .dimension }
            let bars = firstCount.map { index in
                table.rows.map { row -> BarChart.Bar in
                    let label = labelColumns.prefix(2).map { text(row[$0], table.columns[$0]) }.joined(separator: " ")
                    switch row[index] {
                    case .count(let count): return BarChart.Bar(label: label, value: Double(count), text: String(count))
                    case .text(let shown): return BarChart.Bar(label: label, value: 0, text: shown)
                    default: return BarChart.Bar(label: label, value: 0, text: "–")
                    }
                }
            } ?? []
            let title = t["report.\(table.report).title"]
            let chart = bars.isEmpty ? "" : BarChart(
                title: t.format("dashboard.chart_title", ["report": title, "column": t.label("report_column", table.columns[firstCount!].name)]),
                bars: Array(bars.prefix(24))).svg
            return Report(
                id: "report-\(table.report)", title: title, definition: t["report.\(table.report).definition"],
                headers: shown.map { t.label("report_column", table.columns[$0].name) }, rows: rows, hasRows: !rows.isEmpty, chart: chart,
                csvHref: "/dashboard/\(table.report)/csv" + query, suppressedNote: table.suppressed)
        }
    }

    /// A grouping value in the page's language where the catalogue has it (a form, a rating, an outcome…).
    static func dimension(_ text: String, t: MessageCatalogue) -> String {
        for group in ["report_value", "form", "rag", "outcome", "service", "clock", "discussion_kind", "decision", "band", "source", "channel"] {
            if let label = t.messages["\(group).\(text)"] { return label }
        }
        if text.count == 7, text.dropFirst(4).first == "-", let month = Int(text.suffix(2)), (1...12).contains(month) {
            return t["month_short.\(month)"] + " " + text.prefix(4)
        }
        return text
    }
}
