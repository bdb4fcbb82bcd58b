import Foundation
import PostgresNIO

/// Contacts (referrals received) by month, form, source agency and channel, against the same period a year
/// earlier. A month is a calendar month in Europe/London; the year-earlier month is shown on the same row.
public struct VolumesReport: BoardReport {
    public static let name = "volumes"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        // Per-day counts (migration 014) for the period and for the same period a year earlier in London time
        // (up to the period's start: a referral in both windows counts once, as current). A year-earlier month is
        // shown on the current month's row.
        try await ReferralDayCounts.prepare(database, from: p.from, to: p.to, yearEarlier: true)
        let result = try await database.query(
            """
            WITH bounds AS (
                SELECT \(p.from)::timestamptz AS from_at, \(p.to)::timestamptz AS to_at,
                       ((\(p.from) AT TIME ZONE 'Europe/London') - interval '1 year') AT TIME ZONE 'Europe/London' AS previous_from,
                       least(((\(p.to) AT TIME ZONE 'Europe/London') - interval '1 year') AT TIME ZONE 'Europe/London',
                             \(p.from)::timestamptz) AS previous_to
            ), counts AS (
                SELECT true AS current, c.* FROM bounds b, referral_day_counts(b.from_at, b.to_at) c
                UNION ALL
                SELECT false AS current, c.* FROM bounds b, referral_day_counts(b.previous_from, b.previous_to) c
            ), keyed AS (
                SELECT to_char(c.day + CASE WHEN c.current THEN interval '0' ELSE interval '1 year' END, 'YYYY-MM') AS month,
                       upper(c.form) AS form, c.source, c.channel, c.current, sum(c.contacts) AS contacts
                FROM counts c
                WHERE (\(p.service)::text IS NULL OR c.service = \(p.service))
                  AND (\(p.agency)::text IS NULL OR c.source = \(p.agency))
                GROUP BY 1, 2, 3, 4, 5
            )
            SELECT CASE WHEN GROUPING(month) = 0 THEN 'month' WHEN GROUPING(form) = 0 THEN 'form'
                        WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'total' END,
                   coalesce(month, form, source, channel, 'all'),
                   (coalesce(sum(contacts) FILTER (WHERE current), 0))::int,
                   (coalesce(sum(contacts) FILTER (WHERE NOT current), 0))::int
            FROM keyed
            GROUP BY GROUPING SETS ((), (month), (form), (source), (channel))
            HAVING count(*) > 0  -- no total row when there is nothing to count
            ORDER BY GROUPING(month) + 2 * GROUPING(form) + 4 * GROUPING(source) + 8 * GROUPING(channel) DESC, 2
            """)
        var rows: [[ReportValue]] = []
        for row in result {
            let (dimension, key, current, previous) = try row.decode((String, String, Int, Int).self)
            rows.append([
                .text(dimension), .text(key), .count(current), .count(previous),
                previous == 0 ? .empty : .number(Double(current - previous) * 100 / Double(previous)),
            ])
        }
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("dimension", .dimension), .init("key", .dimension), .init("count", .count),
                      .init("previousYearCount", .count), .init("changePercent", .derived)],
            rows: rows)
        // The total is the sum of the months, and of the forms, the sources and the channels.
        if let total = table.rows(where: "dimension", is: "total").first {
            for dimension in ["month", "form", "source", "channel"] {
                table.sumRows(total, of: table.rows(where: "dimension", is: dimension), columns: ["count", "previousYearCount"])
            }
        }
        return table
    }
}
