import Foundation
import PostgresNIO

/// MARAC cases per month (Europe/London), each counted once: the MARAC referrals received from referrers, the MARAC
/// referrals Hub raised from a strategy discussion's `marac_referral` outcome, and the outcomes recorded before
/// outcomes were linked to MARAC referrals (migration 032) that stand for none. A discussion whose outcome linked to
/// a MARAC referral (the victim's live one, or the one its incident came from) is that referral's case, not another.
/// docs/reports.md defines each figure.
public struct MARACReport: BoardReport {
    public static let name = "marac"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            WITH referrals_received AS (
                SELECT to_char(r.received_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
                       EXISTS (SELECT 1 FROM marac_referral_links l WHERE l.marac_referral_id = r.id AND l.how = 'created') AS raised
                FROM referrals r
                WHERE r.form = 'marac' AND r.received_at >= \(p.from) AND r.received_at < \(p.to)
            ), unlinked AS (
                SELECT to_char(d.held_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month
                FROM strategy_discussions d
                JOIN incidents i ON i.id = d.incident_id
                JOIN referrals o ON o.id = i.referral_id
                WHERE d.outcome = 'marac_referral' AND d.held_at >= \(p.from) AND d.held_at < \(p.to) AND o.form <> 'marac'
                  AND NOT EXISTS (SELECT 1 FROM marac_referral_links l WHERE l.incident_id = d.incident_id)
                  AND NOT EXISTS (SELECT 1 FROM strategy_discussions e
                                  WHERE e.incident_id = d.incident_id AND e.outcome = 'marac_referral' AND (e.held_at, e.id) < (d.held_at, d.id))
            ), months AS (
                SELECT month, count(*) FILTER (WHERE NOT raised) AS forms, count(*) FILTER (WHERE raised) AS raised, 0 AS unlinked
                FROM referrals_received GROUP BY month
                UNION ALL
                SELECT month, 0, 0, count(*) FROM unlinked GROUP BY month
            )
            SELECT month, sum(forms)::int, sum(raised)::int, sum(unlinked)::int FROM months GROUP BY month ORDER BY month
            """)
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("month", .dimension), .init("maracForms", .count), .init("raisedFromDiscussions", .count),
                      .init("unlinkedOutcomes", .count), .init("total", .count)],
            rows: try result.map { row in
                let (month, forms, raised, unlinked) = try row.decode((String, Int, Int, Int).self)
                return [.text(month), .count(forms), .count(raised), .count(unlinked), .count(forms + raised + unlinked)]
            })
        table.sumColumns("total", of: ["maracForms", "raisedFromDiscussions", "unlinkedOutcomes"])
        return table
    }
}
