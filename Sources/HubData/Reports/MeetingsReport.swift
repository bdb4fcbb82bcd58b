import Foundation
import PostgresNIO

/// Strategy discussions and meetings held per month and kind, with the staff hours they took: each attendee and
/// the chair for the kind's length (discussion 45 minutes, meeting 90, domestic abuse daily discussion 15 per
/// case, as set in `lengths`).
public struct MeetingsReport: BoardReport {
    public static let name = "meetings"
    public static let lengths: [String: Int] = ["strategy_discussion": 45, "strategy_meeting": 90, "domestic_abuse_daily_discussion": 15]

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            SELECT to_char(d.held_at AT TIME ZONE 'Europe/London', 'YYYY-MM'), d.kind, count(*)::int,
                   (sum(jsonb_array_length(d.document->'attendees') + 1))::int
            FROM strategy_discussions d JOIN incidents i ON i.id = d.incident_id
            WHERE d.held_at >= \(p.from) AND d.held_at < \(p.to)
              AND (\(p.service)::text IS NULL OR i.service = \(p.service))
            GROUP BY 1, 2 ORDER BY 1, 2
            """)
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("month", .dimension), .init("kind", .dimension), .init("held", .count), .init("attendances", .count),
                      .init("staffHours", .derived)],
            rows: try result.map { row in
                let (month, kind, held, attendances) = try row.decode((String, String, Int, Int).self)
                let minutes = Self.lengths[kind] ?? 60
                return [.text(month), .text(kind), .count(held), .count(attendances), .number(Double(attendances * minutes) / 60)]
            })
        table.atMost("held", "attendances")  // every discussion has its chair
        return table
    }
}
