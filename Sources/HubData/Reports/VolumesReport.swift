import Foundation
import PostgresNIO

/// Contacts (referrals received) by month, form, source agency and channel, against the same period a year
/// earlier. A month is a calendar month in Europe/London; the year-earlier month is shown on the same row.
public struct VolumesReport: BoardReport {
    public static let name = "volumes"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        // Past days come from their stored counts (migration 014), counted now if this is the first request to need
        // them; the rest (the last few days, days a window only partly covers, days forgotten since a referral was
        // written into them) from the referrals themselves. The year-earlier window is in London time and is shown on
        // the current month's row; a referral in both windows counts once, as current.
        try await database.query(
            """
            SELECT referral_volume_count_days((((\(p.from) AT TIME ZONE 'Europe/London') - interval '1 year'))::date,
                                              (\(p.to) AT TIME ZONE 'Europe/London')::date)
            """)
        let result = try await database.query(
            """
            WITH bounds AS (
                SELECT \(p.from)::timestamptz AS from_at, \(p.to)::timestamptz AS to_at,
                       (\(p.from) AT TIME ZONE 'Europe/London') - interval '1 year' AS previous_from,
                       (\(p.to) AT TIME ZONE 'Europe/London') - interval '1 year' AS previous_to
            ), days AS (
                SELECT d::date AS day, d AS local_start, d + interval '1 day' AS local_end,
                       d AT TIME ZONE 'Europe/London' AS starts, (d + interval '1 day') AT TIME ZONE 'Europe/London' AS ends
                FROM bounds b, generate_series(date_trunc('day', b.previous_from), b.to_at AT TIME ZONE 'Europe/London', interval '1 day') AS d
            ), classified AS (
                -- whole_current: true for a day wholly in the period, false for one wholly in the year-earlier window
                -- (and before the period), null otherwise.
                SELECT d.day, d.starts, d.ends,
                       CASE WHEN d.starts >= b.from_at AND d.ends <= b.to_at THEN true
                            WHEN d.local_start >= b.previous_from AND d.local_end <= b.previous_to AND d.ends <= b.from_at THEN false
                       END AS whole_current,
                       (d.ends > b.from_at AND d.starts < b.to_at)
                           OR (d.local_end > b.previous_from AND d.local_start < b.previous_to) AS touched
                FROM days d, bounds b
            ), counted_days AS (
                SELECT c.day, c.whole_current AS current FROM classified c
                WHERE c.whole_current IS NOT NULL AND EXISTS (SELECT 1 FROM referral_volume_days_counted k WHERE k.day = c.day)
            ), live_days AS (
                SELECT c.starts, c.ends FROM classified c
                WHERE c.touched AND NOT EXISTS (SELECT 1 FROM counted_days k WHERE k.day = c.day)
            ), keyed AS (
                SELECT to_char(v.day + CASE WHEN k.current THEN interval '0' ELSE interval '1 year' END, 'YYYY-MM') AS month,
                       upper(v.form) AS form, v.source, v.channel, k.current, sum(v.contacts) AS contacts
                FROM counted_days k JOIN referral_volume_days v ON v.day = k.day
                WHERE (\(p.service)::text IS NULL OR v.service = \(p.service))
                  AND (\(p.agency)::text IS NULL OR v.source = \(p.agency))
                GROUP BY 1, 2, 3, 4, 5
                UNION ALL
                SELECT live.* FROM bounds b, live_days l CROSS JOIN LATERAL (
                    -- Per day, so that each is an index range of the referrals and never a scan of them all.
                    SELECT to_char((r.received_at AT TIME ZONE 'Europe/London')
                                   + CASE WHEN r.received_at >= b.from_at THEN interval '0' ELSE interval '1 year' END, 'YYYY-MM') AS month,
                           upper(r.form) AS form, coalesce(r.source_agency, 'member_of_public') AS source, r.channel,
                           r.received_at >= b.from_at AS current, count(*) AS contacts
                    FROM referrals r
                    WHERE r.received_at >= l.starts AND r.received_at < l.ends
                      AND ((r.received_at >= b.from_at AND r.received_at < b.to_at)
                           OR ((r.received_at AT TIME ZONE 'Europe/London') >= b.previous_from
                               AND (r.received_at AT TIME ZONE 'Europe/London') < b.previous_to))
                      AND (\(p.service)::text IS NULL OR r.service = \(p.service))
                      AND (\(p.agency)::text IS NULL OR coalesce(r.source_agency, 'member_of_public') = \(p.agency))
                    GROUP BY 1, 2, 3, 4, 5
                ) AS live
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
