import Foundation
import PostgresNIO

/// Contacts (referrals received) by month, form, source agency and channel, against the same period a year
/// earlier. A month is a calendar month in Europe/London; the year-earlier month is shown on the same row.
public struct VolumesReport: BoardReport {
    public static let name = "volumes"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        // One pass over the referrals, counted by London month, form, source, channel and period; the five
        // dimensions are then summed from those few hundred groups. The month is found by searching the months'
        // first instants (a month boundary is midnight, never inside the hour the clocks go back), which is
        // cheaper per referral than converting each time to London time.
        let result = try await database.query(
            """
            WITH months AS (
                SELECT array_agg(m AT TIME ZONE 'Europe/London' ORDER BY m) AS starts
                FROM generate_series(date_trunc('month', (\(p.from) AT TIME ZONE 'Europe/London') - interval '1 year 1 day'),
                                     (\(p.to) AT TIME ZONE 'Europe/London') + interval '2 months', interval '1 month') AS m
            ), counted AS (
                SELECT width_bucket(r.received_at, (SELECT starts FROM months)) AS month, r.form,
                       coalesce(r.source_agency, 'member_of_public') AS source, r.channel,
                       r.received_at >= \(p.from) AS current, count(*) AS contacts
                FROM referrals r
                WHERE ((r.received_at >= \(p.from) AND r.received_at < \(p.to))
                       OR ((r.received_at AT TIME ZONE 'Europe/London') >= (\(p.from) AT TIME ZONE 'Europe/London') - interval '1 year'
                           AND (r.received_at AT TIME ZONE 'Europe/London') < (\(p.to) AT TIME ZONE 'Europe/London') - interval '1 year'))
                  AND (\(p.service)::text IS NULL OR r.service = \(p.service))
                  AND (\(p.agency)::text IS NULL OR coalesce(r.source_agency, 'member_of_public') = \(p.agency))
                GROUP BY 1, 2, 3, 4, 5
            ), keyed AS (
                -- A year-earlier month is shown on the current month's row.
                SELECT to_char(((SELECT starts FROM months)[c.month] AT TIME ZONE 'Europe/London')
                               + CASE WHEN c.current THEN interval '0' ELSE interval '1 year' END, 'YYYY-MM') AS month,
                       upper(c.form) AS form, c.source, c.channel, c.current, c.contacts
                FROM counted c
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
        return ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("dimension", .dimension), .init("key", .dimension), .init("count", .count),
                      .init("previousYearCount", .count), .init("changePercent", .derived)],
            rows: rows)
    }
}
