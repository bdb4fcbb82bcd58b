import Foundation
import PostgresNIO

/// The outcome of each incident opened in the period (its latest recorded strategy outcome), by service, with
/// "none recorded" as its own row so that missing outcomes stay visible.
public struct OutcomesReport: BoardReport {
    public static let name = "outcomes"
    public static let noneRecorded = "none recorded"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            SELECT service, outcome, count(*)::int FROM (
            SELECT i.service, coalesce(latest.outcome, \(Self.noneRecorded)) AS outcome, latest.outcome IS NULL AS none
            FROM incidents i
            LEFT JOIN LATERAL (
                SELECT d.outcome FROM strategy_discussions d
                WHERE d.incident_id = i.id AND d.outcome IS NOT NULL ORDER BY d.held_at DESC, d.id DESC LIMIT 1
            ) latest ON true
            WHERE i.opened_at >= \(p.from) AND i.opened_at < \(p.to)
              AND (\(p.service)::text IS NULL OR i.service = \(p.service))
            ) AS outcomes
            GROUP BY service, outcome, none ORDER BY service, none, outcome
            """)
        let counts = try result.map { try $0.decode((String, String, Int).self) }
        var totals: [String: Int] = [:]
        for (service, _, count) in counts { totals[service, default: 0] += count }
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("service", .dimension), .init("outcome", .dimension), .init("incidents", .count), .init("sharePercent", .derived)],
            rows: counts.map { service, outcome, count in
                [.text(service), .text(outcome), .count(count), .percent(count, of: totals[service] ?? 0)]
            })
        // The service's total is not shown, but any outcome's count and share give it.
        for service in totals.keys.sorted() {
            table.impliedTotal(of: table.rows(where: "service", is: service), count: "incidents", derived: "sharePercent")
        }
        return table
    }
}
