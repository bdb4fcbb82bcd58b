import Foundation
import PostgresNIO

/// Contacts (referrals received) by month, form, source agency and channel, against the same period a year
/// earlier. A month is a calendar month in Europe/London; the year-earlier month is shown on the same row.
public struct VolumesReport: BoardReport {
    public static let name = "volumes"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        var rows: [[ReportValue]] = []
        for dimension in ["total", "month", "form", "source", "channel"] {
            let result = try await database.query(
                """
                WITH keyed AS (
                    SELECT CASE \(dimension)
                               WHEN 'total' THEN 'all'
                               WHEN 'month' THEN to_char(r.received_at AT TIME ZONE 'Europe/London'
                                                 + CASE WHEN r.received_at < \(p.from) THEN interval '1 year' ELSE interval '0' END, 'YYYY-MM')
                               WHEN 'form' THEN upper(r.form)
                               WHEN 'source' THEN coalesce(r.source_agency, 'member_of_public')
                               ELSE r.channel END AS key,
                           r.received_at >= \(p.from) AS current
                    FROM referrals r
                    WHERE ((r.received_at >= \(p.from) AND r.received_at < \(p.to))
                           OR ((r.received_at AT TIME ZONE 'Europe/London') >= (\(p.from) AT TIME ZONE 'Europe/London') - interval '1 year'
                               AND (r.received_at AT TIME ZONE 'Europe/London') < (\(p.to) AT TIME ZONE 'Europe/London') - interval '1 year'))
                      AND (\(p.service)::text IS NULL OR r.service = \(p.service))
                      AND (\(p.agency)::text IS NULL OR coalesce(r.source_agency, 'member_of_public') = \(p.agency))
                )
                SELECT key, (count(*) FILTER (WHERE current))::int, (count(*) FILTER (WHERE NOT current))::int
                FROM keyed GROUP BY key ORDER BY key
                """)
            for row in result {
                let (key, current, previous) = try row.decode((String, Int, Int).self)
                rows.append([
                    .text(dimension), .text(key), .count(current), .count(previous),
                    previous == 0 ? .empty : .number(Double(current - previous) * 100 / Double(previous)),
                ])
            }
        }
        return ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("dimension", .dimension), .init("key", .dimension), .init("count", .count),
                      .init("previousYearCount", .count), .init("changePercent", .derived)],
            rows: rows)
    }
}
