import Foundation
import HubData
import PostgresNIO

/// A year of fictional workflow activity, generated in SQL, for benchmarking the board reports:
/// `contacts` referrals (Cwm Taf's year one was 33,455), of which about 6.7% become incidents (2,236), rated
/// 39% red, 55% amber, 6% green, each with three share requests and, for most, a strategy discussion. About a
/// fifth of referrals are about a person referred before, as in the seed. (Each `random()` in a LATERAL refers to
/// its row: an uncorrelated LATERAL is evaluated once, which once gave every subject the same NHS number.)
struct SyntheticActivity: Sendable {
    let database: Database

    init(database: Database) { self.database = database }

    func generate(contacts: Int, yearStarting start: Date) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.query(
                """
                INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency,
                                       document, created_by, created_at, updated_at)
                SELECT gen_random_uuid(), 'S-' || g, f.form, f.service, 'received',
                       (ARRAY['phone','email','online_form','police_notification','letter'])[1 + (g % 5)],
                       \(start) + (random() * interval '365 days'),
                       (ARRAY['PIP Town Council','Piphire Vale Council'])[1 + (g % 2)],
                       (ARRAY['piphire_police','piphire_uhb','pip_education','pip_childrens', NULL])[1 + (g % 5)],
                       '{}'::jsonb, (SELECT id FROM users ORDER BY username LIMIT 1), now(), now()
                FROM generate_series(1, \(contacts)) AS g,
                LATERAL (SELECT CASE WHEN g % 20 < 12 THEN 'c1' WHEN g % 20 < 16 THEN 'a1' WHEN g % 20 < 19 THEN 'ppn' ELSE 'marac' END AS form) AS k,
                LATERAL (SELECT k.form, CASE WHEN k.form = 'c1' OR (k.form IN ('ppn','marac') AND g % 3 = 0) THEN 'children' ELSE 'adults' END AS service) AS f
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO referral_subjects (referral_id, position, role, forename, surname, date_of_birth, gender, nhs_number)
                SELECT r.id, 0, CASE r.service WHEN 'children' THEN 'child' ELSE 'adult_at_risk' END, 'Person', 'P' || p.n,
                       date '1950-01-01' + (p.n % 25000), 'unknown', lpad(p.n::text, 10, '9')
                FROM referrals r, LATERAL (SELECT (floor(random() * \(contacts) * 0.8 + 0 * length(r.reference)))::int AS n) p
                WHERE r.reference LIKE 'S-%'
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
                SELECT gen_random_uuid(), 'SI-' || r.reference, r.id, r.form, r.service, r.local_authority,
                       CASE WHEN x.v < 0.39 THEN 'red' WHEN x.v < 0.94 THEN 'amber' ELSE 'green' END,
                       'sharing', r.received_at + interval '2 hours', now()
                FROM referrals r, LATERAL (SELECT random() + 0 * length(r.reference) AS v) x
                WHERE r.reference LIKE 'S-%' AND random() < 0.0668
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO incident_ratings (incident_id, rag, rationale, rated_by, rated_at)
                SELECT i.id, i.rag, 'synthetic', (SELECT id FROM users ORDER BY username LIMIT 1), i.opened_at
                FROM incidents i WHERE i.reference LIKE 'SI-%'
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO share_requests (id, incident_id, agency_id, requested_at, requested_by, due_at, state, rag,
                                            response_kind, answered_at, answered_on_time)
                SELECT gen_random_uuid(), i.id, a.id, i.opened_at, (SELECT id FROM users ORDER BY username LIMIT 1),
                       i.opened_at + CASE i.rag WHEN 'red' THEN interval '2 hours' WHEN 'amber' THEN interval '24 hours' ELSE interval '72 hours' END,
                       'answered', i.rag, 'nothing_known', i.opened_at + t.taken,
                       t.taken <= CASE i.rag WHEN 'red' THEN interval '2 hours' WHEN 'amber' THEN interval '24 hours' ELSE interval '72 hours' END
                FROM incidents i
                CROSS JOIN (SELECT id FROM agencies WHERE code IN ('piphire_police','piphire_uhb','pip_education')) a
                CROSS JOIN LATERAL (SELECT (random() + 0 * length(i.reference || a.id::text)) * interval '30 hours' AS taken) t
                WHERE i.reference LIKE 'SI-%'
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO strategy_discussions (id, incident_id, kind, held_at, outcome, document, recorded_by, recorded_at)
                SELECT gen_random_uuid(), i.id,
                       CASE WHEN i.form IN ('ppn','marac') THEN 'domestic_abuse_daily_discussion' ELSE 'strategy_discussion' END,
                       i.opened_at + interval '5 hours',
                       CASE WHEN random() < 0.1 THEN NULL
                            WHEN i.form IN ('ppn','marac') THEN 'marac_referral'
                            WHEN i.service = 'children' THEN 'child_protection_enquiry' ELSE 'adult_at_risk_enquiry' END,
                       '{"attendees":[{"name":"A","agency":"piphire_police"},{"name":"B","agency":"piphire_uhb"},{"name":"C","agency":"pip_childrens"}]}'::jsonb,
                       (SELECT id FROM users ORDER BY username LIMIT 1), i.opened_at + interval '6 hours'
                FROM incidents i WHERE i.reference LIKE 'SI-%' AND random() < 0.85
                """, logger: logger)
            // The clocks the SLA report reads: one per share request, and one per incident for its strategy
            // discussion (met when one was held, else breached). Their records carry only the start and stop the
            // report reads, so they are stopped clocks (no due time) that no sweep would pick up.
            try await connection.query(
                """
                INSERT INTO sla_clocks (id, incident_id, purpose, share_request_id, record, due_at, warn_at, outcome, breached_at)
                SELECT gen_random_uuid(), s.incident_id, 'share_request', s.id,
                       jsonb_build_object('startedAt', s.requested_at, 'stoppedAt', s.answered_at), NULL, NULL,
                       CASE WHEN s.answered_on_time THEN 'met' ELSE 'breached' END, CASE WHEN NOT s.answered_on_time THEN s.due_at END
                FROM share_requests s JOIN incidents i ON i.id = s.incident_id
                WHERE i.reference LIKE 'SI-%'
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO sla_clocks (id, incident_id, purpose, share_request_id, record, due_at, warn_at, outcome, breached_at)
                SELECT gen_random_uuid(), i.id, 'strategy_discussion', NULL,
                       jsonb_build_object('startedAt', i.opened_at, 'stoppedAt', d.held_at), NULL, NULL,
                       CASE WHEN d.held_at IS NOT NULL THEN 'met' ELSE 'breached' END,
                       CASE WHEN d.held_at IS NULL THEN i.opened_at + interval '24 hours' END
                FROM incidents i
                LEFT JOIN LATERAL (SELECT min(sd.held_at) AS held_at FROM strategy_discussions sd WHERE sd.incident_id = i.id) d ON true
                WHERE i.reference LIKE 'SI-%'
                """, logger: logger)
        }
        // As autovacuum would have left a year's data: statistics, and pages marked all-visible so that the
        // reports' index-only scans read no table pages.
        try await database.query("VACUUM ANALYZE")
    }
}
