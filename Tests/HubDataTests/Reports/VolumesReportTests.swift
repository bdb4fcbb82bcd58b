import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// The volumes report against its definition written plainly (one query per dimension, each referral's London
/// month worked out from its time), on a seeded random history that crosses the clocks changing and a year.
@Suite("Volumes")
struct VolumesReportTests {
    @Test func aRandomHistoryGivesWhatThePlainDefinitionGives() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            try await hub.superuser { connection in
                var random = SeededRandom(seed: 20_251_026)
                let start = try Date("2024-01-01T00:00:00Z", strategy: .iso8601)
                for n in 0..<500 {
                    // Times on a half-hour grid around midnight and 01:00 UTC, so month ends and the clocks changing are hit.
                    let at = start.addingTimeInterval(Double(random.next(850)) * 86_400 + Double(random.next(6) - 2) * 1_800)
                    let form = ["c1", "a1", "ppn", "marac"][random.next(4)]
                    let source: String? = ["piphire_police", "piphire_uhb", "pip_education", nil][random.next(4)]
                    try await connection.query(
                        """
                        INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency,
                                               document, created_by, created_at, updated_at)
                        VALUES (gen_random_uuid(), \("V-\(n)"), \(form), \(random.next(3) == 0 ? "adults" : "children"), 'received',
                                \(["phone", "email", "letter"][random.next(3)]), \(at), \(["PIP Town Council", "Piphire Vale Council"][random.next(2)]), \(source),
                                '{}'::jsonb, (SELECT id FROM users WHERE username = 'triage'), \(at), \(at))
                        """, logger: hub.environment.logger)
                }
                // Every fifth became an incident (for the conversion report).
                try await connection.query(
                    """
                    INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
                    SELECT gen_random_uuid(), 'I-' || r.reference, r.id, r.form, r.service, r.local_authority, 'amber', 'open',
                           r.received_at, r.received_at
                    FROM referrals r WHERE r.reference LIKE 'V-%' AND substr(r.reference, 3)::int % 5 = 0
                    """, logger: hub.environment.logger)
            }
            let database = hub.environment.database
            func compare(_ moment: String) async throws {
                for (from, to, service, agency) in [
                    ("2025-04-01T00:00:00Z", "2026-04-01T00:00:00Z", nil as String?, nil as String?),
                    ("2025-03-30T00:30:00Z", "2025-10-26T01:30:00Z", nil, nil),
                    ("2024-10-01T00:00:00Z", "2026-03-01T00:00:00Z", "adults", nil),
                    ("2025-01-31T23:30:00Z", "2025-12-01T00:00:00Z", nil, "member_of_public"),
                    ("2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z", "children", "piphire_police"),
                    ("2030-01-01T00:00:00Z", "2030-02-01T00:00:00Z", nil, nil),
                ] {
                    var parameters = ReportParameters(from: try Date(from, strategy: .iso8601), to: try Date(to, strategy: .iso8601),
                                                      asOf: try Date(to, strategy: .iso8601))
                    parameters.service = service
                    parameters.agency = agency
                    let table = try await BoardReportCatalog.all[VolumesReport.name]!.run(database, parameters)
                    let expected = try await hub.superuser { try await Self.plainDefinition($0, parameters, hub: hub) }
                    #expect(table.rows == expected, "\(moment): \(from) – \(to) \(service ?? "-") \(agency ?? "-")")
                    let conversion = try await BoardReportCatalog.all[ConversionReport.name]!.run(database, parameters)
                    let expectedConversion = try await hub.superuser { try await Self.plainConversion($0, parameters, hub: hub) }
                    #expect(conversion.rows == expectedConversion, "conversion, \(moment): \(from) – \(to) \(service ?? "-") \(agency ?? "-")")
                }
            }
            try await compare("first request")
            // The history is years before the database's clock, so the first request counted its days (migration 014).
            let counted = try await database.query("SELECT count(*)::int FROM referral_volume_days_counted").first!.decode(Int.self)
            // The windows' London days and their years before (the conversion report's windows lie inside them):
            // 2023-10-01 (a year before 2024-10-01) to 2026-04-01, all more than three days old; the 2030 window has none
            // old enough. 366 + 365 + 182 days and the last one: 914.
            #expect(counted == 914)
            try await compare("from the counted days")

            // The counted London days the changes below touch: of the referrals written, moved (both days), changed or
            // removed, and of the incidents opened, removed or moved (both referrals' days).
            let touchedReferences = (10...19).map { "V-\($0)" } + ["V-21", "V-25", "V-30", "V-33"]
            let writtenTimes = try ["2025-06-15T10:00:00Z", "2025-06-15T23:30:00Z", "2024-06-15T12:00:00Z", "2025-10-26T00:30:00Z"]
                .map { try Date($0, strategy: .iso8601) }
            let touched = try await database.query(
                """
                SELECT count(DISTINCT d)::int FROM (
                    SELECT (received_at AT TIME ZONE 'Europe/London')::date AS d FROM referrals WHERE reference = ANY(\(touchedReferences))
                    UNION SELECT ((received_at - interval '40 days') AT TIME ZONE 'Europe/London')::date FROM referrals
                          WHERE reference IN ('V-10', 'V-11')
                    UNION SELECT (t AT TIME ZONE 'Europe/London')::date FROM unnest(\(writtenTimes)::timestamptz[]) AS t
                ) AS days
                WHERE d IN (SELECT day FROM referral_volume_days_counted)
                """).first!.decode(Int.self)
            #expect(touched == 18)

