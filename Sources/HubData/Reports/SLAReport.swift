import Foundation
import PostgresNIO

/// Share requests made in the period, by the RAG rating they were held to and by agency, and strategy
/// discussion clocks started in the period: due, met, breached, still open, withdrawn (their incident closed before
/// the due time, unanswered: neither met nor breached), median and 90th-percentile response time in minutes, and
/// compliance (met as a percentage of met plus breached).
public struct SLAReport: BoardReport {
    public static let name = "sla"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        var rows: [[ReportValue]] = []
        // Each request's answer time is worked out once (not once per percentile and grouping), and the incident
        // is looked at only when filtering on its service.
        let shares = try await database.query(
            """
            SELECT CASE WHEN GROUPING(rag) = 0 THEN 'rag' WHEN GROUPING(code) = 0 THEN 'agency' ELSE 'total' END,
                   coalesce(rag, code, 'all'),
                   count(*)::int,
                   (count(*) FILTER (WHERE met))::int,
                   (count(*) FILTER (WHERE breached))::int,
                   (count(*) FILTER (WHERE open))::int,
                   (count(*) FILTER (WHERE withdrawn))::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes)
            FROM (
                SELECT s.rag, a.code, s.answered_on_time AS met,
                       (s.answered_at IS NOT NULL AND NOT s.answered_on_time)
                           OR (s.answered_at IS NULL AND s.withdrawn_at IS NULL AND s.due_at <= \(p.asOf))
                           OR s.withdrawn_at > s.due_at AS breached,
                       s.answered_at IS NULL AND s.withdrawn_at IS NULL AND s.due_at > \(p.asOf) AS open,
                       s.withdrawn_at IS NOT NULL AND s.withdrawn_at <= s.due_at AS withdrawn,
                       (extract(epoch FROM s.answered_at - s.requested_at) / 60)::float8 AS minutes
                FROM share_requests s
                JOIN agencies a ON a.id = s.agency_id
                WHERE s.requested_at >= \(p.from) AND s.requested_at < \(p.to)
                  AND (\(p.service)::text IS NULL
                       OR EXISTS (SELECT 1 FROM incidents i WHERE i.id = s.incident_id AND i.service = \(p.service)))
                  AND (\(p.agency)::text IS NULL OR a.code = \(p.agency))
            ) s
            GROUP BY GROUPING SETS ((rag), (code), ())
            ORDER BY 1 DESC, 2
            """)
        for row in shares {
            let (dimension, key, due, met, breached, open, withdrawn, median, p90) =
                try row.decode((String, String, Int, Int, Int, Int, Int, Double?, Double?).self)
            rows.append([.text("share_request"), .text(dimension), .text(key), .count(due), .count(met), .count(breached),
                         .count(open), .count(withdrawn), .optionalNumber(median), .optionalNumber(p90), .percent(met, of: met + breached)])
        }
        let strategy = try await database.query(
            """
            SELECT count(*)::int,
                   (count(*) FILTER (WHERE c.outcome = 'met'))::int,
                   (count(*) FILTER (WHERE c.outcome = 'breached' OR (c.outcome IS NULL AND c.breached_at IS NOT NULL)
                                       OR (c.outcome IS NULL AND c.due_at <= \(p.asOf))))::int,
                   (count(*) FILTER (WHERE c.outcome IS NULL AND c.breached_at IS NULL AND (c.due_at IS NULL OR c.due_at > \(p.asOf))))::int,
                   (count(*) FILTER (WHERE c.outcome = 'withdrawn'))::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes)
            FROM (
                SELECT c.outcome, c.breached_at, c.due_at,
                       CASE WHEN c.outcome IN ('met', 'breached') THEN (extract(epoch FROM c.stopped_at - c.started_at) / 60)::float8 END AS minutes
                FROM sla_clocks c
                WHERE c.purpose = 'strategy_discussion' AND c.started_at >= \(p.from) AND c.started_at < \(p.to)
                  AND (\(p.service)::text IS NULL
                       OR EXISTS (SELECT 1 FROM incidents i WHERE i.id = c.incident_id AND i.service = \(p.service)))
            ) c
            """)
        if let row = strategy.first {
            let (due, met, breached, open, withdrawn, median, p90) = try row.decode((Int, Int, Int, Int, Int, Double?, Double?).self)
            rows.append([.text("strategy_discussion"), .text("total"), .text("all"), .count(due), .count(met), .count(breached),
                         .count(open), .count(withdrawn), .optionalNumber(median), .optionalNumber(p90), .percent(met, of: met + breached)])
        }
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("clock", .dimension), .init("dimension", .dimension), .init("key", .dimension), .init("due", .count),
                      .init("met", .count), .init("breached", .count), .init("open", .count), .init("withdrawn", .count), .init("medianMinutes", .derived),
                      .init("p90Minutes", .derived), .init("compliancePercent", .derived)],
            rows: rows)
        // Each request is one of met, breached, open and withdrawn; the share requests' total row is the sum of the
        // ratings and of the agencies.
        table.sumColumns("due", of: ["met", "breached", "open", "withdrawn"])
        let shareRows = Set(table.rows(where: "clock", is: "share_request"))
        if let total = table.rows(where: "dimension", is: "total").first(where: shareRows.contains) {
            for dimension in ["rag", "agency"] {
                table.sumRows(total, of: table.rows(where: "dimension", is: dimension).filter(shareRows.contains),
                              columns: ["due", "met", "breached", "open", "withdrawn"])
            }
        }
        return table
    }
}
