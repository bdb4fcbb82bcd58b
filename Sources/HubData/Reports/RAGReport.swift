import Foundation
import PostgresNIO

/// Incidents opened in the period by their first RAG rating (count and share), and how many were re-rated.
public struct RAGReport: BoardReport {
    public static let name = "rag"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            WITH opened AS (
                -- One pass over the incidents' ratings (not two look-ups per incident): the first and how many more.
                SELECT i.id, (array_agg(r.rag ORDER BY r.id))[1] AS first_rag, count(*) - 1 AS re_ratings
                FROM incidents i JOIN incident_ratings r ON r.incident_id = i.id
                WHERE i.opened_at >= \(p.from) AND i.opened_at < \(p.to)
                  AND (\(p.service)::text IS NULL OR i.service = \(p.service))
                GROUP BY i.id
            )
            SELECT g.rag, (count(o.id))::int, (count(o.id) FILTER (WHERE o.re_ratings > 0))::int,
                   (coalesce(sum(o.re_ratings), 0))::int
            FROM (VALUES ('red', 1), ('amber', 2), ('green', 3)) AS g (rag, position)
            LEFT JOIN opened o ON o.first_rag = g.rag
            GROUP BY g.rag, g.position ORDER BY g.position
            """)
        let counts = try result.map { try $0.decode((String, Int, Int, Int).self) }
        let total = counts.reduce(0) { $0 + $1.1 }
        var rows: [[ReportValue]] = counts.map { rag, incidents, reRated, reRatings in
            [.text(rag), .count(incidents), .percent(incidents, of: total), .count(reRated), .count(reRatings)]
        }
        rows.append([.text("total"), .count(total), total == 0 ? .empty : .number(100),
                     .count(counts.reduce(0) { $0 + $1.2 }), .count(counts.reduce(0) { $0 + $1.3 })])
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("rating", .dimension), .init("incidents", .count), .init("sharePercent", .derived),
                      .init("incidentsReRated", .count), .init("reRatings", .count)],
            rows: rows)
        let ratings = Array(0..<counts.count)
        table.sumRows(counts.count, of: ratings, columns: ["incidents", "incidentsReRated", "reRatings"])
        table.shares("sharePercent", of: ratings, total: counts.count, count: "incidents")
        table.atMost("incidentsReRated", "incidents")
        table.atMost("incidentsReRated", "reRatings")
        return table
    }
}
