import Foundation
import PostgresNIO

/// How many people and how many addresses had 1–5, 6–10, 11–20 or more than 20 interactions with partner
/// agencies in the period (by event date, Europe/London days; 12 months to `to` by default): every event of a
/// live tracker record counts once, for the record's person and for its address (UPRN).
public struct InteractionBandsReport: BoardReport {
    public static let name = "interaction-bands"

    public static let bands: [(name: String, range: ClosedRange<Int>)] = [
        ("1-5", 1...5), ("6-10", 6...10), ("11-20", 11...20), ("20+", 21...Int.max),
    ]

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let rows = try await database.query(
            """
            WITH events AS (
                SELECT r.person_id, r.uprn
                FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                WHERE r.retired_at IS NULL
                  AND e.event_date >= (\(p.from) AT TIME ZONE 'Europe/London')::date
                  AND e.event_date < (\(p.to) AT TIME ZONE 'Europe/London')::date
            ), per_person AS (
                SELECT count(*) AS n FROM events WHERE person_id IS NOT NULL GROUP BY person_id
            ), per_address AS (
                SELECT count(*) AS n FROM events WHERE uprn IS NOT NULL GROUP BY uprn
            )
            SELECT 'person', \(unescaped: Self.bandSQL), count(*)::int FROM per_person GROUP BY 2
            UNION ALL
            SELECT 'address', \(unescaped: Self.bandSQL), count(*)::int FROM per_address GROUP BY 2
            """)
        var counts: [String: Int] = [:]
        for row in rows {
            let (kind, band, count) = try row.decode((String, String, Int).self)
            counts["\(kind) \(band)"] = count
        }
        var table: [[ReportValue]] = []
        for kind in ["person", "address"] {
            let total = Self.bands.reduce(0) { $0 + (counts["\(kind) \($1.name)"] ?? 0) }
            for band in Self.bands {
                let count = counts["\(kind) \(band.name)"] ?? 0
                table.append([.text(kind), .text(band.name), .count(count), .percent(count, of: total)])
            }
        }
        var report = ReportTable(report: Self.name, from: p.from, to: p.to,
                                 columns: [.init("unit", .dimension), .init("band", .dimension), .init("count", .count), .init("percent", .derived)],
                                 rows: table)
        // The people (addresses) with any interaction are not shown, but a band's count and percent give them.
        for kind in ["person", "address"] { report.impliedTotal(of: report.rows(where: "unit", is: kind), count: "count", derived: "percent") }
        return report
    }

    /// The band of a count `n` (a constant, never user input).
    static let bandSQL = "CASE WHEN n <= 5 THEN '1-5' WHEN n <= 10 THEN '6-10' WHEN n <= 20 THEN '11-20' ELSE '20+' END"
}
