import Foundation
import PostgresNIO

/// The share of referrals received in the period that became hub incidents, per local authority and service.
public struct ConversionReport: BoardReport {
    public static let name = "conversion"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        try await ReferralDayCounts.prepare(database, from: p.from, to: p.to, yearEarlier: false)
        let result = try await database.query(
            """
            SELECT c.local_authority, c.service, sum(c.contacts)::int, sum(c.incidents)::int
            FROM referral_day_counts(\(p.from), \(p.to)) c
            WHERE (\(p.service)::text IS NULL OR c.service = \(p.service))
              AND (\(p.agency)::text IS NULL OR c.source = \(p.agency))
            GROUP BY 1, 2 ORDER BY 1, 2
            """)
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("localAuthority", .dimension), .init("service", .dimension), .init("referrals", .count),
                      .init("incidents", .count), .init("conversionPercent", .derived)],
            rows: try result.map { row in
                let (authority, service, referrals, incidents) = try row.decode((String, String, Int, Int).self)
                return [.text(authority), .text(service), .count(referrals), .count(incidents), .percent(incidents, of: referrals)]
            })
        table.atMost("incidents", "referrals")
        return table
    }
}
