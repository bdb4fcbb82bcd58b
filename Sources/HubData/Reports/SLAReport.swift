import Foundation
import PostgresNIO

/// Share requests made in the period, by the RAG rating they were held to and by agency, and strategy
/// discussion clocks started in the period: due, met, breached, still open, median and 90th-percentile response
/// time in minutes, and compliance (met as a percentage of met plus breached).
public struct SLAReport: BoardReport {
    public static let name = "sla"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        var rows: [[ReportValue]] = []
        let shares = try await database.query(
            """
            SELECT CASE WHEN GROUPING(s.rag) = 0 THEN 'rag' WHEN GROUPING(a.code) = 0 THEN 'agency' ELSE 'total' END,
                   coalesce(s.rag, a.code, 'all'),
                   count(*)::int,
                   (count(*) FILTER (WHERE s.answered_on_time))::int,
                   (count(*) FILTER (WHERE (s.answered_at IS NOT NULL AND NOT s.answered_on_time)
                                       OR (s.answered_at IS NULL AND s.due_at <= \(p.asOf))))::int,
                   (count(*) FILTER (WHERE s.answered_at IS NULL AND s.due_at > \(p.asOf)))::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.answered_at - s.requested_at) / 60),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.answered_at - s.requested_at) / 60)
            FROM share_requests s
            JOIN agencies a ON a.id = s.agency_id
            JOIN incidents i ON i.id = s.incident_id
            WHERE s.requested_at >= \(p.from) AND s.requested_at < \(p.to)
              AND (\(p.service)::text IS NULL OR i.service = \(p.service))
              AND (\(p.agency)::text IS NULL OR a.code = \(p.agency))
            GROUP BY GROUPING SETS ((s.rag), (a.code), ())
            ORDER BY 1 DESC, 2
            """)
        for row in shares {
            let (dimension, key, due, met, breached, open, median, p90) =
                try row.decode((String, String, Int, Int, Int, Int, Double?, Double?).self)
            rows.append([.text("share_request"), .text(dimension), .text(key), .count(due), .count(met), .count(breached),
                         .count(open), .optionalNumber(median), .optionalNumber(p90), .percent(met, of: met + breached)])
        }
        let strategy = try await database.query(
            """
            SELECT count(*)::int,
                   (count(*) FILTER (WHERE c.outcome = 'met'))::int,
                   (count(*) FILTER (WHERE c.outcome = 'breached' OR (c.outcome IS NULL AND c.breached_at IS NOT NULL)
                                       OR (c.outcome IS NULL AND c.due_at <= \(p.asOf))))::int,
                   (count(*) FILTER (WHERE c.outcome IS NULL AND c.breached_at IS NULL AND (c.due_at IS NULL OR c.due_at > \(p.asOf))))::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM
                       ((c.record->>'stoppedAt')::timestamptz) - ((c.record->>'startedAt')::timestamptz)) / 60),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM
                       ((c.record->>'stoppedAt')::timestamptz) - ((c.record->>'startedAt')::timestamptz)) / 60)
            FROM sla_clocks c JOIN incidents i ON i.id = c.incident_id
            WHERE c.purpose = 'strategy_discussion'
              AND (c.record->>'startedAt')::timestamptz >= \(p.from) AND (c.record->>'startedAt')::timestamptz < \(p.to)
              AND (\(p.service)::text IS NULL OR i.service = \(p.service))
            """)
        if let row = strategy.first {
            let (due, met, breached, open, median, p90) = try row.decode((Int, Int, Int, Int, Double?, Double?).self)
            rows.append([.text("strategy_discussion"), .text("total"), .text("all"), .count(due), .count(met), .count(breached),
                         .count(open), .optionalNumber(median), .optionalNumber(p90), .percent(met, of: met + breached)])
        }
        return ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("clock", .dimension), .init("dimension", .dimension), .init("key", .dimension), .init("due", .count),
                      .init("met", .count), .init("breached", .count), .init("open", .count), .init("medianMinutes", .derived),
                      .init("p90Minutes", .derived), .init("compliancePercent", .derived)],
            rows: rows)
    }
}
