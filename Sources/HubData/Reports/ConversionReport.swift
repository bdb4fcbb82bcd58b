import Foundation
import PostgresNIO

/// The share of referrals received in the period that became hub incidents, per local authority and service.
public struct ConversionReport: BoardReport {
    public static let name = "conversion"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let result = try await database.query(
            """
            SELECT r.local_authority, r.service, count(*)::int, count(i.id)::int
            FROM referrals r LEFT JOIN incidents i ON i.referral_id = r.id
            WHERE r.received_at >= \(p.from) AND r.received_at < \(p.to)
              AND (\(p.service)::text IS NULL OR r.service = \(p.service))
              AND (\(p.agency)::text IS NULL OR coalesce(r.source_agency, 'member_of_public') = \(p.agency))
            GROUP BY 1, 2 ORDER BY 1, 2
            """)
        return ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("localAuthority", .dimension), .init("service", .dimension), .init("referrals", .count),
                      .init("incidents", .count), .init("conversionPercent", .derived)],
            rows: try result.map { row in
                let (authority, service, referrals, incidents) = try row.decode((String, String, Int, Int).self)
                return [.text(authority), .text(service), .count(referrals), .count(incidents), .percent(incidents, of: referrals)]
            })
    }
}
