import Foundation
import PostgresNIO

/// MARAC referrals per month (Europe/London): MARAC forms received, and strategy or daily discussions whose
/// outcome was a MARAC referral.
public struct MARACReport: BoardReport {
    public static let name = "marac"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            WITH forms AS (
                SELECT to_char(received_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*) AS n
                FROM referrals WHERE form = 'marac' AND received_at >= \(p.from) AND received_at < \(p.to) GROUP BY 1
            ), outcomes AS (
                SELECT to_char(held_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*) AS n
                FROM strategy_discussions WHERE outcome = 'marac_referral' AND held_at >= \(p.from) AND held_at < \(p.to) GROUP BY 1
            )
            SELECT month, coalesce(f.n, 0)::int, coalesce(o.n, 0)::int
            FROM forms f FULL JOIN outcomes o USING (month) ORDER BY month
            """)
        return ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("month", .dimension), .init("maracForms", .count), .init("maracOutcomes", .count), .init("total", .count)],
            rows: try result.map { row in
                let (month, forms, outcomes) = try row.decode((String, Int, Int).self)
                return [.text(month), .count(forms), .count(outcomes), .count(forms + outcomes)]
            })
    }
}