            // Referrals written into counted days, moved between days and services, and removed: those days are
            // forgotten and the next request gives the plain definition again.
            try await hub.superuser { connection in
                let logger = hub.environment.logger
                for (n, at) in ["2025-06-15T10:00:00Z", "2025-06-15T23:30:00Z", "2024-06-15T12:00:00Z", "2025-10-26T00:30:00Z"].enumerated() {
                    let at = try Date(at, strategy: .iso8601)
                    try await connection.query(
                        """
                        INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency,
                                               document, created_by, created_at, updated_at)
                        VALUES (gen_random_uuid(), \("V-late-\(n)"), 'c1', 'children', 'received', 'phone', \(at), 'PIP Town Council',
                                'piphire_police', '{}'::jsonb, (SELECT id FROM users WHERE username = 'triage'), now(), now())
                        """, logger: logger)
                }
                try await connection.query("UPDATE referrals SET received_at = received_at - interval '40 days' WHERE reference IN ('V-10', 'V-11')", logger: logger)
                try await connection.query("UPDATE referrals SET service = CASE service WHEN 'adults' THEN 'children' ELSE 'adults' END WHERE reference IN ('V-12', 'V-13')", logger: logger)
                try await connection.query("UPDATE referrals SET channel = 'email', source_agency = NULL WHERE reference IN ('V-14', 'V-15')", logger: logger)
                try await connection.query(
                    """
                    UPDATE referrals SET local_authority = CASE local_authority WHEN 'PIP Town Council' THEN 'Piphire Vale Council'
                                                                               ELSE 'PIP Town Council' END
                    WHERE reference IN ('V-18', 'V-19')
                    """, logger: logger)
                try await connection.query("DELETE FROM referrals WHERE reference IN ('V-16', 'V-17')", logger: logger)
                // An incident opened for an older referral, one removed, one moved to another referral.
                try await connection.query(
                    """
                    INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
                    SELECT gen_random_uuid(), 'I-late', r.id, r.form, r.service, r.local_authority, 'red', 'open', now(), now()
                    FROM referrals r WHERE r.reference = 'V-21'
                    """, logger: logger)
                try await connection.query("DELETE FROM incidents WHERE reference = 'I-V-25'", logger: logger)
                try await connection.query(
                    "UPDATE incidents SET referral_id = (SELECT id FROM referrals WHERE reference = 'V-33') WHERE reference = 'I-V-30'",
                    logger: logger)
            }
            let forgotten = try await database.query("SELECT count(*)::int FROM referral_volume_days_counted").first!.decode(Int.self)
            #expect(forgotten == counted - touched)
            try await compare("after changes to counted days")
        }
    }

    /// The conversion report's SQL before it read the per-day counts.
    static func plainConversion(_ connection: PostgresConnection, _ p: ReportParameters, hub: TestHub) async throws -> [[ReportValue]] {
        let result = try await connection.query(
            """
            SELECT r.local_authority, r.service, count(*)::int, count(i.id)::int
            FROM referrals r LEFT JOIN incidents i ON i.referral_id = r.id
            WHERE r.received_at >= \(p.from) AND r.received_at < \(p.to)
              AND (\(p.service)::text IS NULL OR r.service = \(p.service))
              AND (\(p.agency)::text IS NULL OR coalesce(r.source_agency, 'member_of_public') = \(p.agency))
            GROUP BY 1, 2 ORDER BY 1, 2
            """, logger: hub.environment.logger)
        var rows: [[ReportValue]] = []
        for try await (authority, service, referrals, incidents) in result.decode((String, String, Int, Int).self) {
            rows.append([.text(authority), .text(service), .count(referrals), .count(incidents),
                         referrals == 0 ? .empty : .number(Double(incidents) * 100 / Double(referrals))])
        }
        return rows
    }

    /// The report's SQL before it was made fast: a query per dimension.
    static func plainDefinition(_ connection: PostgresConnection, _ p: ReportParameters, hub: TestHub) async throws -> [[ReportValue]] {
        var rows: [[ReportValue]] = []
        for dimension in ["total", "month", "form", "source", "channel"] {
            let result = try await connection.query(
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
                """, logger: hub.environment.logger)
            for try await (key, current, previous) in result.decode((String, Int, Int).self) {
                rows.append([
                    .text(dimension), .text(key), .count(current), .count(previous),
                    previous == 0 ? .empty : .number(Double(current - previous) * 100 / Double(previous)),
                ])
            }
        }
        return rows
    }
}
