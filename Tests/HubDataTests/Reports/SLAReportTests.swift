import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// The SLA report's share-request figures against the query they were first defined by, on a seeded random set
/// of incidents in both services, with every filter.
@Suite("SLA")
struct SLAReportTests {
    @Test func randomShareRequestsGiveWhatThePlainDefinitionGives() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            try await hub.superuser { connection in
                let log = hub.environment.logger
                try await connection.query("SELECT setseed(0.2026)", logger: log)
                try await connection.query(
                    """
                    INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency,
                                           document, created_by, created_at, updated_at)
                    SELECT gen_random_uuid(), 'SLA-' || g, 'c1', CASE WHEN g % 3 = 0 THEN 'adults' ELSE 'children' END, 'received',
                           'phone', timestamptz '2026-01-01' + g * interval '17 hours', 'PIP Town Council', 'piphire_uhb', '{}'::jsonb,
                           (SELECT id FROM users WHERE username = 'triage'), now(), now()
                    FROM generate_series(1, 120) AS g
                    """, logger: log)
                try await connection.query(
                    """
                    INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
                    SELECT gen_random_uuid(), 'SLAI-' || r.reference, r.id, r.form, r.service, r.local_authority,
                           (ARRAY['red', 'amber', 'green'])[1 + (substr(r.reference, 5)::int % 3)], 'sharing',
                           r.received_at + interval '1 hour', now()
                    FROM referrals r WHERE r.reference LIKE 'SLA-%'
                    """, logger: log)
                try await connection.query(
                    """
                    INSERT INTO share_requests (id, incident_id, agency_id, requested_at, requested_by, due_at, state, rag,
                                                response_kind, answered_at, answered_on_time)
                    SELECT gen_random_uuid(), i.id, a.id, i.opened_at, (SELECT id FROM users WHERE username = 'triage'),
                           i.opened_at + interval '24 hours', CASE WHEN t.taken IS NULL THEN 'requested' ELSE 'answered' END, i.rag,
                           CASE WHEN t.taken IS NULL THEN NULL ELSE 'nothing_known' END, i.opened_at + t.taken, t.taken <= interval '24 hours'
                    FROM incidents i
                    CROSS JOIN (SELECT id, code FROM agencies WHERE code IN ('piphire_police', 'piphire_uhb', 'pip_education')) a
                    CROSS JOIN LATERAL (SELECT CASE WHEN random() + 0 * length(i.reference || a.code) < 0.15 THEN NULL
                                                    ELSE random() * interval '40 hours' END AS taken) t
                    WHERE i.reference LIKE 'SLAI-%'
                    """, logger: log)
                // Some unanswered requests withdrawn (their incident closed): before their due time, or after it.
                try await connection.query(
                    """
                    UPDATE share_requests SET state = 'withdrawn',
                           withdrawn_at = due_at + (random() * 30 - 20) * interval '1 hour'
                    WHERE state = 'requested' AND random() < 0.5
                    """, logger: log)
            }
            for (service, agency) in [(nil as String?, nil as String?), ("children", nil), (nil, "piphire_police"), ("adults", "pip_education")] {
                var parameters = ReportParameters(
                    from: try Date("2026-01-10T00:00:00Z", strategy: .iso8601), to: try Date("2026-03-01T00:00:00Z", strategy: .iso8601),
                    asOf: try Date("2026-02-20T00:00:00Z", strategy: .iso8601))
                parameters.service = service
                parameters.agency = agency
                let table = try await BoardReportCatalog.all[SLAReport.name]!.run(hub.environment.database, parameters)
                let expected = try await hub.superuser { try await Self.plainDefinition($0, parameters, hub: hub) }
                #expect(expected.count > 1)
                #expect(Array(table.rows.prefix(expected.count)) == expected, "\(service ?? "-") \(agency ?? "-")")
                #expect(table.rows.count == expected.count + 1)  // and the strategy discussion row
                for row in table.rows {  // each request is met, breached, open or withdrawn: exactly one
                    guard case .count(let due) = row[3], case .count(let met) = row[4], case .count(let breached) = row[5],
                          case .count(let open) = row[6], case .count(let withdrawn) = row[7] else { Issue.record("\(row)"); continue }
                    #expect(due == met + breached + open + withdrawn, "\(row)")
                }
            }
            // The data holds requests withdrawn before and after their due time.
            let withdrawn = try await hub.superuser { connection in
                try await connection.query(
                    "SELECT count(*) FILTER (WHERE withdrawn_at <= due_at)::int, count(*) FILTER (WHERE withdrawn_at > due_at)::int FROM share_requests",
                    logger: hub.environment.logger
                ).collect().first!.decode((Int, Int).self)
            }
            #expect(withdrawn.0 > 5 && withdrawn.1 > 5)
        }
    }

    /// The share-request figures as docs/reports.md defines them, written plainly: met answered by the due time;
    /// breached answered late, or unanswered and past due at `asOf` without being withdrawn, or withdrawn after its due
    /// time; open unanswered, not withdrawn and not yet due; withdrawn withdrawn (its incident closed) by its due time.
    static func plainDefinition(_ connection: PostgresConnection, _ p: ReportParameters, hub: TestHub) async throws -> [[ReportValue]] {
        let result = try await connection.query(
            """
            SELECT CASE WHEN GROUPING(s.rag) = 0 THEN 'rag' WHEN GROUPING(a.code) = 0 THEN 'agency' ELSE 'total' END,
                   coalesce(s.rag, a.code, 'all'),
                   count(*)::int,
                   (count(*) FILTER (WHERE s.answered_on_time))::int,
                   (count(*) FILTER (WHERE (s.state = 'answered' AND s.answered_at > s.due_at)
                                       OR (s.state = 'requested' AND s.due_at <= \(p.asOf))
                                       OR (s.state = 'withdrawn' AND s.withdrawn_at > s.due_at)))::int,
                   (count(*) FILTER (WHERE s.state = 'requested' AND s.due_at > \(p.asOf)))::int,
                   (count(*) FILTER (WHERE s.state = 'withdrawn' AND s.withdrawn_at <= s.due_at))::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.answered_at - s.requested_at) / 60),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.answered_at - s.requested_at) / 60)
            FROM share_requests s
            JOIN agencies a ON a.id = s.agency_id
            JOIN incidents i ON i.id = s.incident_id
            WHERE s.requested_at >= \(p.from) AND s.requested_at < \(p.to)
              AND (\(p.service)::text IS NULL OR i.service = \(p.service))
              AND (\(p.agency)::text IS NULL OR a.code = \(p.agency))
            GROUP BY GROUPING SETS ((s.rag), (a.code), ())
            ORDER BY 1 DESC, 2
            """, logger: hub.environment.logger)
        var rows: [[ReportValue]] = []
        for try await (dimension, key, due, met, breached, open, withdrawn, median, p90)
            in result.decode((String, String, Int, Int, Int, Int, Int, Double?, Double?).self) {
            rows.append([.text("share_request"), .text(dimension), .text(key), .count(due), .count(met), .count(breached),
                         .count(open), .count(withdrawn), median.map(ReportValue.number) ?? .empty, p90.map(ReportValue.number) ?? .empty,
                         met + breached == 0 ? .empty : .number(Double(met) * 100 / Double(met + breached))])
        }
        return rows
    }
}
