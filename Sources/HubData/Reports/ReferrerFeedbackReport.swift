import Foundation
import PostgresNIO

/// "Referrers informed of the decision within one working day" (issue #20): the referrals whose feedback clock
/// started (their first threshold decision) in the period, per referrer type (the referrer's agency's kind, or
/// `member_of_public`), per local authority and in total: `decided`, `onTime` (feedback given by the due time, Hub's
/// own "referrals we made" included), `late` (given after it, or not given and past it when the report is read),
/// `open` (not given, not yet due), and `onTimePercent` = onTime / (onTime + late) × 100.
public struct ReferrerFeedbackReport: BoardReport {
    public static let name = "referrer-feedback"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            SELECT CASE WHEN GROUPING(referrer_type) = 0 THEN 'referrer_type' WHEN GROUPING(local_authority) = 0 THEN 'local_authority'
                        ELSE 'total' END,
                   coalesce(referrer_type, local_authority, 'all'),
                   count(*)::int,
                   (count(*) FILTER (WHERE on_time))::int,
                   (count(*) FILTER (WHERE late))::int,
                   (count(*) FILTER (WHERE NOT on_time AND NOT late))::int
            FROM (
                SELECT coalesce(a.kind, 'member_of_public') AS referrer_type, r.local_authority,
                       -- Both are true or false, never null (an open clock's outcome is null): `open` is neither.
                       coalesce(c.outcome = 'met', false) AS on_time,
                       coalesce(c.outcome = 'breached', c.due_at < \(p.asOf)) AS late
                FROM referral_feedback_clocks c
                JOIN referrals r ON r.id = c.referral_id
                LEFT JOIN agencies a ON a.code = r.source_agency
                WHERE c.decided_at >= \(p.from) AND c.decided_at < \(p.to)
                  AND (\(p.service)::text IS NULL OR r.service = \(p.service))
                  AND (\(p.agency)::text IS NULL OR r.source_agency = \(p.agency))
            ) f
            GROUP BY GROUPING SETS ((referrer_type), (local_authority), ())
            ORDER BY CASE WHEN GROUPING(referrer_type) = 0 THEN 0 WHEN GROUPING(local_authority) = 0 THEN 1 ELSE 2 END, 2
            """)
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("dimension", .dimension), .init("key", .dimension), .init("decided", .count), .init("onTime", .count),
                      .init("late", .count), .init("open", .count), .init("onTimePercent", .derived)],
            rows: try result.map { row in
                let (dimension, key, decided, onTime, late, open) = try row.decode((String, String, Int, Int, Int, Int).self)
                return [.text(dimension), .text(key), .count(decided), .count(onTime), .count(late), .count(open),
                        .percent(onTime, of: onTime + late)]
            })
        // Each referral is one of on time, late and open; the total row is the sum of the referrer types and of the
        // local authorities.
        let counts = ["decided", "onTime", "late", "open"]
        table.sumColumns("decided", of: Array(counts.dropFirst()))
        if let total = table.rows(where: "dimension", is: "total").first {
            for dimension in ["referrer_type", "local_authority"] {
                table.sumRows(total, of: table.rows(where: "dimension", is: dimension), columns: counts)
            }
        }
        return table
    }
}
