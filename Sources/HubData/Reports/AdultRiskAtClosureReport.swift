import Foundation
import PostgresNIO

/// Adult cases with risk reduced or removed at closure: adults' incidents closed in the period, per local authority
/// and in total, by what closing recorded of the risk (reduced, removed, remains, or not recorded for those closed
/// before Hub asked), and the share reduced or removed among those where it was recorded.
public struct AdultRiskAtClosureReport: BoardReport {
    public static let name = "adult-risk-at-closure"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            SELECT CASE WHEN GROUPING(i.local_authority) = 0 THEN i.local_authority ELSE 'all' END,
                   count(*)::int,
                   (count(*) FILTER (WHERE i.adult_risk_at_closure = 'reduced'))::int,
                   (count(*) FILTER (WHERE i.adult_risk_at_closure = 'removed'))::int,
                   (count(*) FILTER (WHERE i.adult_risk_at_closure = 'remains'))::int,
                   (count(*) FILTER (WHERE i.adult_risk_at_closure IS NULL))::int
            FROM incidents i
            WHERE i.service = 'adults' AND i.closed_at >= \(p.from) AND i.closed_at < \(p.to)
              AND (\(p.service)::text IS NULL OR i.service = \(p.service))
            GROUP BY GROUPING SETS ((i.local_authority), ())
            ORDER BY GROUPING(i.local_authority), 1
            """)
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("localAuthority", .dimension), .init("closed", .count), .init("reduced", .count), .init("removed", .count),
                      .init("remains", .count), .init("notRecorded", .count), .init("reducedOrRemovedPercent", .derived)],
            rows: try result.map { row in
                let (authority, closed, reduced, removed, remains, notRecorded) = try row.decode((String, Int, Int, Int, Int, Int).self)
                return [.text(authority), .count(closed), .count(reduced), .count(removed), .count(remains), .count(notRecorded),
                        .percent(reduced + removed, of: reduced + removed + remains)]
            })
        let columns = ["closed", "reduced", "removed", "remains", "notRecorded"]
        table.sumColumns("closed", of: Array(columns.dropFirst()))
        if let total = table.rows(where: "localAuthority", is: "all").first {
            table.sumRows(total, of: table.rows.indices.filter { $0 != total }, columns: columns)
        }
        return table
    }
}
